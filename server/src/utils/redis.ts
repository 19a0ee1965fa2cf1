/**
 * The one place Redis connections are opened (rate limit counts, response cache
 * invalidation messages): same options, same reading of `config.redis` (a URL or
 * ioredis options), same quiet close.
 */
import Redis, { type RedisOptions } from 'ioredis';
import type { PluginConfig } from '../config';

const BASE_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  retryStrategy: (times) => Math.min(times * 500, 5000),
};

/** A new connection for `config.redis`, or undefined when Redis is not configured. */
export const openRedis = (redisConfig: PluginConfig['redis'], overrides: RedisOptions = {}): Redis | undefined => {
  if (!redisConfig) return undefined;
  const options = { ...BASE_OPTIONS, ...overrides };
  return typeof redisConfig === 'string'
    ? new Redis(redisConfig, options)
    : new Redis({ ...options, ...(redisConfig as RedisOptions) });
};

/** Disconnects without an unhandled 'error' event on the way out. */
export const closeRedis = (client: Redis | undefined): void => {
  if (!client) return;
  client.removeAllListeners('error');
  client.on('error', () => undefined);
  client.disconnect();
};
