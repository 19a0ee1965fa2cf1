import * as React from 'react';
import { Badge, Box, Field, Flex, NumberInput, TextInput, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import {
  buildEmbedUrl,
  parseSongUrl,
  PROVIDER_LABELS,
  type ParsedSong,
  type SongProvider,
} from '../../../server/src/custom-fields/song-providers';
import { emit, errorAt, readJson, useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';
import { TextField } from './TextField';

export interface SongValue {
  url: string;
  provider?: SongProvider | null;
  title?: string | null;
  artist?: string | null;
  startAt?: number | null;
}

/** The players' natural heights, so the preview looks like what readers will see. */
const previewSize = (song: ParsedSong): { height: number; aspect?: string } => {
  switch (song.provider) {
    case 'youtube':
    case 'vimeo':
      return { height: 0, aspect: '16 / 9' };
    case 'spotify':
      return { height: song.id.startsWith('track/') || song.id.startsWith('episode/') ? 152 : 352 };
    case 'soundcloud':
      return { height: song.id.includes('/sets/') ? 300 : 166 };
    case 'apple-music':
      return { height: song.id.includes('/song/') || song.id.includes('?i=') ? 175 : 450 };
  }
};

/**
 * The preview frame: the provider's own embed host only (the URL comes from the
 * shared parser), sandboxed, with a minimal feature policy and no full referrer.
 */
const SongPreview = ({ song, startAt, title }: { song: ParsedSong; startAt: number | null; title: string }) => {
  const src = buildEmbedUrl(song.provider, song.id, startAt);
  const { height, aspect } = previewSize(song);
  return (
    <Box hasRadius overflow="hidden" background="neutral150" style={{ maxWidth: 640 }}>
      <iframe
        key={src}
        src={src}
        title={title}
        data-testid="song-preview"
        sandbox="allow-scripts allow-same-origin allow-presentation"
        allow="encrypted-media; picture-in-picture; fullscreen"
        referrerPolicy="strict-origin-when-cross-origin"
        loading="lazy"
        style={{ display: 'block', width: '100%', border: 0, ...(aspect ? { aspectRatio: aspect } : { height }) }}
      />
    </Box>
  );
};

const SongEmbedInput = React.forwardRef<HTMLInputElement, CustomFieldInputProps<SongValue>>(
  ({ name, label, hint, labelAction, required, disabled, error, rawError, value, onChange }, ref) => {
    const t = useFieldIntl();
    const current = readJson(value);
    const url = typeof current?.url === 'string' ? current.url : '';
    const title = current?.title ?? '';
    const artist = current?.artist ?? '';
    const startAt = typeof current?.startAt === 'number' ? current.startAt : null;
    const parsed = React.useMemo(() => (url ? parseSongUrl(url) : null), [url]);

    const update = (patch: Partial<SongValue>) => {
      const next = { url, title, artist, startAt, ...patch };
      if (!next.url && !next.title && !next.artist && next.startAt === null) {
        emit(onChange, name, null);
        return;
      }
      const detected = next.url ? parseSongUrl(next.url) : null;
      emit(onChange, name, {
        url: next.url,
        ...(detected?.ok ? { provider: detected.value.provider } : {}),
        title: next.title || null,
        artist: next.artist || null,
        startAt: next.startAt,
      });
    };

    const serverUrlError =
      withoutPath(errorAt(rawError, 'url')) ?? withoutPath(errorAt(rawError, 'provider')) ?? withoutPath(error);
    const clientUrlError =
      parsed && !parsed.ok
        ? t('song.invalid', 'This link cannot be embedded: it {reason}', { reason: parsed.reason })
        : undefined;
    // The song's credits: two free texts of the same kind.
    const credits = [
      { part: 'title', label: t('song.title', 'Song title'), value: title },
      { part: 'artist', label: t('song.artist', 'Artist'), value: artist },
    ] as const;
    const providerName = parsed?.ok ? PROVIDER_LABELS[parsed.value.provider] : null;
    const effectiveStart = startAt ?? (parsed?.ok ? (parsed.value.startAt ?? null) : null);
    // Only these players take a start time; for the others the input is kept but disabled.
    const canStart = !parsed?.ok || parsed.value.provider === 'youtube' || parsed.value.provider === 'vimeo';

    return (
      <Flex direction="column" alignItems="stretch" gap={3} data-movie-reviews-input="song">
        <Field.Root
          name={`${name}.url`}
          id={name}
          required={required}
          error={serverUrlError ?? clientUrlError}
          hint={hint || t('song.url.hint', 'Paste a YouTube, Spotify, SoundCloud, Apple Music or Vimeo link')}
        >
          <Field.Label action={labelAction}>{label}</Field.Label>
          <TextInput
            ref={ref}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={url}
            disabled={disabled}
            placeholder={t('song.url.placeholder', 'https://open.spotify.com/track/…')}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => update({ url: e.target.value.trim() })}
            endAction={
              url && !disabled ? (
                <Field.Action label={t('song.clear', 'Clear song')} onClick={() => emit(onChange, name, null)}>
                  <Cross />
                </Field.Action>
              ) : undefined
            }
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>

        {providerName && (
          <Flex gap={2} aria-live="polite">
            <Badge backgroundColor="primary100" textColor="primary700">
              {t('song.detected', 'Detected: {provider}', { provider: providerName })}
            </Badge>
          </Flex>
        )}

        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          {credits.map(({ part, label: partLabel, value: text }) => (
            <TextField
              key={part}
              flex="2 1 220px"
              name={`${name}.${part}`}
              label={partLabel}
              value={text}
              error={withoutPath(errorAt(rawError, part))}
              maxLength={200}
              disabled={disabled}
              onChange={(next) => update({ [part]: next })}
            />
          ))}
          <Box flex="1 1 140px">
            <Field.Root
              name={`${name}.startAt`}
              error={withoutPath(errorAt(rawError, 'startAt'))}
              hint={t('song.start.hint', 'YouTube and Vimeo only')}
            >
              <Field.Label>{t('song.start', 'Start at (seconds)')}</Field.Label>
              <NumberInput
                value={startAt ?? undefined}
                min={0}
                max={86400}
                step={1}
                disabled={disabled || !canStart}
                onValueChange={(v: number | undefined) =>
                  update({ startAt: typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null })
                }
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Box>
        </Flex>

        {parsed?.ok && (
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Typography variant="sigma" textColor="neutral600">
              {t('song.preview', 'Preview')}
            </Typography>
            <SongPreview
              song={parsed.value}
              startAt={effectiveStart}
              title={t('song.preview.title', '{provider} player preview', { provider: providerName ?? '' })}
            />
          </Flex>
        )}
      </Flex>
    );
  }
);
SongEmbedInput.displayName = 'SongEmbedInput';

export default SongEmbedInput;
