import * as React from 'react';
import { Box, Flex } from '@strapi/design-system';
import { errorAt, emit, readJson, useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';
import { TextField } from './TextField';
import { RowListField } from './row-list/RowListField';
import { RowListItem } from './row-list/RowListItem';
import { RowToolbar } from './row-list/RowToolbar';
import { useRowList } from './row-list/useRowList';

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
const AuthorLinksInput = React.forwardRef<HTMLButtonElement, CustomFieldInputProps<AuthorLinkValue[]>>((props, ref) => {
  const { name, disabled, rawError, value, onChange } = props;
  const t = useFieldIntl();
  const links = asLinks(readJson(value));
  const list = useRowList({
    rows: links,
    max: MAX_AUTHOR_LINKS,
    onCommit: (next) => emit(onChange, name, next),
    messages: {
      removed: (total) => t('author-links.removed', 'Link removed, {total} links left', { total }),
    },
  });

  const add = () => {
    if (list.full) return;
    list.insert(links.length, [{ label: '', url: '' }], { focus: 'label' });
    list.announce(t('author-links.added', 'Link {position} added', { position: links.length + 1 }));
  };

  return (
    <RowListField
      ref={ref}
      field={props}
      count={t('author-links.count', '{count} of {max} links', { count: links.length, max: MAX_AUTHOR_LINKS })}
      empty={t('author-links.empty', 'No links yet. Add the website and social profiles of the author.')}
      add={{
        label: t('author-links.add', 'Add a link'),
        onClick: add,
      }}
      list={list}
    >
      {list.map((link, { index, key, position }) => {
        const urlError =
          withoutPath(errorAt(rawError, index, 'url')) ??
          (link.url && !looksLikeHttps(link.url) ? t('author-links.url.invalid', 'Must be an https link') : undefined);
        return (
          <RowListItem
            key={key}
            testId="author-link-row"
            label={t('author-links.item', 'Link {position}', { position })}
          >
            <Flex gap={3} alignItems="flex-start" wrap="wrap">
              <TextField
                flex="1 1 140px"
                inputRef={list.refFor(key, 'label')}
                name={`${name}.${index}.label`}
                label={t('author-links.label.field', 'Label')}
                value={link.label}
                error={withoutPath(errorAt(rawError, index, 'label'))}
                required
                maxLength={MAX_AUTHOR_LINK_LABEL}
                disabled={disabled}
                placeholder={t('author-links.label.placeholder', 'Website')}
                onChange={(text) => list.update(index, { label: text })}
              />
              <TextField
                flex="3 1 260px"
                url
                name={`${name}.${index}.url`}
                label={t('author-links.url', 'URL')}
                hint={t('author-links.url.hint', 'An https link, e.g. https://example.com/about')}
                value={link.url}
                error={urlError}
                required
                maxLength={MAX_AUTHOR_LINK_URL}
                disabled={disabled}
                placeholder="https://"
                onChange={(text) => list.update(index, { url: text })}
              />
              <Box paddingTop={6}>
                <RowToolbar
                  list={list}
                  index={index}
                  disabled={disabled}
                  removeLabel={t('author-links.remove', 'Remove link {position}', { position })}
                  // Focus moves to the row that took its place, else the previous one, else the add button.
                  focusAfterRemove="label"
                />
              </Box>
            </Flex>
          </RowListItem>
        );
      })}
    </RowListField>
  );
});
AuthorLinksInput.displayName = 'AuthorLinksInput';

export default AuthorLinksInput;
