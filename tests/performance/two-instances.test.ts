/**
 * Two Strapi processes (`strapi start`) on one PostgreSQL database and one Redis
 * (plugin config `redis`): a comment approved on instance A (document service,
 * through a loopback-only demo hook; the pending comment is found with A's admin
 * Content Manager API) is
 * in instance B's next answer (B had it cached: the flush travels through Redis
 * pub/sub), and the comment rate limit counts posts on both instances together.
 *
 * PostgreSQL only (run it in the postgres pass: DATABASE_CLIENT=postgres); on
 * other databases it is skipped with a message. Runs a throwaway redis-server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, dbClient, type TestDatabase } from '../helpers/database';
import { startRedisServer, type RedisServer } from '../helpers/processes';
import { startDemoServer, type DemoServer } from '../browser/helpers/demo-server';

const enabled = dbClient() === 'postgres';
if (!enabled) {
  console.warn(`two-instances.test.ts skipped: it needs DATABASE_CLIENT=postgres (got ${dbClient()}).`);
}

const API = '/api/movie-reviews';

type Instance = DemoServer;

/** An API-only demo instance (`strapi start`) on its own port. */
const startInstance = (env: Record<string, string>): Promise<Instance> =>
  startDemoServer({
    SERVE_ADMIN: 'false',
    JWT_SECRET: 'two-instances-jwt',
    ADMIN_JWT_SECRET: 'two-instances-admin-jwt',
    ...env,
  });

const stopInstance = async (instance: Instance | undefined) => instance?.stop();

let db: TestDatabase;
let redis: RedisServer;
let a: Instance;
let b: Instance;
let publicDir: string;

const describeIf = enabled ? describe : describe.skip;

describeIf('two instances on PostgreSQL + Redis', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    db = await createTestDatabase();
    publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-two-'));
    fs.mkdirSync(path.join(publicDir, 'uploads'));
    const env = { ...db.env, DEMO_PUBLIC_DIR: publicDir, MOVIE_REVIEWS_REDIS_URL: `${redis.url}/0` };
    // A first (schema + seed), then B on the same database.
    a = await startInstance({ ...env, DEMO_SEED: 'true' });
    b = await startInstance({ ...env, DEMO_SEED: 'false' });
  }, 300_000);

  afterAll(async () => {
    await stopInstance(a);
    await stopInstance(b);
    redis?.stop();
    await db?.drop().catch(() => undefined);
    if (publicDir) fs.rmSync(publicDir, { recursive: true, force: true });
  }, 60_000);

  it('shows on B a comment approved on A, although B had the comments cached', async () => {
    const login = await fetch(`${a.url}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: process.env.DEMO_ADMIN_EMAIL ?? 'editor@movie-reviews.local',
        password: process.env.DEMO_ADMIN_PASSWORD ?? 'Demo-Editor-2026',
      }),
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const cm = `${a.url}/content-manager/collection-types/plugin::movie-reviews.comment`;
    const pendingRes = await fetch(`${cm}?filters[moderationStatus][$eq]=pending`, { headers: auth });
    expect(pendingRes.status).toBe(200);
    const pending = ((await pendingRes.json()) as { results: Array<{ documentId: string; content: string }> })
      .results[0];
    expect(pending).toBeTruthy();

    // B answers twice: the second answer comes from its cache (same ETag).
    const first = await fetch(`${b.url}${API}/reviews/her-2013/comments`);
    const firstText = await first.text();
    expect(first.status).toBe(200);
    expect(firstText).not.toContain(pending.content);
    const again = await fetch(`${b.url}${API}/reviews/her-2013/comments`, {
      headers: { 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);

    // A moderator approves it on A, through the plugin's admin moderation route.
    const approve = await fetch(`${a.url}/movie-reviews/moderation/comments/actions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ action: 'approve', ids: [pending.documentId] }),
    });
    expect([approve.status, approve.status === 200 ? '' : await approve.text()]).toEqual([200, '']);

    const after = await fetch(`${b.url}${API}/reviews/her-2013/comments`, {
      headers: { 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain(pending.content);
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
    const detailB = (await (await fetch(`${b.url}${API}/reviews/her-2013`)).json()) as {
      data: { commentCount: number };
    };
    const detailA = (await (await fetch(`${a.url}${API}/reviews/her-2013`)).json()) as {
      data: { commentCount: number };
    };
    expect(detailB.data.commentCount).toBe(detailA.data.commentCount);
  });

  it('counts comment posts across both instances (5 on A, the 6th on B is refused)', async () => {
    const post = (instance: Instance, i: number) =>
      fetch(`${instance.url}${API}/reviews/her-2013/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          authorName: 'Twin',
          authorEmail: 'twin@example.org',
          content: `Post number ${i} from a reader`,
        }),
      });
    for (let i = 1; i <= 5; i += 1) expect((await post(a, i)).status).toBe(201);
    const sixth = await post(b, 6);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

if (!enabled) {
  it('is skipped unless DATABASE_CLIENT=postgres', () => {
    expect(enabled).toBe(false);
  });
}
