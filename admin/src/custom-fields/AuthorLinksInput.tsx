import * as React from 'react';
import { Box, Button, Field, Flex, IconButton, TextInput, Typography, VisuallyHidden } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { errorAt, emit, readJson, useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';

/** The server's limits (server/src/shared/custom-field-limits.ts). */
import {
  MAX_AUTHOR_LINK_LABEL,
  MAX_AUTHOR_LINK_URL,
  MAX_AUTHOR_LINKS,
} from '../../../server/src/shared/custom-field-limits';

export interface AuthorLinkValue {
  label: string;
  url: string;
}

const asLinks = (value: unknown): AuthorLinkValue[] =>
  Array.isArray(value)
    ? value.map((l: unknown) => {
        const link = (typeof l === 'object' && l !== null ? l : {}) as Partial<Record<'label' | 'url', unknown>>;
        return {
          label: typeof link.label === 'string' ? link.label : '',
          url: typeof link.url === 'string' ? link.url : '',
        };
      })
    : [];

/** A quick hint while typing; the server applies the full rule (public host, no credentials, no IP). */
const looksLikeHttps = (value: string) => /^https:\/\/[^\s/?#@\\]+\.[^\s/?#@\\]+/i.test(value);

/**
 * The author's links as rows of a label and an https URL: add and remove with
 * buttons (keyboard: Tab and Enter/Space), every input labelled, changes announced.
 */
const AuthorLinksInput = React.forwardRef<HTMLButtonElement, CustomFieldInputProps<AuthorLinkValue[]>>(
  ({ name, label, hint, labelAction, required, disabled, error, rawError, value, onChange }, ref) => {
    const t = useFieldIntl();
    const links = asLinks(readJson(value));
    const [announcement, setAnnouncement] = React.useState('');
    const labelInputs = React.useRef<Array<HTMLInputElement | null>>([]);
    const addButton = React.useRef<HTMLButtonElement | null>(null);
    const focusRow = React.useRef<number | 'add' | null>(null);

    const commit = (next: AuthorLinkValue[]) => emit(onChange, name, next);
    const updateAt = (index: number, patch: Partial<AuthorLinkValue>) =>
      commit(links.map((l, i) => (i === index ? { ...l, ...patch } : l)));

    const add = () => {
      if (links.length >= MAX_AUTHOR_LINKS) return;
      focusRow.current = links.length;
      commit([...links, { label: '', url: '' }]);
      setAnnouncement(t('author-links.added', 'Link {position} added', { position: links.length + 1 }));
    };

    const remove = (index: number) => {
      const next = links.filter((_, i) => i !== index);
      // Focus moves to the row that took its place, else the previous one, else the add button.
      focusRow.current = next.length === 0 ? 'add' : Math.min(index, next.length - 1);
      commit(next);
      setAnnouncement(t('author-links.removed', 'Link removed, {total} links left', { total: next.length }));
    };

    React.useEffect(() => {
      const target = focusRow.current;
      if (target === null) return;
      focusRow.current = null;
      if (target === 'add') addButton.current?.focus();
      else labelInputs.current[target]?.focus();
    }, [links.length]);

    const full = links.length >= MAX_AUTHOR_LINKS;

    return (
      <Field.Root name={name} id={name} error={withoutPath(error)} hint={hint} required={required}>
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Flex justifyContent="space-between" alignItems="center" gap={2}>
            <Field.Label action={labelAction}>{label}</Field.Label>
            <Typography variant="pi" textColor="neutral600">
              {t('author-links.count', '{count} of {max} links', { count: links.length, max: MAX_AUTHOR_LINKS })}
            </Typography>
          </Flex>
          {links.length === 0 ? (
            <Typography variant="pi" textColor="neutral600">
              {t('author-links.empty', 'No links yet. Add the website and social profiles of the author.')}
            </Typography>
          ) : null}
          <Flex tag="ol" direction="column" alignItems="stretch" gap={2} style={{ listStyle: 'none', padding: 0 }}>
            {links.map((link, index) => {
              const position = index + 1;
              const urlError =
                withoutPath(errorAt(rawError, index, 'url')) ??
                (link.url && !looksLikeHttps(link.url)
                  ? t('author-links.url.invalid', 'Must be an https link')
                  : undefined);
              return (
                <Box
                  tag="li"
                  key={index}
                  padding={3}
                  hasRadius
                  borderColor="neutral200"
                  aria-label={t('author-links.item', 'Link {position}', { position })}
                >
                  <Flex gap={3} alignItems="flex-start" wrap="wrap">
                    <Box flex="1 1 140px">
                      <Field.Root
                        name={`${name}.${index}.label`}
                        error={withoutPath(errorAt(rawError, index, 'label'))}
                        required
                      >
                        <Field.Label>{t('author-links.label.field', 'Label')}</Field.Label>
                        <TextInput
                          ref={(el: HTMLInputElement | null) => {
                            labelInputs.current[index] = el;
                          }}
                          value={link.label}
                          maxLength={MAX_AUTHOR_LINK_LABEL}
                          disabled={disabled}
                          placeholder={t('author-links.label.placeholder', 'Website')}
                          onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                            updateAt(index, { label: e.target.value })
                          }
                        />
                        <Field.Error />
                      </Field.Root>
                    </Box>
                    <Box flex="3 1 260px">
                      <Field.Root
                        name={`${name}.${index}.url`}
                        error={urlError}
                        hint={t('author-links.url.hint', 'An https link, e.g. https://example.com/about')}
                        required
                      >
                        <Field.Label>{t('author-links.url', 'URL')}</Field.Label>
                        <TextInput
                          type="url"
                          inputMode="url"
                          value={link.url}
                          maxLength={MAX_AUTHOR_LINK_URL}
                          disabled={disabled}
                          placeholder="https://"
                          onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                            updateAt(index, { url: e.target.value.trim() })
                          }
                        />
                        <Field.Hint />
                        <Field.Error />
                      </Field.Root>
                    </Box>
                    <Box paddingTop={6}>
                      <IconButton
                        variant="danger-light"
                        disabled={disabled}
                        label={t('author-links.remove', 'Remove link {position}', { position })}
                        onClick={() => remove(index)}
                      >
                        <Trash />
                      </IconButton>
                    </Box>
                  </Flex>
                </Box>
              );
            })}
          </Flex>
          <Box>
            <Button
              ref={(el: HTMLButtonElement | null) => {
                addButton.current = el;
                if (typeof ref === 'function') ref(el);
                else if (ref) ref.current = el;
              }}
              variant="secondary"
              startIcon={<Plus />}
              disabled={disabled || full}
              onClick={add}
            >
              {t('author-links.add', 'Add a link')}
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
AuthorLinksInput.displayName = 'AuthorLinksInput';

export default AuthorLinksInput;
