/**
 * The database goes away under a running app (PostgreSQL only: a TCP proxy sits
 * between Strapi and the server). Reads answer 503 in Strapi's error shape, quickly
 * (small pool acquire timeout), the app recovers when the link is back, and a
 * comment POST cut mid-flight is either stored once or answered with an error.
 */
import { randomBytes } from 'node:crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT } from '../helpers/fixtures';
import { dbClient } from '../helpers/database';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy';

const onPostgres = dbClient() === 'postgres';
const describeIfPostgres = onPostgres ? describe : describe.skip;
if (!onPostgres) {
  console.log('database-drop: skipped (needs DATABASE_CLIENT=postgres for the TCP proxy)');
}

let app: TestApp;
let proxy: TcpProxy;
const m = randomBytes(4).toString('hex');

const trace = (msg: string) => {
  if (process.env.TRACE) process.stderr.write(`[drop] ${msg}\n`);
};

const READS = [`${API}/reviews`, `${API}/reviews/her-2013`, `${API}/reviews/her-2013/comments`];
// Reads of URLs never requested before: the response cache cannot answer them, the database must.
const UNCACHED_READS = [
  `${API}/reviews?page=2`,
  `${API}/reviews/a-slug-never-requested`,
  `${API}/reviews/her-2013/comments?pageSize=7`,
];

const expectUnavailable = (res: { status: number; body: unknown; headers: Record<string, string> }) => {
  expect(res.status).toBe(503);
  expect(res.body).toEqual({
    data: null,
    error: { status: 503, name: 'ServiceUnavailableError', message: expect.any(String), details: {} },
  });
  expect(res.headers['retry-after']).toBe('5');
  expect(JSON.stringify(res.body)).not.toMatch(/ECONN|knex|stack|at .*\.js/i);
};

const post = (content: string) =>
  app
    .http()
    .post(`${API}/reviews/her-2013/comments`)
    .timeout(20000)
    .send({ authorName: 'Cut', authorEmail: 'cut@example.org', content });

/** Rows with this content, read once the link is back. */
const stored = async (content: string) =>
  (await app.strapi.db.query(COMMENT).findMany({ where: { content } })) as Array<Record<string, unknown>>;

const waitForRecovery = async () => {
  for (let i = 0; i < 40; i += 1) {
    const res = await app.http().get(`${API}/reviews`).timeout(10000);
    if (res.status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the app did not recover');
};

describeIfPostgres('database drops (PostgreSQL through a TCP proxy)', () => {
  beforeAll(async () => {
    proxy = await startTcpProxy({
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? 5432),
    });
    app = await startStrapi({
      seed: true,
      env: {
        DATABASE_PORT: String(proxy.port),
        DATABASE_CONNECTION_TIMEOUT: '1500',
        DATABASE_POOL_MIN: '0',
        MOVIE_REVIEWS_RATE_LIMIT: '1000',
      },
    });
  });

  afterAll(async () => {
    proxy?.restore();
    await app?.close();
    await proxy?.close();
  });

  it('answers reads normally through the proxy', async () => {
    for (const path of READS) expect((await app.http().get(path)).status).toBe(200);
  });

  it('keeps answering cached reads from memory while the database is cut', async () => {
    proxy.cut();
    try {
      for (const path of READS) expect((await app.http().get(path).timeout(20000)).status).toBe(200);
    } finally {
      proxy.restore();
    }
    await waitForRecovery();
  });

  it('answers 503 in Strapi error shape while the database is cut, and recovers when it is back', async () => {
    proxy.cut();
    for (const path of UNCACHED_READS) {
      trace(`get ${path}`);
      const res = await app.http().get(path).timeout(20000);
      trace(`got ${res.status} ${res.text.slice(0, 200)}`);
      expectUnavailable(res);
    }
    proxy.restore();
    trace('restored');
    await waitForRecovery();
    trace('recovered');
    for (const path of READS) expect((await app.http().get(path)).status).toBe(200);
  });

  it('refuses a comment with 503 while the database is cut, and stores nothing', async () => {
    const content = `While cut ${m}`;
    proxy.cut();
    const res = await post(content);
    expectUnavailable(res);
    proxy.restore();
    await waitForRecovery();
    expect(await stored(content)).toEqual([]);
  });

  it('answers SERVICE_UNAVAILABLE to the plugin GraphQL operations while the database is cut, and recovers', async () => {
    const graphql = (query: string) => app.http().post('/graphql').timeout(20000).send({ query });
    const operations = [
      '{ movieReviews(pagination: { page: 4 }) { meta { pagination { total } } } }',
      '{ movieReviewComments(slug: "her-2013", pagination: { pageSize: 9 }) { meta { pagination { total } } } }',
      `mutation { createMovieReviewComment(slug: "her-2013", data: { authorName: "Cut", authorEmail: "cut@example.org", content: "GraphQL while cut ${m}" }) { documentId } }`,
    ];
    proxy.cut();
    try {
      for (const query of operations) {
        const res = await graphql(query);
        trace(`graphql ${res.status} ${res.text.slice(0, 300)}`);
        const errors = res.body.errors as Array<{ message: string; extensions: Record<string, unknown> }>;
        expect(errors?.length).toBeGreaterThan(0);
        expect(errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
        expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|ECONN|knex|\.js:\d+|\/work\//i);
      }
    } finally {
      proxy.restore();
    }
    await waitForRecovery();
    const after = await graphql(operations[0]);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.movieReviews.meta.pagination.total).toBeGreaterThan(0);
    expect(await stored(`GraphQL while cut ${m}`)).toEqual([]);
  });

  it.each([
    ['before the INSERT reaches the server', /insert into/i, 'before'],
    ['after the INSERT reached the server', /insert into/i, 'after'],
    ['before the COMMIT reaches the server', /commit/i, 'before'],
    ['after the COMMIT reached the server', /commit/i, 'after'],
  ] as const)(
    'a comment POST cut %s is stored once or answered with an error, never half',
    async (_label, pattern, when) => {
      const content = `Cut ${when} ${pattern.source} ${m}`;
      const tripped = proxy.cutOn(pattern, when);
      const res = await post(content);
      await tripped;
      proxy.restore();
      await waitForRecovery();
      const rows = await stored(content);
      trace(`POST cut ${when} ${pattern.source}: ${res.status}, ${rows.length} row(s)`);
      expect(rows.length).toBeLessThanOrEqual(1);
      if (res.status === 201) {
        // Acknowledged: stored exactly once, whole.
        expect(rows).toHaveLength(1);
      } else {
        expect(res.status).toBe(503);
        expectUnavailable(res);
      }
      for (const row of rows) {
        // Never half: a stored row has every column the endpoint writes.
        expect(row).toMatchObject({
          authorName: 'Cut',
          authorEmail: 'cut@example.org',
          content,
          moderationStatus: 'pending',
          reviewDocumentId: expect.any(String),
        });
      }
      if (when === 'after' && pattern.source === 'commit' && res.status !== 201) {
        // The server committed but the answer never came back: the client sees 503 and the row exists.
        // Nothing can tell those apart from the client's side; it is stored once, never twice.
        expect(rows.length).toBeLessThanOrEqual(1);
      }
    }
  );
});
