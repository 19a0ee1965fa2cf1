/**
 * Read-side shapes of the custom fields, as the public API returns them:
 * song gains `embedUrl` (rebuilt from the parsed id, never the stored URL), and
 * stills are expanded to their image with one query for a whole page of entries.
 */
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { buildEmbedUrl, parseSongUrl, SONG_PROVIDERS, type ParseResult, type SongProvider } from './song-providers';
import type { StillValue } from './stills';
import type { SongValue } from './song-embed';
import { compileByCount, type CompiledByCount } from '../utils/compiled-statement';
import { fromJson } from '../utils/json-column';
import { columnOf } from '../utils/table-columns';

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

/**
 * Stored song links, parsed for every provider, by link. Parsing is a pure function of
 * the text (WHATWG URL, provider rules), so an entry can never be out of date; a page of
 * 100 reviews spent about 4% of its time parsing the same links again. Bounded.
 */
const parsedSongs = new LRUCache<string, ParseResult>({ max: 2000 });
const parseStoredSong = (url: string): ParseResult => {
  let parsed = parsedSongs.get(url);
  if (!parsed) parsedSongs.set(url, (parsed = parseSongUrl(url)));
  return parsed;
};

/**
 * The song with its embed URL, or null when the stored link no longer parses or
 * its provider is no longer allowed (`allowed`, from the site settings). The
 * embed URL is rebuilt from the parsed id; the stored URL is never echoed into it.
 */
export const toPublicSong = (value: unknown, allowed: readonly SongProvider[] = SONG_PROVIDERS): PublicSong | null => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const song = value as Partial<SongValue>;
  if (typeof song.url !== 'string') return null;
  const parsed = parseStoredSong(song.url);
  // What parseSongUrl(url, allowed) gives: the same parse, refused for a provider outside `allowed`.
  if (!parsed.ok || !allowed.includes(parsed.value.provider)) return null;
  const startAt = typeof song.startAt === 'number' ? song.startAt : (parsed.value.startAt ?? null);
  return {
    url: parsed.value.url,
    provider: parsed.value.provider,
    embedUrl: buildEmbedUrl(parsed.value.provider, parsed.value.id, startAt),
    title: typeof song.title === 'string' && song.title !== '' ? song.title : null,
    artist: typeof song.artist === 'string' && song.artist !== '' ? song.artist : null,
    startAt,
  };
};

export interface StillFile {
  id: number;
  provider?: string;
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
  formats: Record<string, { url: string; width?: number; height?: number; mime: string }> | null;
}

const toPublicImage = (file: StillFile): PublicImage => ({
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

export const storedStills = (value: unknown): StillValue[] =>
  Array.isArray(value)
    ? (value.filter(
        (s) => s && typeof s === 'object' && Number.isInteger(s.file) && typeof s.alt === 'string'
      ) as StillValue[])
    : [];

interface FileService {
  signFileUrls(file: StillFile): Promise<StillFile>;
}

/** The upload plugin's provider, the part read here (`isPrivate` is optional for providers). */
interface UploadProvider {
  isPrivate?: () => boolean | Promise<boolean>;
}

/**
 * Signs file URLs when the upload provider is private (e.g. a private S3 bucket); a
 * no-op otherwise. The provider is asked once per batch (the upload service's
 * `signFileUrls` asks it again for every file, which on a page of 100 reviews was
 * 300 awaits for nothing with a public provider).
 */
const signUrls = async (strapi: Core.Strapi, files: StillFile[]): Promise<StillFile[]> => {
  const upload = strapi.plugin('upload') as
    (ReturnType<Core.Strapi['plugin']> & { provider?: UploadProvider }) | undefined;
  const service = upload?.service('file') as FileService | undefined;
  if (!service?.signFileUrls) return files;
  if (upload?.provider && !(await upload.provider.isPrivate?.())) return files;
  return Promise.all(files.map((f) => service.signFileUrls(f)));
};

const FILE_UID = 'plugin::upload.file';
const FILE_COLUMNS = ['id', 'url', 'width', 'height', 'mime', 'formats', 'provider'] as const;

/**
 * The files query, compiled once per number of ids (utils/compiled-statement.ts): on
 * every list page and detail, building it through the query engine cost more than
 * running it. Columns are selected under their attribute names; `formats` is the one
 * column the query engine would convert (JSON), see `readFiles`.
 */
const fileStatements = new WeakMap<Core.Strapi, CompiledByCount>();
const fileStatementOf = (strapi: Core.Strapi): CompiledByCount => {
  let statement = fileStatements.get(strapi);
  if (!statement) {
    const meta = strapi.db.metadata.get(FILE_UID);
    const select = Object.fromEntries(FILE_COLUMNS.map((attribute) => [attribute, columnOf(meta, attribute)]));
    statement = compileByCount(strapi.db, (ids) =>
      strapi.db.connection(meta.tableName).select(select).whereIn(columnOf(meta, 'id'), ids)
    );
    fileStatements.set(strapi, statement);
  }
  return statement;
};

/** The files of `ids`, as the query engine's `findMany` with the same select returns them. */
const readFiles = async (strapi: Core.Strapi, ids: number[]): Promise<StillFile[]> => {
  const files = await fileStatementOf(strapi).run<StillFile>(ids);
  // The driver's own row objects, converted in place.
  for (const file of files) file.formats = fromJson(file.formats) as StillFile['formats'];
  return files;
};

/** The largest id a file can have (Strapi's `increments`: a 32-bit integer on PostgreSQL). */
const MAX_FILE_ID = 2_147_483_647;
const isFileId = (id: number): boolean => id >= 1 && id <= MAX_FILE_ID;

/**
 * The files of the stills of a row, as a PostgreSQL subquery of a statement that reads
 * that row (`stillsColumn`, qualified): a JSON array of the same columns as `readFiles`
 * (null when none), for the files whose id is next to a number among the stills' `file`
 * keys (the whole numbers below and above it: JavaScript reads 2.9999999999999999 as 3),
 * so possibly a few more files than `storedStills` keeps, never fewer. The CASE keeps the
 * cast away from a `file` that is not a number (PostgreSQL may test conditions in any order).
 * The review version reads a detail's row with it, so an uncached detail takes one statement
 * instead of two (services/review-version.ts). Null on the other databases, which keep the
 * files query. The caller ignores it for a value stored twice-encoded (a JSON string here,
 * which `fromJson` still reads as a list).
 */
export const stillFilesSubquery = (strapi: Core.Strapi, stillsColumn: string) => {
  const knex = strapi.db.connection;
  if (knex.client.driverName !== 'pg') return null;
  const meta = strapi.db.metadata.get(FILE_UID);
  const fields = FILE_COLUMNS.map((attribute) => `'${attribute}', ??`).join(', ');
  return knex.raw(
    `(select json_agg(json_build_object(${fields})) from ?? as sf where ?? in (` +
      `select unnest(array[floor(n), ceil(n)])::bigint from (` +
      `select case when jsonb_typeof(e->'file') = 'number' then (e->>'file')::numeric end as n ` +
      `from jsonb_array_elements(case when jsonb_typeof(to_jsonb(??)) = 'array' then to_jsonb(??) else '[]'::jsonb end) as e` +
      `) as still where n > 0 and n < ${MAX_FILE_ID + 1}))`,
    [
      ...FILE_COLUMNS.map((attribute) => `sf.${columnOf(meta, attribute)}`),
      meta.tableName,
      `sf.${columnOf(meta, 'id')}`,
      stillsColumn,
      stillsColumn,
    ]
  );
};

const isFileRow = (value: unknown): value is StillFile =>
  typeof value === 'object' &&
  value !== null &&
  'id' in value &&
  typeof value.id === 'number' &&
  'url' in value &&
  typeof value.url === 'string' &&
  'mime' in value &&
  typeof value.mime === 'string';

/**
 * The files of a `stillFilesSubquery` column (PostgreSQL returns the JSON parsed; null when
 * no file matched), as `readFiles` returns them; undefined when the value is not such a list.
 */
export const stillFilesOf = (value: unknown): StillFile[] | undefined => {
  if (value === null) return [];
  if (!Array.isArray(value) || !value.every(isFileRow)) return undefined;
  for (const file of value) file.formats = fromJson(file.formats) as StillFile['formats'];
  return value;
};

/**
 * Expands the stills of many entries with a single query for all their files
 * (none when `known`, the files `stillFilesOf` read with the row, is given).
 * A still whose file was deleted, or is no longer an image, is dropped.
 */
export const expandStillsBatch = async (
  strapi: Core.Strapi,
  values: unknown[],
  known?: readonly StillFile[]
): Promise<PublicStill[][]> => {
  const lists = values.map(storedStills);
  // Only ids a file can have: PostgreSQL refuses a larger one in the query (a still stored with
  // such an id, outside the editor, has no file and is dropped like a deleted one).
  const ids = [...new Set(lists.flat().map((s) => s.file))].filter(isFileId);
  const files = known ? [...known] : ids.length ? await readFiles(strapi, ids) : [];
  const signed = files.length ? await signUrls(strapi, files) : files;
  const byId = new Map(signed.map((f) => [f.id, f]));
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
  // An id no file can have is missing without asking (PostgreSQL would refuse it).
  const possible = ids.filter(isFileId);
  if (!possible.length) return ids;
  const found = (await strapi.db
    .query('plugin::upload.file')
    .findMany({ select: ['id'], where: { id: { $in: possible } } })) as Array<{ id: number }>;
  const present = new Set(found.map((f) => f.id));
  return ids.filter((id) => !present.has(id));
};
