import * as React from 'react';
import { Box, Field, Flex, TextInput, Typography, VisuallyHidden } from '@strapi/design-system';
import { emit, errorAt, readJson, useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';
import { RowListField } from './row-list/RowListField';
import { RowListItem } from './row-list/RowListItem';
import { RowToolbar } from './row-list/RowToolbar';
import { useRowList } from './row-list/useRowList';

/** The server's limits and paste reader (server/src/shared/). */
import { MAX_CAST, MAX_CAST_NAME } from '../../../server/src/shared/custom-field-limits';
import { parseCastLines } from '../../../server/src/shared/cast-lines';

export interface CastRow {
  actor: string;
  character?: string | null;
}

type Part = 'actor' | 'character';

const asRows = (value: unknown): CastRow[] =>
  Array.isArray(value)
    ? value
        .filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object')
        .map((r) => ({
          actor: typeof r.actor === 'string' ? r.actor : '',
          character: typeof r.character === 'string' ? r.character : null,
        }))
    : [];

/** One of a row's two inputs, labelled for screen readers with its row ("Actor, row 2"). */
interface CastPartFieldProps {
  name: string;
  label: string;
  placeholder: string;
  value: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  describedBy?: string;
  inputRef: (el: HTMLInputElement | null) => void;
  onPaste: (e: React.ClipboardEvent<HTMLInputElement>) => void;
  onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => void;
  onChange: (text: string) => void;
}

const CastPartField = ({
  name,
  label,
  error,
  required,
  inputRef,
  describedBy,
  onChange,
  ...input
}: CastPartFieldProps) => (
  <Box flex="1 1 0" minWidth={0}>
    <Field.Root name={name} error={error} required={required}>
      <VisuallyHidden>
        <Field.Label>{label}</Field.Label>
      </VisuallyHidden>
      <TextInput
        {...input}
        ref={inputRef}
        maxLength={MAX_CAST_NAME}
        aria-describedby={describedBy}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
      <Field.Error />
    </Field.Root>
  </Box>
);

const CastInput = React.forwardRef<HTMLButtonElement, CustomFieldInputProps<CastRow[]>>((props, ref) => {
  const { name, disabled, rawError, value, onChange } = props;
  const t = useFieldIntl();
  const rows = asRows(readJson(value));
  const [notice, setNotice] = React.useState('');
  const list = useRowList({
    rows,
    max: MAX_CAST,
    onCommit: (next) =>
      emit(
        onChange,
        name,
        next.length ? next.map((r) => ({ actor: r.actor, character: r.character ? r.character : null })) : null
      ),
    messages: {
      moved: (position, total) => t('cast.moved', 'Row moved to position {position} of {total}', { position, total }),
      removed: (total) => t('cast.removed', 'Row removed, {total} left', { total }),
    },
  });

  const insertAt = (index: number, added: CastRow[], replaceEmpty: boolean) => {
    const current = rows[index];
    const replace = replaceEmpty && current && !current.actor.trim() && !current.character?.trim();
    const room = MAX_CAST - rows.length + (replace ? 1 : 0);
    const fitting = added.slice(0, Math.max(room, 0));
    setNotice(
      added.length > fitting.length
        ? t('cast.limit', 'Only {max} people fit: {dropped} lines were not added.', {
            max: MAX_CAST,
            dropped: added.length - fitting.length,
          })
        : ''
    );
    if (!fitting.length) return;
    const next = list.insert(replace ? index : index + 1, fitting, { replaced: replace ? 1 : 0, focus: 'actor' });
    list.announce(
      t('cast.added', '{count} rows added, {total} in the cast', { count: fitting.length, total: next.length })
    );
  };

  const addRow = () => {
    if (list.full) return;
    list.insert(rows.length, [{ actor: '', character: null }], { focus: 'actor' });
  };

  const onPaste = (index: number) => (e: React.ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\r\n]/.test(text.trim())) return; // one line: an ordinary paste into the input
    e.preventDefault();
    insertAt(index, parseCastLines(text), true);
  };

  /** Alt+↑/↓ moves the row (focus stays in the same input), Enter adds a row after it. */
  const onKeyDown = (index: number, part: Part) => (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      list.move(index, e.key === 'ArrowUp' ? 'up' : 'down', part);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      // Enter must not submit the whole entry form; it opens the next row instead.
      e.preventDefault();
      if (rows[index]?.actor.trim()) insertAt(index, [{ actor: '', character: null }], false);
    }
  };

  return (
    <RowListField
      ref={ref}
      field={props}
      kind="cast"
      count={t('cast.count', '{count} of {max} people', { count: rows.length, max: MAX_CAST })}
      help={t(
        'cast.help',
        'Paste several lines such as “Joaquin Phoenix as Theodore Twombly” to add one row each. Alt+↑/↓ moves a row, Enter adds the next one.'
      )}
      empty={t('cast.empty', 'No cast yet. Add a row, or paste a list into it.')}
      notice={notice}
      add={{
        label: t('cast.add', 'Add a cast row'),
        onClick: addRow,
      }}
      list={list}
    >
      {list.map((row, { index, key, position }) => {
        const actorError = withoutPath(errorAt(rawError, index, 'actor'));
        const characterError = withoutPath(errorAt(rawError, index, 'character'));
        return (
          <RowListItem
            key={key}
            dense
            invalid={Boolean(actorError || characterError)}
            testId="cast-row"
            label={t('cast.row', 'Cast row {position}', { position })}
          >
            <Flex gap={3} alignItems="flex-start">
              <Typography
                variant="pi"
                textColor="neutral600"
                aria-hidden
                style={{ minWidth: '2.4rem', paddingTop: '1.1rem', textAlign: 'right' }}
              >
                {position}.
              </Typography>
              <CastPartField
                name={`${name}.${index}.actor`}
                label={t('cast.actor.row', 'Actor, row {position}', { position })}
                placeholder={t('cast.actor', 'Actor')}
                value={row.actor}
                error={actorError}
                required
                disabled={disabled}
                describedBy={`${name}-help`}
                inputRef={list.refFor(key, 'actor')}
                onPaste={onPaste(index)}
                onKeyDown={onKeyDown(index, 'actor')}
                onChange={(text) => list.update(index, { actor: text })}
              />
              <Typography variant="pi" textColor="neutral600" aria-hidden style={{ paddingTop: '1.1rem' }}>
                {t('cast.as', 'as')}
              </Typography>
              <CastPartField
                name={`${name}.${index}.character`}
                label={t('cast.character.row', 'Character (optional), row {position}', { position })}
                placeholder={t('cast.character', 'Character (optional)')}
                value={row.character ?? ''}
                error={characterError}
                disabled={disabled}
                inputRef={list.refFor(key, 'character')}
                onPaste={onPaste(index)}
                onKeyDown={onKeyDown(index, 'character')}
                onChange={(text) => list.update(index, { character: text })}
              />
              <RowToolbar
                list={list}
                index={index}
                disabled={disabled}
                moveLabels={{
                  up: t('cast.move-up', 'Move row {position} up', { position }),
                  down: t('cast.move-down', 'Move row {position} down', { position }),
                }}
                removeLabel={t('cast.remove', 'Remove row {position}', { position })}
                // Focus goes to the row that took its place, or the previous one, or the add button.
                focusAfterRemove="actor"
              />
            </Flex>
          </RowListItem>
        );
      })}
    </RowListField>
  );
});
CastInput.displayName = 'CastInput';

export default CastInput;
