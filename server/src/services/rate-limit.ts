/**
 * Per-IP rate limit of comment posts (REST and GraphQL share one budget).
 *
 * Memory store by default; Redis (ioredis) when the plugin config has `redis`
 * (a URL or ioredis options), so several Strapi instances share the counts. When
 * Redis is down the limiter falls back to memory (rate-limiter-flexible's
 * insurance limiter) and logs a warning until Redis is back.
 *
 * The allowed number of posts comes from the admin settings on every request, so
 * a change applies at once: the stores count posts, the comparison happens here.
 */
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

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let limiter: RateLimiterAbstract | undefined;
  let redis: Redis | undefined;
  let redisDownWarned = false;

  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  const warnRedisDown = (reason: string) => {
    if (redisDownWarned) return;
    redisDownWarned = true;
    strapi.log.warn(
      `[movie-reviews] Redis is unavailable (${reason}); comment rate limits are counted in this process's memory until it is back.`
    );
  };

  const build = (): RateLimiterAbstract => {
    const { duration } = config().rateLimit;
    const memory = new RateLimiterMemory({ keyPrefix: KEY_PREFIX, points: STORE_POINTS, duration });
    redis = openRedis(config().redis, { enableOfflineQueue: false });
    if (!redis) return memory;
    redis.on('error', (error: Error) => warnRedisDown(error.message || error.name));
    redis.on('ready', () => {
      if (redisDownWarned)
        strapi.log.info('[movie-reviews] Redis is reachable again; comment rate limits are shared again.');
      redisDownWarned = false;
    });
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: KEY_PREFIX,
      points: STORE_POINTS,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };

  return {
    /** Opens the store (and the Redis connection, when configured) at bootstrap, before the first post. */
    init(): void {
      limiter ??= build();
    },

    /** Counts one post from `key` (the client IP). */
    async consume(key: string): Promise<RateLimitResult> {
      limiter ??= build();
      if (redis && redis.status !== 'ready') warnRedisDown(`connection ${redis.status}`);
      const points = (await getService(strapi, 'settings').current()).rateLimitPoints;
      let res: RateLimiterRes;
      try {
        res = await limiter.consume(key || 'unknown', 1);
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
      limiter = undefined;
    },
  };
};
