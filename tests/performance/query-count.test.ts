/**
 * SQL statements per public GET, counted on the knex connection
 * (`strapi.db.connection.on('query')`), with the response cache turned off so
 * every request reaches the database. Counted: statements that read or write data
 * (select / insert / update / delete / with); session set-up of a new pool
 * connection and BEGIN/COMMIT are not (see countQueries in helpers/fixtures.ts).
 * The count must not grow with the page size, and stays at most 5 for a list page
 * and 6 for the detail and a comments page (authors and their avatars are one
 * statement, services/review-authors.ts, where a populate of both cost two).
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, countQueries, createComment, createReview, REVIEW } from '../helpers/fixtures';
import { dbClient } from '../helpers/database';

let app: TestApp;
const MAX_LIST_QUERIES = 5;
const MAX_QUERIES = 6;
const MAX_DETAIL_QUERIES = 6;
const counts: Record<string, number> = {};

const cache = () => app.strapi.plugin('movie-reviews').service('responseCache') as { setEnabled(v: boolean): void };

const statements: string[] = [];
const record = (q: { sql?: string }) => {
  if (/^\s*(with|select|insert|update|delete)\b/i.test(q.sql ?? '')) statements.push((q.sql ?? '').slice(0, 160));
};

const get = async (url: string) => {
  const res = await app.http().get(url);
  expect(res.status).toBe(200);
  return res;
};

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  cache().setEnabled(false);
  (app.strapi.db.connection as unknown as { on(e: 'query', cb: typeof record): void }).on('query', record);
  const her = (await app.strapi.db
    .query(REVIEW)
    .findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } })) as {
    documentId: string;
    stills: unknown[];
  };
  expect(Array.isArray(her.stills) && her.stills.length).toBeTruthy();
  for (let i = 0; i < 110; i += 1) {
    await createReview(app, { title: `Paged ${i}`, movieYear: 1900 + (i % 120), stills: her.stills, tags: ['paged'] });
  }
  for (let i = 0; i < 30; i += 1) await createComment(app, her.documentId, { content: `Approved ${i}` });
}, 600_000);

afterAll(async () => {
  console.log(`queries per request (${dbClient()}, cache off): ${JSON.stringify(counts)}`);
  if (process.env.SHOW_SQL) console.log(statements.join('\n'));
  await app?.close();
});

describe(`queries per request (${dbClient()})`, () => {
  it('lists 10 and 100 reviews with stills in the same number of queries, at most 5', async () => {
    // Warm-up: pool connections, then the early path's memo of the Public role's permissions
    // (the first page goes through Strapi's stack, the next ones are answered before it).
    await get(`${API}/reviews?pageSize=2`);
    await get(`${API}/reviews?pageSize=3`);
    counts.list10 = await countQueries(app, async () => {
      const res = await get(`${API}/reviews?pageSize=10`);
      expect(res.body.data).toHaveLength(10);
      for (const review of res.body.data) expect(review.stills.length).toBeGreaterThan(0);
    });
    counts.list100 = await countQueries(app, async () => {
      const res = await get(`${API}/reviews?pageSize=100`);
      expect(res.body.data).toHaveLength(100);
      for (const review of res.body.data) expect(review.stills.length).toBeGreaterThan(0);
    });
    expect(counts.list100).toBe(counts.list10);
    expect(counts.list10).toBeLessThanOrEqual(MAX_LIST_QUERIES);
  });

  it('answers the detail in at most 6 queries', async () => {
    counts.detail = await countQueries(app, async () => {
      const res = await get(`${API}/reviews/her-2013`);
      expect(res.body.data.stills.length).toBeGreaterThan(0);
    });
    expect(counts.detail).toBeLessThanOrEqual(MAX_DETAIL_QUERIES);
  });

  it('answers a comments page of 10 and of 100 in the same number of queries, at most 6', async () => {
    await get(`${API}/reviews/her-2013/comments?pageSize=2`); // warm-up
    statements.length = 0;
    counts.comments10 = await countQueries(app, async () => {
      const res = await get(`${API}/reviews/her-2013/comments?pageSize=10`);
      expect(res.body.data.length).toBeGreaterThan(0);
    });
    counts.comments100 = await countQueries(app, async () => {
      const res = await get(`${API}/reviews/her-2013/comments?pageSize=100`);
      expect(res.body.data.length).toBeGreaterThan(10);
    });
    expect(counts.comments100).toBe(counts.comments10);
    expect(counts.comments10).toBeLessThanOrEqual(MAX_QUERIES);
  });

  it('answers a conditional GET of an unchanged review with a 304 in at most 1 query, with nothing cached', async () => {
    const path = `${API}/reviews/her-2013`;
    const first = await get(path);
    const etag = first.headers.etag as string;
    expect((await app.http().get(path).set('If-None-Match', etag)).status).toBe(304); // warm-up: permission memo
    let res: Awaited<ReturnType<typeof get>> | undefined;
    counts.detail304 = await countQueries(app, async () => {
      res = await app.http().get(path).set('If-None-Match', etag);
    });
    expect(res?.status).toBe(304);
    expect(res?.headers.etag).toBe(etag);
    for (const name of ['cache-control', 'x-frame-options', 'x-content-type-options', 'vary']) {
      expect(res?.headers[name]).toBe(first.headers[name]);
    }
    expect(counts.detail304).toBeLessThanOrEqual(1);
    // Through Strapi's stack (signed-in or cross-origin requests) the 304 skips building the answer too.
    const viaStack = await app.http().get(path).set('If-None-Match', etag).set('Origin', 'http://localhost:1337');
    expect(viaStack.status).toBe(304);
    // Not a stale 304: once the review's comments change, the same ETag gets the new answer.
    const her = (await app.strapi.db
      .query(REVIEW)
      .findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } })) as {
      documentId: string;
    };
    const added = await createComment(app, her.documentId, { content: 'Changes the version' });
    const changed = await app.http().get(path).set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.body.data.commentCount).toBe(first.body.data.commentCount + 1);
    expect(changed.headers.etag).not.toBe(etag);
    await app.strapi.documents('plugin::movie-reviews.comment').delete({ documentId: added.documentId });
  });

  it('answers a cached request without any query (early cache path)', async () => {
    cache().setEnabled(true);
    try {
      await get(`${API}/reviews?pageSize=10`);
      statements.length = 0;
      const n = await countQueries(app, async () => get(`${API}/reviews?pageSize=10`));
      expect(n).toBe(0);
      // With an Authorization header the request goes through Strapi's stack: only the
      // authentication / permission lookups run, the route answers from the cache.
      const authed = await countQueries(app, async () =>
        expect(
          (await app.http().get(`${API}/reviews?pageSize=10`).set('Authorization', 'Bearer not-a-token')).status
        ).toBe(401)
      );
      expect(authed).toBeLessThanOrEqual(2);
    } finally {
      cache().setEnabled(false);
    }
  });
});
