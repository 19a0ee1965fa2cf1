/**
 * The chip input behind the tags and locations fields: Enter or a comma adds
 * what was typed, Backspace in the empty input removes the last chip, a value
 * already in the list (any case) is not added twice. With `suggest`, the
 * input is a combobox listing existing tags as the editor types (debounced,
 * arrow keys + Enter, announced through aria-activedescendant).
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Field, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { emit, errorAt, readJson, useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';
import { PLUGIN_ID } from '../pluginId';
import { LabelWithCount } from './LabelWithCount';

export interface StringListOptions {
  /** Translation key prefix: `tags` or `locations`. */
  kind: 'tags' | 'locations';
  max: number;
  maxLength: number;
  /** Characters a value may hold (tags); free text when absent. */
  pattern?: RegExp;
  /** Ask the admin route for existing values as the editor types. */
  suggest?: boolean;
}

interface Suggestion {
  tag: string;
  count: number;
}

const DEBOUNCE_MS = 250;
const SUGGESTION_LIMIT = 8;

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];

const useSuggestions = (enabled: boolean, query: string) => {
  const { get } = useFetchClient();
  const [items, setItems] = React.useState<Suggestion[]>([]);
  React.useEffect(() => {
    if (!enabled || !query.trim()) {
      setItems([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      get<{ data: Suggestion[] }>(`/${PLUGIN_ID}/tags/suggest`, {
        params: { q: query.trim(), limit: SUGGESTION_LIMIT },
      })
        .then(({ data }) => {
          if (!cancelled) setItems(Array.isArray(data.data) ? data.data : []);
        })
        .catch(() => {
          if (!cancelled) setItems([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [enabled, get, query]);
  return items;
};

const chipButtonStyle: React.CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  width: '2rem',
  height: '2rem',
  border: 'none',
  borderRadius: '50%',
  background: 'transparent',
  cursor: 'pointer',
  padding: 0,
  color: 'inherit',
};

export const createStringListInput = (options: StringListOptions) => {
  const { kind, max, maxLength, pattern, suggest = false } = options;

  const StringListInput = React.forwardRef<HTMLInputElement, CustomFieldInputProps<string[]>>(
    ({ name, label, hint, labelAction, required, disabled, error, rawError, value, onChange }, ref) => {
      const t = useFieldIntl();
      const list = asList(readJson(value));
      const [draft, setDraft] = React.useState('');
      const [problem, setProblem] = React.useState('');
      const [open, setOpen] = React.useState(false);
      const [active, setActive] = React.useState(-1);
      const [announcement, setAnnouncement] = React.useState('');
      const listboxId = `${name}-suggestions`;
      const lower = new Set(list.map((v) => v.toLocaleLowerCase()));
      const fetched = useSuggestions(suggest && !disabled, draft);
      const suggestions = fetched.filter((s) => !lower.has(s.tag.toLocaleLowerCase()));
      const expanded = open && suggestions.length > 0;

      React.useEffect(() => setActive(-1), [fetched]);

      const commit = (next: string[]) => emit(onChange, name, next.length ? next : null);

      /** Adds values; returns whether the draft was used up (so it can be cleared). */
      const add = (values: string[]): boolean => {
        const next = [...list];
        const seen = new Set(lower);
        let issue = '';
        for (const raw of values) {
          const v = raw.trim();
          if (!v) continue;
          if (seen.has(v.toLocaleLowerCase())) {
            issue = t(`${kind}.duplicate`, '“{value}” is already in the list', { value: v });
            continue;
          }
          if (next.length >= max) {
            issue = t(`${kind}.full`, 'The list is full ({max})', { max });
            break;
          }
          if (v.length > maxLength) {
            issue = t(`${kind}.too-long`, 'At most {max} characters each', { max: maxLength });
            continue;
          }
          if (pattern && !pattern.test(v)) {
            issue = t(`${kind}.invalid`, 'Use letters, digits, spaces, dots and dashes');
            continue;
          }
          seen.add(v.toLocaleLowerCase());
          next.push(v);
        }
        setProblem(issue);
        if (next.length !== list.length) {
          commit(next);
          setAnnouncement(t(`${kind}.added`, 'Added {value}', { value: next.slice(list.length).join(', ') }));
        }
        return !issue || next.length !== list.length;
      };

      const removeAt = (index: number) => {
        const removed = list[index];
        commit(list.filter((_, i) => i !== index));
        setAnnouncement(t(`${kind}.removed`, 'Removed {value}', { value: removed }));
        setProblem('');
      };

      const pick = (s: Suggestion) => {
        add([s.tag]);
        setDraft('');
        setOpen(false);
      };

      const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
        if (e.nativeEvent.isComposing) return;
        if (expanded && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
          e.preventDefault();
          const n = suggestions.length;
          setActive((i) => (e.key === 'ArrowDown' ? (i + 1 >= n ? 0 : i + 1) : i - 1 < 0 ? n - 1 : i - 1));
          return;
        }
        if (e.key === 'ArrowDown' && suggestions.length) {
          e.preventDefault();
          setOpen(true);
          setActive(0);
          return;
        }
        if (e.key === 'Escape' && expanded) {
          e.preventDefault();
          setOpen(false);
          return;
        }
        if (e.key === 'Enter' || e.key === ',') {
          // Enter must not submit the entry form; a comma separates values.
          e.preventDefault();
          if (expanded && active >= 0 && suggestions[active]) {
            pick(suggestions[active]);
          } else if (draft.trim() && add([draft])) {
            setDraft('');
            setOpen(false);
          }
          return;
        }
        if (e.key === 'Backspace' && draft === '' && list.length) {
          e.preventDefault();
          removeAt(list.length - 1);
        }
      };

      const onPaste = (e: React.ClipboardEvent<HTMLInputElement>) => {
        const text = e.clipboardData.getData('text/plain');
        if (!/[,\n]/.test(text)) return;
        e.preventDefault();
        add(text.split(/[,\n]/));
      };

      const fieldError = withoutPath(typeof error === 'string' ? error : undefined);
      const itemErrors = list.map((v, i) => withoutPath(errorAt(rawError, i))).filter((m): m is string => Boolean(m));
      const shownError = fieldError ?? itemErrors[0] ?? (problem || undefined);
      const activeId = expanded && active >= 0 ? `${listboxId}-${active}` : undefined;

      return (
        <Field.Root
          name={name}
          id={name}
          error={shownError}
          hint={hint}
          required={required}
          data-movie-reviews-input={kind}
        >
          <Flex direction="column" alignItems="stretch" gap={1}>
            <LabelWithCount
              name={name}
              label={label}
              labelAction={labelAction}
              count={t(`${kind}.count`, '{count} of {max}', { count: list.length, max })}
            />
            <Box
              position="relative"
              hasRadius
              borderStyle="solid"
              borderWidth="1px"
              borderColor={shownError ? 'danger600' : 'neutral200'}
              background={disabled ? 'neutral150' : 'neutral0'}
              padding={1}
            >
              <Flex wrap="wrap" gap={1} alignItems="center">
                {list.length > 0 && (
                  <Flex
                    tag="ul"
                    wrap="wrap"
                    gap={1}
                    aria-label={t(`${kind}.list`, 'Added')}
                    style={{ listStyle: 'none', margin: 0, padding: 0 }}
                  >
                    {list.map((v, i) => (
                      <Flex
                        tag="li"
                        key={v.toLocaleLowerCase()}
                        gap={1}
                        alignItems="center"
                        background="primary100"
                        borderColor="primary200"
                        borderStyle="solid"
                        borderWidth="1px"
                        hasRadius
                        paddingLeft={2}
                        paddingRight={1}
                        data-testid={`${name}-chip`}
                      >
                        <Typography variant="pi" textColor="primary700" fontWeight="bold">
                          {v}
                        </Typography>
                        <button
                          type="button"
                          style={chipButtonStyle}
                          disabled={disabled}
                          aria-label={t(`${kind}.remove`, 'Remove {value}', { value: v })}
                          onClick={() => removeAt(i)}
                        >
                          <Cross width="1rem" height="1rem" aria-hidden />
                        </button>
                      </Flex>
                    ))}
                  </Flex>
                )}
                <Box flex="1 1 12rem" minWidth="12rem">
                  <input
                    ref={ref}
                    id={name}
                    name={name}
                    type="text"
                    value={draft}
                    disabled={disabled || list.length >= max}
                    maxLength={maxLength}
                    autoComplete="off"
                    placeholder={
                      list.length >= max
                        ? t(`${kind}.full`, 'The list is full ({max})', { max })
                        : t(`${kind}.placeholder`, 'Type and press Enter')
                    }
                    role={suggest ? 'combobox' : undefined}
                    aria-autocomplete={suggest ? 'list' : undefined}
                    aria-expanded={suggest ? expanded : undefined}
                    aria-controls={suggest ? listboxId : undefined}
                    aria-activedescendant={activeId}
                    aria-describedby={`${name}-limits`}
                    aria-invalid={shownError ? true : undefined}
                    onChange={(e) => {
                      setDraft(e.target.value);
                      setProblem('');
                      setOpen(true);
                    }}
                    onKeyDown={onKeyDown}
                    onPaste={onPaste}
                    onBlur={() => setOpen(false)}
                    style={{
                      width: '100%',
                      border: 'none',
                      outline: 'none',
                      background: 'transparent',
                      padding: '0.6rem 0.8rem',
                      font: 'inherit',
                      fontSize: '1.4rem',
                      color: 'inherit',
                    }}
                  />
                </Box>
              </Flex>
              {suggest && (
                <Box
                  tag="ul"
                  id={listboxId}
                  role="listbox"
                  aria-label={t(`${kind}.suggestions`, 'Suggestions')}
                  position="absolute"
                  left={0}
                  right={0}
                  zIndex={2}
                  background="neutral0"
                  hasRadius
                  shadow="filterShadow"
                  borderStyle="solid"
                  borderWidth="1px"
                  borderColor="neutral200"
                  padding={1}
                  style={{ top: '100%', marginTop: 4, listStyle: 'none', display: expanded ? 'block' : 'none' }}
                >
                  {expanded &&
                    suggestions.map((s, i) => (
                      <Box
                        tag="li"
                        key={s.tag}
                        id={`${listboxId}-${i}`}
                        role="option"
                        aria-selected={i === active}
                        background={i === active ? 'primary100' : undefined}
                        hasRadius
                        paddingTop={2}
                        paddingBottom={2}
                        paddingLeft={3}
                        paddingRight={3}
                        style={{ cursor: 'pointer' }}
                        // mousedown, not click: the input's blur would close the list first.
                        onMouseDown={(e: React.MouseEvent) => {
                          e.preventDefault();
                          pick(s);
                        }}
                      >
                        <Flex justifyContent="space-between" gap={2}>
                          <Typography textColor={i === active ? 'primary700' : 'neutral800'}>{s.tag}</Typography>
                          <Typography variant="pi" textColor="neutral600">
                            {t(`${kind}.used`, 'used {count} times', { count: s.count })}
                          </Typography>
                        </Flex>
                      </Box>
                    ))}
                </Box>
              )}
            </Box>
            <Typography variant="pi" textColor="neutral600" id={`${name}-limits`}>
              {t(
                `${kind}.hint`,
                'Enter or comma adds; Backspace removes the last. Up to {max}, {length} characters each.',
                {
                  max,
                  length: maxLength,
                }
              )}
            </Typography>
            <Field.Hint />
            <Field.Error />
            <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
          </Flex>
        </Field.Root>
      );
    }
  );
  StringListInput.displayName = `StringListInput(${kind})`;
  return StringListInput;
};
