import * as React from 'react';
import { Box, Button, Field, Flex, IconButton, TextInput, Typography, VisuallyHidden } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { emit, errorAt, readJson, useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';

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

let nextId = 0;
const newId = () => `cast-row-${(nextId += 1)}`;

/**
 * Stable keys for the rows: the value carries no ids, so the input keeps a list
 * of keys alongside it, changed with every add, move and remove it makes, and
 * rebuilt when the value changes length from outside (a reload, "discard").
 * The form may render once more with the old value before ours arrives; while
 * `awaiting` that length, the keys are left alone.
 */
const useRowKeys = (length: number) => {
  const keys = React.useRef<string[]>([]);
  const awaiting = React.useRef<number | null>(null);
  if (awaiting.current === length) awaiting.current = null;
  if (awaiting.current === null && keys.current.length !== length) {
    keys.current = Array.from({ length }, (_, i) => keys.current[i] ?? newId());
  }
  return { keys, awaiting };
};

const CastInput = React.forwardRef<HTMLButtonElement, CustomFieldInputProps<CastRow[]>>(
  ({ name, label, hint, labelAction, required, disabled, error, rawError, value, onChange }, ref) => {
    const t = useFieldIntl();
    const rows = asRows(readJson(value));
    const { keys, awaiting } = useRowKeys(rows.length);
    const [announcement, setAnnouncement] = React.useState('');
    const [notice, setNotice] = React.useState('');
    const inputs = React.useRef(new Map<string, HTMLInputElement | null>());
    const buttons = React.useRef(new Map<string, HTMLButtonElement | null>());
    const pendingFocus = React.useRef<{ key: string; target: string } | null>(null);

    const commit = (next: CastRow[], nextKeys: string[]) => {
      keys.current = nextKeys;
      awaiting.current = next.length;
      emit(
        onChange,
        name,
        next.length ? next.map((r) => ({ actor: r.actor, character: r.character ? r.character : null })) : null
      );
    };

    const focusLater = (key: string, target: string) => {
      pendingFocus.current = { key, target };
    };

    // After a change renders, put the focus where it belongs: the moved row's input or
    // button, the new row's actor input. Kept pending until that element exists.
    React.useEffect(() => {
      const pending = pendingFocus.current;
      if (!pending) return;
      const { key, target } = pending;
      let el: HTMLElement | null | undefined;
      if (target === 'up' || target === 'down') {
        const preferred = buttons.current.get(`${key}:${target}`);
        const other = buttons.current.get(`${key}:${target === 'up' ? 'down' : 'up'}`);
        // The design system's buttons stay focusable when disabled (aria-disabled).
        const usable = (b: HTMLButtonElement | null | undefined) =>
          b && !b.disabled && b.getAttribute('aria-disabled') !== 'true';
        el = usable(preferred) ? preferred : other;
      } else if (target === 'add') {
        el = buttons.current.get('add');
      } else {
        el = inputs.current.get(`${key}:${target}`);
      }
      if (el && el.isConnected) {
        pendingFocus.current = null;
        el.focus();
      }
    });

    const updateAt = (index: number, part: Part, text: string) =>
      commit(
        rows.map((r, i) => (i === index ? { ...r, [part]: text } : r)),
        keys.current
      );

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
      const at = replace ? index : index + 1;
      const newKeys = fitting.map(() => newId());
      const next = [...rows];
      const nextKeys = [...keys.current];
      next.splice(at, replace ? 1 : 0, ...fitting);
      nextKeys.splice(at, replace ? 1 : 0, ...newKeys);
      commit(next, nextKeys);
      focusLater(newKeys[newKeys.length - 1], fitting.length > 1 ? 'actor' : 'actor');
      setAnnouncement(
        t('cast.added', '{count} rows added, {total} in the cast', { count: fitting.length, total: next.length })
      );
    };

    const addRow = () => {
      if (rows.length >= MAX_CAST) return;
      const key = newId();
      commit([...rows, { actor: '', character: null }], [...keys.current, key]);
      focusLater(key, 'actor');
    };

    const move = (index: number, direction: 'up' | 'down', focusTarget: string) => {
      const target = direction === 'up' ? index - 1 : index + 1;
      if (target < 0 || target >= rows.length) return;
      const next = [...rows];
      const nextKeys = [...keys.current];
      [next[index], next[target]] = [next[target], next[index]];
      [nextKeys[index], nextKeys[target]] = [nextKeys[target], nextKeys[index]];
      commit(next, nextKeys);
      focusLater(nextKeys[target], focusTarget);
      setAnnouncement(
        t('cast.moved', 'Row moved to position {position} of {total}', { position: target + 1, total: next.length })
      );
    };

    const remove = (index: number) => {
      const next = rows.filter((_, i) => i !== index);
      const nextKeys = keys.current.filter((_, i) => i !== index);
      commit(next, nextKeys);
      // Focus goes to the row that took its place, or the previous one, or the add button.
      const neighbour = nextKeys[index] ?? nextKeys[index - 1];
      focusLater(neighbour ?? 'add', neighbour ? 'actor' : 'add');
      setAnnouncement(t('cast.removed', 'Row removed, {total} left', { total: next.length }));
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
        move(index, e.key === 'ArrowUp' ? 'up' : 'down', part);
      } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
        // Enter must not submit the whole entry form; it opens the next row instead.
        e.preventDefault();
        if (rows[index]?.actor.trim()) insertAt(index, [{ actor: '', character: null }], false);
      }
    };

    const listError = withoutPath(typeof error === 'string' ? error : undefined);

    return (
      <Field.Root
        name={name}
        id={name}
        error={listError}
        hint={hint}
        required={required}
        data-movie-reviews-input="cast"
      >
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Flex justifyContent="space-between" alignItems="center" gap={2}>
            <Field.Label action={labelAction}>{label}</Field.Label>
            <Typography variant="pi" textColor="neutral600" data-testid={`${name}-count`}>
              {t('cast.count', '{count} of {max} people', { count: rows.length, max: MAX_CAST })}
            </Typography>
          </Flex>
          <Typography variant="pi" textColor="neutral600" id={`${name}-help`}>
            {t(
              'cast.help',
              'Paste several lines such as “Joaquin Phoenix as Theodore Twombly” to add one row each. Alt+↑/↓ moves a row, Enter adds the next one.'
            )}
          </Typography>

          {rows.length === 0 ? (
            <Box
              padding={4}
              hasRadius
              borderStyle="dashed"
              borderWidth="1px"
              borderColor="neutral300"
              background="neutral100"
            >
              <Typography textColor="neutral600">
                {t('cast.empty', 'No cast yet. Add a row, or paste a list into it.')}
              </Typography>
            </Box>
          ) : (
            <Flex
              tag="ol"
              direction="column"
              alignItems="stretch"
              gap={2}
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {rows.map((row, index) => {
                const key = keys.current[index] ?? `pending-${index}`;
                const position = index + 1;
                const actorError = withoutPath(errorAt(rawError, index, 'actor'));
                const characterError = withoutPath(errorAt(rawError, index, 'character'));
                return (
                  <Box
                    tag="li"
                    key={key}
                    paddingTop={2}
                    paddingBottom={2}
                    paddingLeft={3}
                    paddingRight={3}
                    hasRadius
                    borderStyle="solid"
                    borderWidth="1px"
                    borderColor={actorError || characterError ? 'danger600' : 'neutral200'}
                    background="neutral0"
                    data-testid="cast-row"
                    aria-label={t('cast.row', 'Cast row {position}', { position })}
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
                      <Box flex="1 1 0" minWidth={0}>
                        <Field.Root name={`${name}.${index}.actor`} error={actorError} required>
                          <VisuallyHidden>
                            <Field.Label>{t('cast.actor.row', 'Actor, row {position}', { position })}</Field.Label>
                          </VisuallyHidden>
                          <TextInput
                            ref={(el: HTMLInputElement | null) => {
                              inputs.current.set(`${key}:actor`, el);
                            }}
                            value={row.actor}
                            maxLength={MAX_CAST_NAME}
                            disabled={disabled}
                            placeholder={t('cast.actor', 'Actor')}
                            aria-describedby={`${name}-help`}
                            onPaste={onPaste(index)}
                            onKeyDown={onKeyDown(index, 'actor')}
                            onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                              updateAt(index, 'actor', e.target.value)
                            }
                          />
                          <Field.Error />
                        </Field.Root>
                      </Box>
                      <Typography variant="pi" textColor="neutral600" aria-hidden style={{ paddingTop: '1.1rem' }}>
                        {t('cast.as', 'as')}
                      </Typography>
                      <Box flex="1 1 0" minWidth={0}>
                        <Field.Root name={`${name}.${index}.character`} error={characterError}>
                          <VisuallyHidden>
                            <Field.Label>
                              {t('cast.character.row', 'Character (optional), row {position}', { position })}
                            </Field.Label>
                          </VisuallyHidden>
                          <TextInput
                            ref={(el: HTMLInputElement | null) => {
                              inputs.current.set(`${key}:character`, el);
                            }}
                            value={row.character ?? ''}
                            maxLength={MAX_CAST_NAME}
                            disabled={disabled}
                            placeholder={t('cast.character', 'Character (optional)')}
                            onPaste={onPaste(index)}
                            onKeyDown={onKeyDown(index, 'character')}
                            onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                              updateAt(index, 'character', e.target.value)
                            }
                          />
                          <Field.Error />
                        </Field.Root>
                      </Box>
                      <Flex gap={1} shrink={0}>
                        <IconButton
                          ref={(el: HTMLButtonElement | null) => {
                            buttons.current.set(`${key}:up`, el);
                          }}
                          label={t('cast.move-up', 'Move row {position} up', { position })}
                          variant="tertiary"
                          disabled={disabled || index === 0}
                          onClick={() => move(index, 'up', 'up')}
                        >
                          <ArrowUp />
                        </IconButton>
                        <IconButton
                          ref={(el: HTMLButtonElement | null) => {
                            buttons.current.set(`${key}:down`, el);
                          }}
                          label={t('cast.move-down', 'Move row {position} down', { position })}
                          variant="tertiary"
                          disabled={disabled || index === rows.length - 1}
                          onClick={() => move(index, 'down', 'down')}
                        >
                          <ArrowDown />
                        </IconButton>
                        <IconButton
                          label={t('cast.remove', 'Remove row {position}', { position })}
                          variant="danger-light"
                          disabled={disabled}
                          onClick={() => remove(index)}
                        >
                          <Trash />
                        </IconButton>
                      </Flex>
                    </Flex>
                  </Box>
                );
              })}
            </Flex>
          )}

          {notice && (
            <Typography variant="pi" textColor="warning600" role="status">
              {notice}
            </Typography>
          )}
          <Box>
            <Button
              ref={(el: HTMLButtonElement | null) => {
                buttons.current.set('add', el);
                if (typeof ref === 'function') ref(el);
                else if (ref) ref.current = el;
              }}
              id={name}
              aria-label={t('cast.add', 'Add a cast row')}
              variant="secondary"
              startIcon={<Plus />}
              disabled={disabled || rows.length >= MAX_CAST}
              onClick={addRow}
            >
              {t('cast.add', 'Add a cast row')}
            </Button>
          </Box>
          <Field.Hint />
          <Field.Error />
          <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
        </Flex>
      </Field.Root>
    );
  }
);
CastInput.displayName = 'CastInput';

export default CastInput;
