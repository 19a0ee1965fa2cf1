/**
 * Per-IP rate limits of reader writes, one budget per bucket: comment posts, and
 * comment reports (REST and GraphQL share each budget).
 *
 * Memory store by default; Redis (ioredis) when the plugin config has `redis`
 * (a URL or ioredis options), so several Strapi instances share the counts. When
 * Redis is down the limiter falls back to memory (rate-limiter-flexible's
 * insurance limiter) and logs a warning until Redis is back.
 *
 * The allowed number of posts comes from the admin settings on every request, so
 * a change applies at once: the stores count posts, the comparison happens here.
 */
import { AsyncResource } from 'node:async_hooks';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import type { PluginConfig } from '../config';
import { getService } from '../utils/get-service';
import { closeRedis, openRedis } from '../utils/redis';

export type RateLimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** The stores never refuse by themselves; `consume` compares with the current setting. */
const STORE_POINTS = 1_000_000_000;
const KEY_PREFIX = 'movie-reviews:comment-posts';

/** The budgets counted separately: posting comments, reporting comments. */
export type RateLimitBucket = 'comment-posts' | 'comment-reports';
const PREFIXES: Record<RateLimitBucket, string> = {
  'comment-posts': KEY_PREFIX,
  'comment-reports': 'movie-reviews:comment-reports',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The async context the stores run in, made here at load time, outside any request.
   * The memory store keeps a timer per client address for `duration` seconds, and a
   * Node timer keeps the async context it was created in: created during a request,
   * that context holds Strapi's request context (the whole Koa context with request,
   * response and body), so every address that posted kept its last request in memory
   * for a minute (thousands of requests under load: the soak's RSS growth).
   */
  const outsideRequests = new AsyncResource('movie-reviews.rate-limit');
  const limiters = new Map<RateLimitBucket, RateLimiterAbstract>();
  let redis: Redis | undefined;
  let redisOpened = false;
  let redisDownWarned = false;

  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  const warnRedisDown = (reason: string) => {
    if (redisDownWarned) return;
    redisDownWarned = true;
    strapi.log.warn(
      `[movie-reviews] Redis is unavailable (${reason}); comment rate limits are counted in this process's memory until it is back.`
    );
  };

  /** The Redis connection shared by every bucket, opened once (undefined without `redis` in the config). */
  const openStore = (): Redis | undefined => {
    if (redisOpened) return redis;
    redisOpened = true;
    redis = openRedis(config().redis, { enableOfflineQueue: false });
    if (!redis) return undefined;
    redis.on('error', (error: Error) => warnRedisDown(error.message || error.name));
    redis.on('ready', () => {
      if (redisDownWarned)
        strapi.log.info('[movie-reviews] Redis is reachable again; comment rate limits are shared again.');
      redisDownWarned = false;
    });
    return redis;
  };

  const build = (bucket: RateLimitBucket): RateLimiterAbstract => {
    const { duration } = config().rateLimit;
    const keyPrefix = PREFIXES[bucket];
    const memory = new RateLimiterMemory({ keyPrefix, points: STORE_POINTS, duration });
    const client = openStore();
    if (!client) return memory;
    return new RateLimiterRedis({
      storeClient: client,
      keyPrefix,
      points: STORE_POINTS,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };

  const limiterFor = (bucket: RateLimitBucket): RateLimiterAbstract => {
    let limiter = limiters.get(bucket);
    if (!limiter) {
      limiter = build(bucket);
      limiters.set(bucket, limiter);
    }
    return limiter;
  };

  return {
    /** Opens the store (and the Redis connection, when configured) at bootstrap, before the first post. */
    init(): void {
      limiterFor('comment-posts');
    },

    /** Counts one attempt from `key` (the client IP) in `bucket` (comment posts unless told). */
    async consume(key: string, bucket: RateLimitBucket = 'comment-posts'): Promise<RateLimitResult> {
      // Built (Redis included) and counted outside the request's async context, see `outsideRequests`.
      const limiter = outsideRequests.runInAsyncScope(() => limiterFor(bucket));
      if (redis && redis.status !== 'ready') warnRedisDown(`connection ${redis.status}`);
      const points = (await getService(strapi, 'settings').current()).rateLimitPoints;
      let res: RateLimiterRes;
      try {
        res = await outsideRequests.runInAsyncScope(() => limiter.consume(key || 'unknown', 1));
      } catch (error) {
        if (error instanceof RateLimiterRes) res = error;
        else throw error;
      }
      if (res.consumedPoints > points) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      }
      return { allowed: true, remaining: points - res.consumedPoints };
    },

    /** Which store counts right now (for tests and diagnostics). */
    store(): 'memory' | 'redis' | 'memory-fallback' {
      if (!config().redis) return 'memory';
      return redis?.status === 'ready' ? 'redis' : 'memory-fallback';
    },

    async close(): Promise<void> {
      closeRedis(redis);
      redis = undefined;
      redisOpened = false;
      limiters.clear();
    },
  };
};
