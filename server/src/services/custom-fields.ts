import type { Core } from '@strapi/strapi';
import { allowedProviders } from '../custom-fields/song-embed';
import { expandStillsBatch, toPublicSong, type PublicSong, type PublicStill } from '../custom-fields/read';

/**
 * The read shapes of the custom fields for a host app's own content types
 * (`strapi.plugin('movie-reviews').service('customFields')`), the same ones the
 * plugin's API returns: a song with its embed URL, stills expanded to images.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A stored song with `embedUrl`, or null when it no longer parses or its provider is not allowed any more. */
  async song(value: unknown): Promise<PublicSong | null> {
    return toPublicSong(value, await allowedProviders(strapi));
  },

  /** Expands the stills of many entries with one query; deleted files are dropped. */
  stills(values: unknown[]): Promise<PublicStill[][]> {
    return expandStillsBatch(strapi, values);
  },
});
