import { z } from 'zod';
import type { Core } from '@strapi/strapi';
import { optionalPlainText } from '../validation/shared';
import { zodToValidationError } from '../utils/zod-issues';
import { validationError } from '../utils/host-errors';
import { parseSongUrl, SONG_PROVIDERS, type SongProvider } from './song-providers';
import { PLUGIN_ID } from '../utils/constants';

const songInputSchema = z.strictObject({
  url: z.string(),
  provider: z.enum(SONG_PROVIDERS).optional(),
  title: optionalPlainText(200),
  artist: optionalPlainText(200),
  startAt: z.number().int().min(0).max(86_400).nullable().optional(),
  // Read-side field; accepted on write so a value read from the API can be saved back, then rebuilt.
  embedUrl: z.string().optional(),
});

export interface SongValue {
  url: string;
  provider: SongProvider;
  title?: string | null;
  artist?: string | null;
  startAt?: number | null;
}

const allowedProviders = (strapi: Core.Strapi | undefined): readonly SongProvider[] => {
  const configured = strapi?.config?.get?.(`plugin::${PLUGIN_ID}.embedProviders`) as SongProvider[] | undefined;
  return Array.isArray(configured) && configured.length ? configured : SONG_PROVIDERS;
};

export const validateSongEmbed = (value: unknown, field: string, strapi?: Core.Strapi): SongValue | null => {
  if (value === null || value === undefined) return null;
  const parsed = songInputSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  const result = parseSongUrl(parsed.data.url, allowedProviders(strapi));
  if (!result.ok) {
    throw validationError([{ path: [field, 'url'], name: 'ValidationError', message: `${field}.url ${result.reason}` }]);
  }
  if (parsed.data.provider && parsed.data.provider !== result.value.provider) {
    throw validationError([
      {
        path: [field, 'provider'],
        name: 'ValidationError',
        message: `${field}.provider is "${parsed.data.provider}" but the link is a ${result.value.provider} link`,
      },
    ]);
  }
  return {
    url: parsed.data.url.trim(),
    provider: result.value.provider,
    title: parsed.data.title ?? null,
    artist: parsed.data.artist ?? null,
    startAt: parsed.data.startAt ?? result.value.startAt ?? null,
  };
};
