/**
 * Uncached answers on the early path (server/src/middlewares/early-cache.ts).
 *
 * A detail: without If-None-Match it is built from the row read with its version; with
 * a stale one the version is read alone, then the row with its version as without one;
 * both give the stack's body and ETag.
 *
 * Uncached pages of the review list are answered before Strapi's stack
 * (server/src/middlewares/early-cache.ts) once one public page went through it: the
 * same body, ETag and headers as the stack's answer, a 304 for a matching ETag,
 * fewer queries (no permission query), and the stack's 400 for a query the
 * controller's parser refuses. Revoking the Public role's permission is not bypassed.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, countQueries, createComment, createReview, unlinkAuthor } from '../helpers/fixtures';
import { dbClient } from '../helpers/database';

let app: TestApp;

const cache = () => app.strapi.plugin('movie-reviews').service('responseCache') as { setEnabled(v: boolean): void };
const get = (url: string, headers: Record<string, string> = {}) => {
  let req = app.http().get(url);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req;
};

const PERMISSION = 'plugin::users-permissions.permission';
const LIST_ACTION = 'plugin::movie-reviews.reviews.find';

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  for (let i = 0; i < 4; i += 1) {
    await createReview(app, { title: `Early ${i}`, movieYear: 2013, rating: i % 2 ? 7 : null, tags: ['drama'] });
  }
  cache().setEnabled(false);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

const REPLAYED = [
  'content-type',
  'etag',
  'cache-control',
  'surrogate-key',
  'x-frame-options',
  'x-content-type-options',
  'vary',
];

describe('the early path for uncached list pages', () => {
  it('answers as the stack did, with fewer queries, and keeps the stack for refused queries', async () => {
    const url = `${API}/reviews?pageSize=3&sort=title:asc`;
    const stack = await get(url);
    expect(stack.status).toBe(200);
    expect(stack.body.data).toHaveLength(3);
    await get(`${API}/reviews?pageSize=2`); // fills the memo of the Public role's permissions

    let early!: Awaited<ReturnType<typeof get>>;
    const earlyQueries = await countQueries(app, async () => {
      early = await get(url);
    });
    expect(early.status).toBe(200);
    expect(early.text).toBe(stack.text);
    for (const name of REPLAYED) expect([name, early.headers[name]]).toEqual([name, stack.headers[name]]);
    // A cross-origin request goes through the stack, which checks the Public role's permissions
    // in the database; the early path uses its memo.
    const stackQueries = await countQueries(app, async () => {
      expect((await get(url, { Origin: 'http://localhost:1337' })).text).toBe(stack.text);
    });
    expect(earlyQueries).toBeLessThan(stackQueries);

    expect((await get(url, { 'If-None-Match': stack.headers.etag })).status).toBe(304);

    // Filters and search: same body as the full stack's (forced by an Origin header).
    for (const query of ['filters[movie][year]=2013', 'q=her', 'filters[tags]=drama', 'sort=rating:desc&pageSize=5']) {
      const viaEarly = await get(`${API}/reviews?${query}`);
      const viaStack = await get(`${API}/reviews?${query}`, { Origin: 'http://localhost:1337' });
      expect(viaEarly.status).toBe(200);
      expect(viaEarly.body.data.length).toBeGreaterThan(0);
      expect(viaEarly.text).toBe(viaStack.text);
      expect(viaEarly.headers.etag).toBe(viaStack.headers.etag);
    }

    const bad = await get(`${API}/reviews?pageSize=1000&unknown=1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('ValidationError');
  });

  it('answers an uncached detail, with or without a stale If-None-Match, as the stack does', async () => {
    // her-2013: the seeded author with an avatar, stills, an approved comment and an approved reply
    // to it (the visible count comes with the version). The review created here has no author, no
    // stills and an approved reply under a rejected comment (its visible count is read apart).
    const authorless = await createReview(app, { title: 'Early without author' });
    await unlinkAuthor(app, authorless.documentId);
    const parent = await createComment(app, authorless.documentId, { content: 'Soon rejected' });
    await createComment(app, authorless.documentId, { parentDocumentId: parent.documentId, content: 'Approved reply' });
    await createComment(app, authorless.documentId, { content: 'Approved, top level' });
    await app.strapi.db
      .query(COMMENT)
      .update({ where: { documentId: parent.documentId }, data: { moderationStatus: 'rejected' } });
    for (const slug of ['her-2013', authorless.slug]) {
      const url = `${API}/reviews/${slug}`;
      const first = await get(url, { Origin: 'http://localhost:1337' }); // through the stack: the early path learns its headers
      expect(first.status).toBe(200);
      expect(first.body.data.author === null).toBe(slug === authorless.slug);
      if (slug === 'her-2013')
        expect(first.body.data.author.avatar).toEqual(expect.objectContaining({ url: expect.any(String) }));
      await get(url);
      let plain!: Awaited<ReturnType<typeof get>>;
      let viaStack!: Awaited<ReturnType<typeof get>>;
      const earlyQueries = await countQueries(app, async () => {
        plain = await get(url);
      });
      let stale!: Awaited<ReturnType<typeof get>>;
      const staleQueries = await countQueries(app, async () => {
        stale = await get(url, { 'If-None-Match': '"v-not-the-version"' });
      });
      const stackQueries = await countQueries(app, async () => {
        viaStack = await get(url, { Origin: 'http://localhost:1337' });
      });
      // Early: the version with the row, the author and (her-2013) the visible comment count, then
      // the stills (her-2013; read with the version on PostgreSQL) or the comment threads (the other one).
      expect(earlyQueries).toBe(slug === 'her-2013' && dbClient() === 'postgres' ? 1 : 2);
      if (slug === authorless.slug) expect(first.body.data.commentCount).toBe(1);
      expect(earlyQueries).toBeLessThan(stackQueries);
      // A stale If-None-Match: the version alone (no match), then the same reads as without one.
      expect(staleQueries).toBe(earlyQueries + 1);
      for (const res of [plain, stale, viaStack]) {
        expect(res.status).toBe(200);
        expect(res.text).toBe(first.text);
        expect(res.headers.etag).toBe(first.headers.etag);
      }
      let notModified!: Awaited<ReturnType<typeof get>>;
      expect(
        await countQueries(app, async () => {
          notModified = await get(url, { 'If-None-Match': first.headers.etag });
        })
      ).toBe(1);
      expect(notModified.status).toBe(304);
    }
    expect((await get(`${API}/reviews/no-such-review`)).status).toBe(404);
  });

  it('stops answering early once the Public role loses the list permission', async () => {
    const url = `${API}/reviews?pageSize=4`;
    expect((await get(url)).status).toBe(200);
    const permission = (await app.strapi.db
      .query(PERMISSION)
      .findOne({ where: { action: LIST_ACTION, role: { type: 'public' } } })) as { id: number } | null;
    expect(permission).toBeTruthy();
    const earlyHeaders = (
      app.strapi.plugin('movie-reviews').service('responseCache') as {
        stackHeaders(kind: string): Record<string, string> | undefined;
      }
    ).stackHeaders('list');
    expect(earlyHeaders).toBeTruthy();
    await app.strapi.db.query(PERMISSION).delete({ where: { id: permission!.id } });
    try {
      // The permission write flushes the memo and the remembered headers (cache-invalidation.ts):
      // the stack answers, and refuses.
      expect((await get(url)).status).toBe(403);
      // With the headers known again (as after any public answer of another kind), the early path
      // itself must see that the Public role lost the action.
      (
        app.strapi.plugin('movie-reviews').service('responseCache') as {
          rememberStackHeaders(kind: string, headers: Record<string, string>): void;
        }
      ).rememberStackHeaders('list', earlyHeaders!);
      expect((await get(`${API}/reviews?pageSize=5`)).status).toBe(403);
    } finally {
      const publicRole = (await app.strapi.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type: 'public' } })) as {
        id: number;
      };
      await app.strapi.db.query(PERMISSION).create({ data: { action: LIST_ACTION, role: publicRole.id } });
    }
    expect((await get(url)).status).toBe(200);
  });
});
