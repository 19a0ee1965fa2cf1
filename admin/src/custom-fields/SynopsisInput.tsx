import * as React from 'react';
import { Box, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { errorAt, emit, readJson, useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';
import { TextField } from './TextField';

/** The server's limits (server/src/shared/custom-field-limits.ts). */
import { MAX_SOURCE, MAX_SYNOPSIS as MAX_TEXT } from '../../../server/src/shared/custom-field-limits';

export interface SynopsisValue {
  text: string;
  source?: string | null;
  sourceUrl?: string | null;
}

const looksLikeHttps = (value: string) => /^https:\/\/[^\s/?#@\\]+\.[^\s/?#@\\]+/i.test(value);

const SynopsisInput = React.forwardRef<HTMLTextAreaElement, CustomFieldInputProps<SynopsisValue>>(
  ({ name, label, hint, labelAction, required, disabled, error, rawError, value, onChange }, ref) => {
    const t = useFieldIntl();
    const current = readJson(value) ?? { text: '' };
    const text = typeof current.text === 'string' ? current.text : '';
    const source = current.source ?? '';
    const sourceUrl = current.sourceUrl ?? '';

    const update = (patch: Partial<SynopsisValue>) => {
      const next = { text, source, sourceUrl, ...patch };
      // All empty means "no synopsis", which a non-required field may be.
      if (!next.text && !next.source && !next.sourceUrl) {
        emit(onChange, name, null);
        return;
      }
      emit(onChange, name, { text: next.text ?? '', source: next.source || null, sourceUrl: next.sourceUrl || null });
    };

    const over = text.length - MAX_TEXT;
    const textError = withoutPath(errorAt(rawError, 'text')) ?? withoutPath(error);
    const sourceError = withoutPath(errorAt(rawError, 'source'));
    const urlError =
      withoutPath(errorAt(rawError, 'sourceUrl')) ??
      (sourceUrl && !looksLikeHttps(sourceUrl) ? t('synopsis.source-url.invalid', 'Must be an https link') : undefined);

    return (
      <Flex direction="column" alignItems="stretch" gap={3} data-movie-reviews-input="synopsis">
        <Field.Root name={`${name}.text`} id={name} error={textError} hint={hint} required={required}>
          <Field.Label action={labelAction}>{label}</Field.Label>
          <Textarea
            ref={ref}
            value={text}
            disabled={disabled}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => update({ text: e.target.value })}
          />
          <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
            <Box>
              <Field.Hint />
              <Field.Error />
            </Box>
            <Typography
              variant="pi"
              textColor={over > 0 ? 'danger600' : 'neutral600'}
              aria-live={over > 0 ? 'polite' : 'off'}
              data-testid={`${name}-count`}
              style={{ whiteSpace: 'nowrap' }}
            >
              {over > 0
                ? t('synopsis.too-long', '{over} characters over the limit', { over })
                : t('synopsis.count', '{count} / {max} characters', { count: text.length, max: MAX_TEXT })}
            </Typography>
          </Flex>
        </Field.Root>
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <TextField
            flex="1 1 180px"
            name={`${name}.source`}
            label={t('synopsis.source', 'Source')}
            value={source}
            error={sourceError}
            maxLength={MAX_SOURCE}
            disabled={disabled}
            placeholder={t('synopsis.source.placeholder', 'IMDb')}
            onChange={(text) => update({ source: text })}
          />
          <TextField
            flex="2 1 280px"
            url
            name={`${name}.sourceUrl`}
            label={t('synopsis.source-url', 'Source URL')}
            hint={t('synopsis.source-url.hint', 'An https link to where the synopsis comes from')}
            value={sourceUrl}
            error={urlError}
            disabled={disabled}
            placeholder="https://www.imdb.com/title/tt…"
            onChange={(text) => update({ sourceUrl: text })}
          />
        </Flex>
      </Flex>
    );
  }
);
SynopsisInput.displayName = 'SynopsisInput';

export default SynopsisInput;
