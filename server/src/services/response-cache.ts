/**
 * Response cache of the public GET endpoints (`/api/movie-reviews/reviews...`).
 *
 * Entries are keyed by the normalised URL (path + query parameters sorted by
 * name) and hold the JSON body, its ETag (a hash of the body) and the headers to
 * answer with. Bounded in entries and in bytes (lru-cache).
 *
 * Invalidation is deliberately coarse: any write that can change a public answer
 * (a review or comment written through the document service or the query engine,
 * an upload file updated or deleted, a settings change, a Users & Permissions
 * permission or role change) bumps one generation counter and empties the cache.
 * Writes are rare next to reads, and a global flush cannot miss a dependency
 * (a comment changes its review's count in every list page, a file change any
 * review that shows it). A response computed while a write happened (generation
 * changed between the start of the request and its end) is not stored.
 *
 * With `config.redis` set, each flush is also published on a Redis channel and
 * every other instance flushes on receipt, so instances behind a balancer serve
 * the same answers. Without Redis (or when it is down) each process flushes only
 * itself, with a logged warning when Redis was configured.
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import Redis, { type RedisOptions } from 'ioredis';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import type { PluginConfig } from '../config';
import type { Settings } from './settings';

export interface CachedResponse {
  /** The JSON body, serialised and encoded once (sent as is). */
  body: Buffer;
  etag: string;
  cacheControl: string;
  /**
   * Headers set by the app's global middlewares (security headers...) on the
   * response this entry was built from, replayed by the early 304 path.
   */
  headers: Record<string, string>;
  /** True when the response was computed for an anonymous request authorised as the Public role. */
  publicOk: boolean;
}

export const MAX_ENTRIES = 5_000;
export const MAX_BYTES = 20 * 1024 * 1024;

/**
 * `/api/movie-reviews/reviews?b=2&a=1` and `?a=1&b=2` are one entry. Repeated keys
 * keep their relative order (the sort is stable), so arrays stay as sent.
 */
export const normaliseUrl = (path: string, querystring: string): string => {
  if (!querystring) return path;
  const params = [...new URLSearchParams(querystring)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return params.length === 0 ? path : `${path}?${new URLSearchParams(params).toString()}`;
};

const channelFor = (redis: Redis) => `movie-reviews:${redis.options.db ?? 0}:response-cache:flush`;

const responseCache = ({ strapi }: { strapi: Core.Strapi }) => {
  const lru = new LRUCache<string, CachedResponse>({
    max: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeCalculation: (entry, key) => entry.body.length + entry.etag.length + key.length + 256,
  });
  let generation = 0;
  let enabled = process.env.MOVIE_REVIEWS_RESPONSE_CACHE !== 'false';
  const instanceId = randomUUID();
  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;
  let redisDownWarned = false;
  let everReady = false;
  let publishPending: Promise<void> | null = null;
  /** Bumped by local settings changes, remote ones (Redis) and Redis reconnections. */
  let settingsVersion = 0;
  let settingsMemo: { version: number; value: Settings } | undefined;

  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  const warnRedisDown = (reason: string) => {
    if (redisDownWarned) return;
    redisDownWarned = true;
    strapi.log.warn(
      `[movie-reviews] Redis is unavailable (${reason}); the response cache is flushed in this process only until it is back.`
    );
  };

  const flushLocal = () => {
    generation += 1;
    lru.clear();
  };

  type Reason = 'content' | 'settings';
  const pendingReasons = new Set<Reason>();

  /** One PUBLISH for a burst of writes in the same tick. */
  const publish = (reason: Reason): Promise<void> => {
    if (!publisher) return Promise.resolve();
    if (publisher.status !== 'ready') {
      // Still connecting at boot is not an outage (the flush is local only meanwhile).
      if (everReady || !['connecting', 'connect', 'wait'].includes(publisher.status)) warnRedisDown(`connection ${publisher.status}`);
      return Promise.resolve();
    }
    const client = publisher;
    pendingReasons.add(reason);
    publishPending ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        publishPending = null;
        const reasons = [...pendingReasons].join(',');
        pendingReasons.clear();
        await client.publish(channelFor(client), `${instanceId} ${reasons}`);
      })
      .catch((error: Error) => warnRedisDown(error.message));
    return publishPending;
  };

  return {
    get(key: string): CachedResponse | undefined {
      return enabled ? lru.get(key) : undefined;
    },

    /** Stores `entry` unless a flush happened since `startedAt` (the generation read at the start of the request). */
    set(key: string, entry: CachedResponse, startedAt: number): void {
      if (!enabled || startedAt !== generation) return;
      lru.set(key, entry);
    },

    generation(): number {
      return generation;
    },

    /**
     * Empties this instance's cache and tells the others (through Redis) to do the
     * same. `settings`: the plugin settings changed too (see settingsVersion).
     */
    async invalidate(reason: Reason = 'content'): Promise<void> {
      flushLocal();
      if (reason === 'settings') settingsVersion += 1;
      await publish(reason);
    },

    /**
     * The plugin settings, read again only when they may have changed (a settings
     * change here, or announced by another instance through Redis): saves a
     * settings query per response for what the public answers depend on
     * (`Cache-Control`, the song providers allowed).
     */
    async settings(): Promise<Settings> {
      const version = settingsVersion;
      if (settingsMemo?.version === version) return settingsMemo.value;
      const value = (await strapi.plugin(PLUGIN_ID).service('settings').get()) as Settings;
      settingsMemo = { version, value };
      return value;
    },

    /** `Cache-Control` of the public GETs. */
    async cacheControl(): Promise<string> {
      return `public, max-age=${(await this.settings()).cacheMaxAge}`;
    },

    /** For tests and the benchmark (env MOVIE_REVIEWS_RESPONSE_CACHE=false turns it off at boot). */
    setEnabled(value: boolean): void {
      enabled = value;
      flushLocal();
    },

    stats() {
      return { entries: lru.size, bytes: lru.calculatedSize, generation, enabled, redis: this.redisState() };
    },

    redisState(): 'off' | 'ready' | 'down' {
      if (!subscriber) return 'off';
      return subscriber.status === 'ready' && publisher?.status === 'ready' ? 'ready' : 'down';
    },

    /** Connects the pub/sub pair when `config.redis` is set (bootstrap). */
    init(): void {
      const redisConfig = config().redis;
      if (!redisConfig || subscriber) return;
      const options: RedisOptions = {
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        retryStrategy: (times) => Math.min(times * 500, 5000),
      };
      const open = () =>
        typeof redisConfig === 'string' ? new Redis(redisConfig, options) : new Redis({ ...options, ...(redisConfig as RedisOptions) });
      publisher = open();
      publisher.options.enableOfflineQueue = false;
      subscriber = open();
      const channel = channelFor(subscriber);
      for (const client of [publisher, subscriber]) {
        client.on('error', (error: Error) => warnRedisDown(error.message || error.name));
      }
      publisher.on('ready', () => {
        everReady = true;
      });
      subscriber.on('ready', () => {
        void subscriber?.subscribe(channel).catch((error: Error) => warnRedisDown(error.message));
        if (redisDownWarned) strapi.log.info('[movie-reviews] Redis is reachable again; response cache flushes are shared again.');
        redisDownWarned = false;
        // Flushes published while this instance was cut off were missed: start clean.
        flushLocal();
        settingsVersion += 1;
      });
      subscriber.on('message', (from: string, message: string) => {
        const [sender, reasons = ''] = message.split(' ');
        if (from !== channel || sender === instanceId) return;
        flushLocal();
        if (reasons.split(',').includes('settings')) settingsVersion += 1;
      });
    },

    async close(): Promise<void> {
      for (const client of [publisher, subscriber]) {
        if (!client) continue;
        client.removeAllListeners('error');
        client.on('error', () => undefined);
        client.disconnect();
      }
      publisher = undefined;
      subscriber = undefined;
      lru.clear();
    },
  };
};

export default responseCache;
export type ResponseCache = ReturnType<typeof responseCache>;
