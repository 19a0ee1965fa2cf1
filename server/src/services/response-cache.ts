/**
 * Response cache of the public GET endpoints (`/api/movie-reviews/reviews...`).
 *
 * Entries are keyed by the normalised URL (path + query parameters sorted by
 * name) and hold the JSON body, its ETag, the headers to answer with and the
 * cache tags of what the answer shows (utils/cache-tags.ts). Bounded in entries
 * and in bytes (lru-cache).
 *
 * `invalidate(tags)` drops the entries carrying any of the tags, here and (through
 * the cache bus, Redis) in every other instance. A response computed while an
 * invalidation touching its tags happened (between `begin()` at the start of the
 * request and `set()` at its end) is not stored.
 */
import { LRUCache } from 'lru-cache';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { CACHE_TAGS, isValidTag } from '../utils/cache-tags';

export interface CachedResponse {
  /** The JSON body, serialised and encoded once (sent as is). */
  body: Buffer;
  etag: string;
  cacheControl: string;
  /**
   * Headers set by the app's global middlewares (security headers...) on the
   * response this entry was built from, replayed by the early path.
   */
  headers: Record<string, string>;
  /** True when the response was computed for an anonymous request authorised as the Public role. */
  publicOk: boolean;
  /** Cache tags of what the answer shows (always including `mr:all`). */
  tags: readonly string[];
}

export const MAX_ENTRIES = 5_000;
export const MAX_BYTES = 20 * 1024 * 1024;
/** Invalidations remembered for the race check of `set`; a request older than that is not stored. */
const INVALIDATION_LOG = 512;

/**
 * `/api/movie-reviews/reviews?b=2&a=1` and `?a=1&b=2` are one entry. Repeated keys
 * keep their relative order (the sort is stable), so arrays stay as sent.
 */
export const normaliseUrl = (path: string, querystring: string): string => {
  if (!querystring) return path;
  const params = [...new URLSearchParams(querystring)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return params.length === 0 ? path : `${path}?${new URLSearchParams(params).toString()}`;
};

const responseCache = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Keys of the entries carrying each tag (kept in step with the LRU through `dispose`). */
  const byTag = new Map<string, Set<string>>();
  const unindex = (key: string, tags: readonly string[]) => {
    for (const tag of tags) {
      const keys = byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) byTag.delete(tag);
    }
  };
  const lru = new LRUCache<string, CachedResponse>({
    max: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeCalculation: (entry, key) => entry.body.length + entry.etag.length + key.length + 256 + entry.tags.length * 32,
    dispose: (entry, key) => unindex(key, entry.tags),
  });
  let sequence = 0;
  /** The latest invalidations (sequence number, tags), oldest first. */
  const log: Array<{ seq: number; tags: ReadonlySet<string> }> = [];
  let enabled = process.env.MOVIE_REVIEWS_RESPONSE_CACHE !== 'false';
  const counters = { hits: 0, misses: 0, stored: 0, invalidated: 0 };
  /** Per route kind, the headers Strapi's stack set on the last public answer (replayed by the early path). */
  const stackHeaders = new Map<string, Record<string, string>>();

  const clear = () => {
    lru.clear();
    byTag.clear();
    // Permission or settings changes may change them: learnt again from the next full answer.
    stackHeaders.clear();
  };

  /** Drops the local entries carrying any of `tags`; returns how many were dropped. */
  const invalidateLocal = (requested: readonly string[]): number => {
    // Entries of routes that declared no tags go with any invalidation.
    const tags = [...requested, CACHE_TAGS.unscoped];
    sequence += 1;
    log.push({ seq: sequence, tags: new Set(tags) });
    if (log.length > INVALIDATION_LOG) log.shift();
    if (tags.includes(CACHE_TAGS.all)) {
      const n = lru.size;
      clear();
      counters.invalidated += n;
      return n;
    }
    const keys = new Set<string>();
    for (const tag of tags) for (const key of byTag.get(tag) ?? []) keys.add(key);
    for (const key of keys) lru.delete(key);
    counters.invalidated += keys.size;
    return keys.size;
  };

  /** Whether an invalidation since `startedAt` touched one of `tags`. */
  const touchedSince = (startedAt: number, tags: readonly string[]): boolean => {
    if (startedAt === sequence) return false;
    if (log.length === 0 || log[0].seq > startedAt + 1) return true;
    return log.some(
      (entry) => entry.seq > startedAt && (entry.tags.has(CACHE_TAGS.all) || tags.some((t) => entry.tags.has(t)))
    );
  };

  return {
    get(key: string): CachedResponse | undefined {
      if (!enabled) return undefined;
      const entry = lru.get(key);
      if (entry) counters.hits += 1;
      else counters.misses += 1;
      return entry;
    },

    /** The invalidation sequence, read at the start of a request and given back to `set`. */
    begin(): number {
      return sequence;
    },

    /** Same as `begin()` (kept for callers of the previous name). */
    generation(): number {
      return sequence;
    },

    /**
     * Stores `entry` under `key`, unless an invalidation touching its tags happened
     * since `startedAt` (from `begin()`), which would make it stale already.
     */
    set(key: string, entry: CachedResponse, startedAt: number): void {
      if (!enabled) return;
      const tags = [...new Set([CACHE_TAGS.all, ...entry.tags.filter(isValidTag)])];
      if (touchedSince(startedAt, tags)) return;
      const stored = { ...entry, tags };
      lru.set(key, stored);
      for (const tag of tags) {
        let keys = byTag.get(tag);
        if (!keys) byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
      counters.stored += 1;
    },

    /**
     * Drops the entries carrying any of `tags` in this instance and, through the
     * cache bus, in the others. `mr:all` drops everything.
     */
    async invalidate(tags: readonly string[]): Promise<void> {
      const valid = tags.filter(isValidTag);
      if (!valid.length) return;
      invalidateLocal(valid);
      await getService(strapi, 'cacheBus').publish(valid);
    },

    /** The local half of `invalidate` (used for announcements from other instances); returns the count dropped. */
    invalidateLocal,

    /** Remembers the headers the full stack sets on public answers of a route kind (`review`: the detail, `list`). */
    rememberStackHeaders(kind: string, headers: Record<string, string>): void {
      stackHeaders.set(kind, headers);
    },

    /** The headers remembered for a route kind, if a public answer of it went through the stack already. */
    stackHeaders(kind: string): Record<string, string> | undefined {
      return stackHeaders.get(kind);
    },

    /** For tests and the benchmark (env MOVIE_REVIEWS_RESPONSE_CACHE=false turns it off at boot). */
    setEnabled(value: boolean): void {
      enabled = value;
      invalidateLocal([CACHE_TAGS.all]);
    },

    isEnabled(): boolean {
      return enabled;
    },

    /** Entries carrying `tag` right now (tests, diagnostics). */
    keysTagged(tag: string): string[] {
      return [...(byTag.get(tag) ?? [])];
    },

    stats() {
      return {
        entries: lru.size,
        bytes: lru.calculatedSize,
        tags: byTag.size,
        generation: sequence,
        enabled,
        ...counters,
        redis: getService(strapi, 'cacheBus').state(),
      };
    },

    redisState(): 'off' | 'ready' | 'down' {
      return getService(strapi, 'cacheBus').state();
    },

    async close(): Promise<void> {
      clear();
    },
  };
};

export default responseCache;
export type ResponseCache = ReturnType<typeof responseCache>;
