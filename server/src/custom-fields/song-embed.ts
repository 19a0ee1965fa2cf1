import type { Core } from '@strapi/strapi';
import { songInputSchema } from '../validation/custom-fields';
import { zodToValidationError } from '../utils/zod-issues';
import { validationError } from '../utils/host-errors';
import { PLUGIN_ID } from '../utils/constants';
import { parseSongUrl, SONG_PROVIDERS, type SongProvider } from './song-providers';

/** A song as stored: the link in canonical form and the provider parsed from it. */
export interface SongValue {
  url: string;
  provider: SongProvider;
  title: string | null;
  artist: string | null;
  startAt: number | null;
}

interface SettingsService {
  get(): Promise<{ embedProviders: SongProvider[] }>;
}

/** Providers the site allows, from the admin-editable settings (which fall back to the file config). */
export const allowedProviders = async (strapi: Core.Strapi | undefined): Promise<readonly SongProvider[]> => {
  const settings = strapi?.plugin(PLUGIN_ID)?.service('settings') as SettingsService | undefined;
  if (!settings) return SONG_PROVIDERS;
  const { embedProviders } = await settings.get();
  return Array.isArray(embedProviders) && embedProviders.length ? embedProviders : SONG_PROVIDERS;
};

const urlError = (field: string, path: string, reason: string) =>
  validationError([{ path: [field, path], name: 'ValidationError', message: `${field}.${path} ${reason}` }]);

/**
 * Validates a song value and returns what is stored: the provider is always the
 * one parsed from the link (a `provider` sent by the client must agree with it),
 * the URL is stored in canonical form, and `embedUrl` is never stored.
 */
export const validateSongEmbed = async (
  value: unknown,
  field: string,
  strapi?: Core.Strapi
): Promise<SongValue | null> => {
  if (value === null || value === undefined) return null;
  const parsed = songInputSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  const result = parseSongUrl(parsed.data.url, await allowedProviders(strapi));
  if (!result.ok) throw urlError(field, 'url', result.reason);
  const { provider, url, startAt } = result.value;
  if (parsed.data.provider && parsed.data.provider !== provider) {
    throw urlError(field, 'provider', `is "${parsed.data.provider}" but the link is a ${provider} link`);
  }
  const title = parsed.data.title?.trim() || null;
  const artist = parsed.data.artist?.trim() || null;
  return {
    url,
    provider,
    title,
    artist,
    startAt: parsed.data.startAt ?? startAt ?? null,
  };
};
