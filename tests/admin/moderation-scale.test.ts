/**
 * The moderation queue with thousands of comments: a page costs the same number of
 * SQL queries whatever its size, counts stay right, and bulk actions stay bounded.
 * Timings are printed for the record, never asserted.
 */
import { randomBytes } from 'node:crypto';
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { bearer, COMMENT, REVIEW } from './helpers';

const TOTAL = 5000;

let app: TestApp;
let token: string;
let herId: string;
let queries = 0;
let counting = false;

const documentId = () => randomBytes(12).toString('hex').slice(0, 24);

const countQueries = async <T>(fn: () => Promise<T>) => {
  queries = 0;
  counting = true;
  const started = process.hrtime.bigint();
  try {
    const result = await fn();
    return { result, queries, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  } finally {
    counting = false;
  }
};

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
  herId = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })).documentId;
  const statuses = ['pending', 'approved', 'rejected', 'spam'];
  const now = Date.now();
  // Written straight to the table: this is a fixture of volume, not a test of the write path.
  for (let start = 0; start < TOTAL; start += 500) {
    const data = Array.from({ length: Math.min(500, TOTAL - start) }, (_, k) => {
      const i = start + k;
      return {
        documentId: documentId(),
        reviewDocumentId: herId,
        authorName: `Reader ${i}`,
        authorEmail: `reader${i}@example.com`,
        content: i % 50 === 0 ? `Needle comment ${i} about the soundtrack` : `Comment ${i} on the film`,
        moderationStatus: statuses[i % 4],
        ip: '198.51.100.1',
        authorIsEditor: false,
        createdAt: new Date(now - i * 1000),
        updatedAt: new Date(now - i * 1000),
      };
    });
    await app.strapi.db.query(COMMENT).createMany({ data });
  }
  // Every statement knex sends (auth lookups of the admin routes included).
  (app.strapi.db.connection as unknown as { on(event: string, fn: () => void): void }).on('query', () => {
    if (counting) queries += 1;
  });
});
afterAll(async () => {
  await app?.close();
});

const list = (query: Record<string, string | number>) =>
  app.http().get('/movie-reviews/moderation/comments').query(query).set(bearer(token));

describe(`the queue with ${TOTAL} comments`, () => {
  it('counts every status and pages through them on the server', async () => {
    const res = await list({ status: 'pending', pageSize: 100, page: 3 });
    expect(res.status).toBe(200);
    expect(res.body.meta.counts).toEqual({ pending: 1251, approved: 1252, rejected: 1250, spam: 1250, all: 5003 });
    expect(res.body.meta.pagination).toEqual({ page: 3, pageSize: 100, pageCount: 13, total: 1251 });
    expect(res.body.data).toHaveLength(100);
  });

  it('costs the same number of queries for a page of 10 and a page of 100', async () => {
    const small = await countQueries(() => list({ status: 'all', pageSize: 10 }));
    const large = await countQueries(() => list({ status: 'all', pageSize: 100 }));
    const searched = await countQueries(() =>
      list({ status: 'all', pageSize: 100, q: 'needle', review: herId, sort: 'authorName:asc' })
    );
    expect(small.result.body.data).toHaveLength(10);
    expect(large.result.body.data).toHaveLength(100);
    expect(searched.result.body.meta.pagination.total).toBe(100);
    expect(large.queries).toBe(small.queries);
    expect(searched.queries).toBeLessThanOrEqual(large.queries + 1);
    expect(large.queries).toBeLessThanOrEqual(10);
    console.info(
      `[scale] ${TOTAL} comments: page of 10 ${small.queries} queries ${small.ms.toFixed(0)} ms; page of 100 ${large.queries} queries ${large.ms.toFixed(0)} ms; search+review+sort ${searched.queries} queries ${searched.ms.toFixed(0)} ms`
    );
  });

  it('approves a full page of 100 in one call, and refuses 101', async () => {
    const page = await list({ status: 'pending', pageSize: 100 });
    const ids = page.body.data.map((c: { documentId: string }) => c.documentId);
    const run = await countQueries(() =>
      app.http().post('/movie-reviews/moderation/comments/actions').set(bearer(token)).send({ action: 'approve', ids })
    );
    expect(run.result.status).toBe(200);
    expect(run.result.body.data.changed).toHaveLength(100);
    expect(
      await app.strapi.db.query(COMMENT).count({ where: { documentId: { $in: ids }, moderationStatus: 'approved' } })
    ).toBe(100);
    console.info(`[scale] bulk approve of 100: ${run.queries} queries ${run.ms.toFixed(0)} ms`);
    const tooMany = await app
      .http()
      .post('/movie-reviews/moderation/comments/actions')
      .set(bearer(token))
      .send({ action: 'approve', ids: [...ids, 'x'] });
    expect(tooMany.status).toBe(400);
  });
});
