/**
 * With `config.redis` set, comment posts are counted in Redis (shared by every
 * Strapi instance); when Redis goes away the limiter falls back to memory and
 * logs a warning instead of failing the request. Runs a throwaway redis-server.
 */
import Redis from 'ioredis';
import { startRedisServer, waitFor, type RedisServer } from '../helpers/processes';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API } from '../helpers/fixtures';

let app: TestApp;
let redisServer: RedisServer;
let client: Redis;
let port: number;

const post = (content: string) =>
  app
    .http()
    .post(`${API}/reviews/her-2013/comments`)
    .send({ authorName: 'Rex', authorEmail: 'rex@example.org', content });

const limiter = () => app.strapi.plugin('movie-reviews').service('rateLimit') as { store(): string };

beforeAll(async () => {
  redisServer = await startRedisServer();
  port = redisServer.port;
  client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
  await waitFor(async () => {
    try {
      await client.connect().catch(() => undefined);
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }, 'redis-server');
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_REDIS_URL: `redis://127.0.0.1:${port}` } });
  await waitFor(() => limiter().store() === 'redis', 'the plugin to connect to Redis');
});

afterAll(async () => {
  await app?.close();
  client?.disconnect();
  redisServer?.stop();
});

it('counts posts per IP in Redis', async () => {
  expect((await post('one')).status).toBe(201);
  expect((await post('two')).status).toBe(201);
  const keys = await client.keys('movie-reviews:comment-posts:*');
  expect(keys).toHaveLength(1);
  expect(await client.get(keys[0])).toBe('2');
  const ttl = await client.pttl(keys[0]);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(60_000);
});

it('shares the count with other instances through Redis', async () => {
  const [key] = await client.keys('movie-reviews:comment-posts:*');
  // Another Strapi instance behind the same load balancer already took the rest of the budget.
  await client.set(key, '5', 'KEEPTTL');
  const res = await post('three');
  expect(res.status).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
});

it('falls back to memory with a warning when Redis goes away', async () => {
  const warnings: string[] = [];
  const original = app.strapi.log.warn.bind(app.strapi.log);
  app.strapi.log.warn = ((message: string) => {
    warnings.push(String(message));
    return original(message);
  }) as typeof app.strapi.log.warn;
  try {
    const exited = new Promise((resolve) => redisServer.process.once('exit', resolve));
    redisServer.stop();
    await exited;
    await waitFor(() => limiter().store() === 'memory-fallback', 'the plugin to notice Redis is gone');
    const res = await post('four');
    expect(res.status).toBe(201);
    expect(warnings.some((w) => /Redis is unavailable/.test(w))).toBe(true);
    // The memory fallback still limits: 5 per minute.
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post(`fallback ${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  } finally {
    app.strapi.log.warn = original;
  }
});
