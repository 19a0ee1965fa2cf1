/**
 * Response-cache flushes through Redis pub/sub (plugin config `redis`), on any
 * database: a flush published by another instance empties this one's cache, a
 * local write is published for the others, and with Redis gone the cache keeps
 * working on local flushes with a logged warning. Runs a throwaway redis-server.
 */
import Redis from 'ioredis';
import { startRedisServer, waitFor, type RedisServer } from '../helpers/processes';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT } from '../helpers/fixtures';

let app: TestApp;
let redisServer: RedisServer;
let client: Redis;
let listener: Redis;
let port: number;
const CHANNEL = 'movie-reviews:0:response-cache:flush';
const messages: string[] = [];

type Stats = { entries: number; generation: number; redis: string };
const cache = () => app.strapi.plugin('movie-reviews').service('responseCache') as { stats(): Stats };

const comments = () => app.http().get(`${API}/reviews/her-2013/comments`);

beforeAll(async () => {
  redisServer = await startRedisServer();
  port = redisServer.port;
  client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  listener = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  await waitFor(async () => {
    try {
      await client.connect().catch(() => undefined);
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }, 'redis-server');
  await listener.connect();
  await listener.subscribe(CHANNEL);
  listener.on('message', (_channel: string, message: string) => messages.push(message));
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_REDIS_URL: `redis://127.0.0.1:${port}/0` } });
  await waitFor(() => cache().stats().redis === 'ready', 'the response cache to connect to Redis');
});

afterAll(async () => {
  await app?.close();
  client?.disconnect();
  listener?.disconnect();
  redisServer?.stop();
});

const herDocumentId = async () =>
  (
    (await app.strapi.db
      .query('plugin::movie-reviews.movie-review')
      .findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } })) as {
      documentId: string;
    }
  ).documentId;

it('drops the entries carrying the tags another instance publishes, and only those', async () => {
  expect((await comments()).status).toBe(200);
  expect((await app.http().get(`${API}/reviews?pageSize=3`)).status).toBe(200);
  expect(cache().stats().entries).toBe(2);
  const before = cache().stats().generation;
  await client.publish(CHANNEL, `another-instance mr:comments:${await herDocumentId()}`);
  await waitFor(() => cache().stats().entries === 1, 'the invalidation to arrive');
  expect(cache().stats().generation).toBeGreaterThan(before);
  await client.publish(CHANNEL, 'another-instance mr:all');
  await waitFor(() => cache().stats().entries === 0, 'the flush to arrive');
});

it('publishes the tags of a write for the other instances', async () => {
  messages.length = 0;
  const pending = (await app.strapi.db.query(COMMENT).findOne({ where: { moderationStatus: 'pending' } })) as {
    documentId: string;
  };
  await app.strapi
    .documents(COMMENT)
    .update({ documentId: pending.documentId, data: { moderationStatus: 'approved' } as never });
  await waitFor(() => messages.length > 0, 'a flush message');
  const [sender, tags] = messages[0].split(' ');
  expect(sender).toMatch(/^[0-9a-f-]{36}$/);
  const id = await herDocumentId();
  expect(tags.split(',').sort()).toEqual([`mr:comments:${id}`, 'mr:list', `mr:review:${id}`].sort());
});

it('keeps working on local flushes, with a warning, when Redis goes away', async () => {
  const warnings: string[] = [];
  const original = app.strapi.log.warn.bind(app.strapi.log);
  app.strapi.log.warn = ((message: string) => {
    warnings.push(String(message));
    return original(message);
  }) as typeof app.strapi.log.warn;
  try {
    listener.disconnect();
    client.disconnect();
    const exited = new Promise((resolve) => redisServer.process.once('exit', resolve));
    redisServer.stop();
    await exited;
    await waitFor(() => cache().stats().redis === 'down', 'the plugin to notice Redis is gone');
    const first = await comments();
    expect(first.status).toBe(200);
    expect((await comments()).headers.etag).toBe(first.headers.etag);
    const approved = (await app.strapi.db.query(COMMENT).findMany({
      where: { moderationStatus: 'approved', reviewDocumentId: await herDocumentId() },
    })) as Array<{ documentId: string }>;
    await app.strapi
      .documents(COMMENT)
      .update({ documentId: approved[0].documentId, data: { moderationStatus: 'rejected' } as never });
    const after = await comments();
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect(warnings.some((w) => /Redis is unavailable.*response cache/.test(w))).toBe(true);
  } finally {
    app.strapi.log.warn = original;
  }
});
