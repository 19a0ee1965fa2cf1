/**
 * Read-side shapes of the custom fields, as the public API returns them:
 * song gains `embedUrl` (rebuilt from the parsed id, never the stored URL), and
 * stills are expanded to their image with one query for a whole page of entries.
 */
import type { Core } from '@strapi/strapi';
import { parseSongUrl, type SongProvider } from './song-providers';
import type { StillValue } from './stills';
import type { SongValue } from './song-embed';

export interface PublicSong {
  url: string;
  provider: SongProvider;
  embedUrl: string;
  title: string | null;
  artist: string | null;
  startAt: number | null;
}

export interface PublicImage {
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
  formats: Record<string, { url: string; width: number | null; height: number | null; mime: string }> | null;
}

export interface PublicStill {
  caption: string | null;
  alt: string;
  image: PublicImage;
}

/** The song with its embed URL, or null when the stored link no longer parses (flagged in the admin instead). */
export const toPublicSong = (value: unknown): PublicSong | null => {
  if (!value || typeof value !== 'object') return null;
  const song = value as Partial<SongValue>;
  const parsed = parseSongUrl(song.url);
  if (!parsed.ok) return null;
  const startAt = typeof song.startAt === 'number' ? song.startAt : parsed.value.startAt ?? null;
  let embedUrl = parsed.value.embedUrl;
  if (startAt && parsed.value.provider === 'youtube') {
    const u = new URL(embedUrl);
    u.searchParams.set('start', String(startAt));
    embedUrl = u.toString();
  } else if (startAt && parsed.value.provider === 'vimeo') {
    embedUrl = `${embedUrl.split('#')[0]}#t=${startAt}s`;
  }
  return {
    url: song.url as string,
    provider: parsed.value.provider,
    embedUrl,
    title: song.title ?? null,
    artist: song.artist ?? null,
    startAt,
  };
};

interface FileRow {
  id: number;
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
  formats: Record<string, { url: string; width?: number; height?: number; mime: string }> | null;
}

const toPublicImage = (file: FileRow): PublicImage => ({
  url: file.url,
  width: file.width ?? null,
  height: file.height ?? null,
  mime: file.mime,
  formats: file.formats
    ? Object.fromEntries(
        Object.entries(file.formats).map(([name, f]) => [
          name,
          { url: f.url, width: f.width ?? null, height: f.height ?? null, mime: f.mime },
        ])
      )
    : null,
});

const storedStills = (value: unknown): StillValue[] =>
  Array.isArray(value) ? (value.filter((s) => s && typeof s === 'object' && typeof s.file === 'number') as StillValue[]) : [];

/**
 * Expands the stills of many entries with a single query for all their files.
 * A still whose file was deleted, or is no longer an image, is dropped.
 */
export const expandStillsBatch = async (strapi: Core.Strapi, values: unknown[]): Promise<PublicStill[][]> => {
  const lists = values.map(storedStills);
  const ids = [...new Set(lists.flat().map((s) => s.file))];
  const files = ids.length
    ? ((await strapi.db.query('plugin::upload.file').findMany({
        select: ['id', 'url', 'width', 'height', 'mime', 'formats'],
        where: { id: { $in: ids } },
      })) as FileRow[])
    : [];
  const byId = new Map(files.map((f) => [f.id, f]));
  return lists.map((list) =>
    list.flatMap((still) => {
      const file = byId.get(still.file);
      if (!file || !file.mime?.startsWith('image/')) return [];
      return [{ caption: still.caption ?? null, alt: still.alt, image: toPublicImage(file) }];
    })
  );
};

/** Ids of files a stills value points at that no longer exist (for admin warnings). */
export const missingStillFiles = async (strapi: Core.Strapi, value: unknown): Promise<number[]> => {
  const ids = [...new Set(storedStills(value).map((s) => s.file))];
  if (!ids.length) return [];
  const found = (await strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { id: { $in: ids } } })) as Array<{ id: number }>;
  const present = new Set(found.map((f) => f.id));
  return ids.filter((id) => !present.has(id));
};
