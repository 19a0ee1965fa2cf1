/**
 * Shares response-cache invalidations between instances through Redis pub/sub
 * (when `config.redis` is set): each invalidation is published as its list of
 * cache tags, and every other instance applies it on receipt. A burst of writes
 * in one tick is one PUBLISH. Without Redis (or while it is down) nothing is
 * shared, with a logged warning when Redis was configured; on reconnection the
 * listeners are told to start clean (messages sent meanwhile were missed).
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import type { PluginConfig } from '../config';
import { closeRedis, openRedis } from '../utils/redis';

type TagsListener = (tags: string[]) => void;

const channelFor = (redis: Redis) => `movie-reviews:${redis.options.db ?? 0}:response-cache:flush`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const instanceId = randomUUID();
  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;
  let redisDownWarned = false;
  let everReady = false;
  let publishPending: Promise<void> | null = null;
  const pendingTags = new Set<string>();
  const messageListeners = new Set<TagsListener>();
  const reconnectListeners = new Set<() => void>();

  const warnRedisDown = (reason: string) => {
    if (redisDownWarned) return;
    redisDownWarned = true;
    strapi.log.warn(
      `[movie-reviews] Redis is unavailable (${reason}); the response cache is flushed in this process only until it is back.`
    );
  };

  return {
    /** Tells the other instances to drop the entries carrying `tags` (one PUBLISH per tick). */
    publish(tags: readonly string[]): Promise<void> {
      if (!publisher || tags.length === 0) return Promise.resolve();
      if (publisher.status !== 'ready') {
        // Still connecting at boot is not an outage (invalidations are local only meanwhile).
        if (everReady || !['connecting', 'connect', 'wait'].includes(publisher.status))
          warnRedisDown(`connection ${publisher.status}`);
        return Promise.resolve();
      }
      const client = publisher;
      for (const tag of tags) pendingTags.add(tag);
      publishPending ??= new Promise<void>((resolve) => setImmediate(resolve))
        .then(async () => {
          publishPending = null;
          const message = `${instanceId} ${[...pendingTags].join(',')}`;
          pendingTags.clear();
          await client.publish(channelFor(client), message);
        })
        .catch((error: Error) => warnRedisDown(error.message));
      return publishPending;
    },

    /** `listener(tags)` runs for every invalidation announced by another instance. */
    onMessage(listener: TagsListener): void {
      messageListeners.add(listener);
    },

    /** `listener()` runs when the subscription (re)connects: announcements may have been missed. */
    onReconnect(listener: () => void): void {
      reconnectListeners.add(listener);
    },

    state(): 'off' | 'ready' | 'down' {
      if (!subscriber) return 'off';
      return subscriber.status === 'ready' && publisher?.status === 'ready' ? 'ready' : 'down';
    },

    /** Connects the pub/sub pair when `config.redis` is set (bootstrap). */
    init(): void {
      const redisConfig = (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).redis;
      if (!redisConfig || subscriber) return;
      publisher = openRedis(redisConfig, { enableOfflineQueue: false });
      subscriber = openRedis(redisConfig);
      if (!publisher || !subscriber) return;
      const sub = subscriber;
      const channel = channelFor(sub);
      for (const client of [publisher, sub])
        client.on('error', (error: Error) => warnRedisDown(error.message || error.name));
      publisher.on('ready', () => {
        everReady = true;
      });
      sub.on('ready', () => {
        void sub.subscribe(channel).catch((error: Error) => warnRedisDown(error.message));
        if (redisDownWarned)
          strapi.log.info('[movie-reviews] Redis is reachable again; response cache flushes are shared again.');
        redisDownWarned = false;
        for (const listener of reconnectListeners) listener();
      });
      sub.on('message', (from: string, message: string) => {
        const [sender, list = ''] = message.split(' ');
        if (from !== channel || sender === instanceId) return;
        const tags = list.split(',').filter(Boolean);
        for (const listener of messageListeners) listener(tags);
      });
    },

    async close(): Promise<void> {
      closeRedis(publisher);
      closeRedis(subscriber);
      publisher = undefined;
      subscriber = undefined;
    },
  };
};
