/**
 * The moderation API: queue listing (filters, search, sort, pagination, counts),
 * bulk actions and editor replies, checked over HTTP and in the database afterwards.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { bearer, COMMENT, expectError, REVIEW } from './helpers';

let app: TestApp;
let token: string;
let herId: string;
let draftId: string;

type Comment = Record<string, unknown> & { documentId: string; status: string };

const list = (query: Record<string, string | number> = {}) =>
  app.http().get('/movie-reviews/moderation/comments').query(query).set(bearer(token));
const act = (body: unknown) =>
  app
    .http()
    .post('/movie-reviews/moderation/comments/actions')
    .set(bearer(token))
    .send(body as object);
const reply = (id: string, body: unknown) =>
  app
    .http()
    .post(`/movie-reviews/moderation/comments/${id}/reply`)
    .set(bearer(token))
    .send(body as object);
const stored = async (documentId: string) =>
  (await app.strapi.db.query(COMMENT).findOne({ where: { documentId } })) as Comment | null;
const byAuthor = async (authorName: string) =>
  (await app.strapi.db.query(COMMENT).findOne({ where: { authorName } })) as Comment;

/** Creates comments through the document service (validation included). */
const addComments = async (n: number, data: Record<string, unknown>) => {
  const created: Comment[] = [];
  for (let i = 0; i < n; i += 1) {
    created.push(
      (await app.strapi.documents(COMMENT).create({
        data: {
          reviewDocumentId: herId,
          authorName: `Reader ${String(i).padStart(2, '0')}`,
          authorEmail: `reader${i}@example.com`,
          content: `Comment number ${i}`,
          moderationStatus: 'pending',
          ...data,
        },
      } as never)) as unknown as Comment
    );
  }
  return created;
};

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
  herId = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })).documentId;
  draftId = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'the-unfinished-draft-2024' } })).documentId;
});
afterAll(async () => {
  await app?.close();
});

describe('GET /movie-reviews/moderation/comments', () => {
  it('lists the pending queue by default, with counts per status and admin-only fields', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.meta.counts).toEqual({ pending: 1, approved: 2, rejected: 0, spam: 0, all: 3 });
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 1 });
    expect(res.body.data).toHaveLength(1);
    const [row] = res.body.data;
    expect(row).toMatchObject({
      authorName: 'Priya',
      authorEmail: 'priya@example.com',
      ip: '203.0.113.7',
      status: 'pending',
      review: { documentId: herId, title: 'Her: a love story told mostly to an earpiece', published: true },
      parent: null,
    });
    expect(row.content).toMatch(/^Has anyone found the score on vinyl\?/);
    expect(row.id).toBe(row.documentId);
  });

  it('shows the parent of a reply', async () => {
    const res = await list({ status: 'approved', sort: 'createdAt:asc' });
    expect(res.status).toBe(200);
    const replyRow = res.body.data.find((c: Comment) => c.authorName === 'Mara Okafor');
    expect(replyRow).toMatchObject({ authorIsEditor: true, parent: { authorName: 'Jonas', status: 'approved' } });
  });

  it('searches author names and content, case-insensitively', async () => {
    const byContent = await list({ status: 'all', q: 'VINYL' });
    expect(byContent.body.data.map((c: Comment) => c.authorName)).toEqual(['Priya']);
    expect(byContent.body.meta.counts).toEqual({ pending: 1, approved: 0, rejected: 0, spam: 0, all: 1 });
    const byName = await list({ status: 'all', q: 'jonas' });
    expect(byName.body.data.map((c: Comment) => c.authorName)).toEqual(['Jonas']);
    const none = await list({ status: 'all', q: 'no comment says this' });
    expect(none.body.data).toEqual([]);
    expect(none.body.meta.pagination.total).toBe(0);
  });

  it('filters on a review and names it in meta', async () => {
    const her = await list({ status: 'all', review: herId });
    expect(her.body.meta.counts.all).toBe(3);
    expect(her.body.meta.review).toMatchObject({ documentId: herId, published: true });
    const draft = await list({ status: 'all', review: draftId });
    expect(draft.body.data).toEqual([]);
    expect(draft.body.meta.review).toMatchObject({ documentId: draftId, published: false });
    const unknown = await list({ status: 'all', review: 'doesnotexist123' });
    expect(unknown.body.data).toEqual([]);
    expect(unknown.body.meta.review).toBeNull();
  });

  it('paginates and sorts on the server', async () => {
    await addComments(23, { content: 'pagination fixture' });
    const first = await list({ q: 'pagination fixture', pageSize: 10, sort: 'authorName:asc' });
    expect(first.status).toBe(200);
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 3, total: 23 });
    expect(first.body.data.map((c: Comment) => c.authorName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Reader ${String(i).padStart(2, '0')}`)
    );
    const last = await list({ q: 'pagination fixture', pageSize: 10, page: 3, sort: 'authorName:DESC' });
    expect(last.body.data.map((c: Comment) => c.authorName)).toEqual(['Reader 02', 'Reader 01', 'Reader 00']);
    const beyond = await list({ q: 'pagination fixture', page: 9 });
    expect(beyond.body.data).toEqual([]);
    // Clean up through the API itself.
    const ids = (await list({ q: 'pagination fixture', pageSize: 100 })).body.data.map((c: Comment) => c.documentId);
    expect((await act({ action: 'delete', ids })).status).toBe(200);
    expect(await app.strapi.db.query(COMMENT).count({ where: { content: 'pagination fixture' } })).toBe(0);
  });

  it.each([
    ['an unknown status', { status: 'hidden' }],
    ['a page size over 100', { pageSize: 101 }],
    ['page 0', { page: 0 }],
    ['a non-numeric page', { page: 'two' }],
    ['an unknown sort field', { sort: 'authorEmail:asc' }],
    ['a sort without direction', { sort: 'createdAt' }],
    ['an unknown parameter', { status: 'pending', filters: 'x' }],
    ['a review id with odd characters', { review: '../../etc' }],
    ['a search over 200 characters', { q: 'x'.repeat(201) }],
  ])('rejects %s with 400', async (_, query) => {
    const res = await list(query as Record<string, string | number>);
    expect(res.status).toBe(400);
    expectError(res.body, 400, 'ValidationError');
  });
});

describe('GET /movie-reviews/moderation/reviews', () => {
  it('lists reviews once each, drafts included, and searches titles', async () => {
    const all = await app.http().get('/movie-reviews/moderation/reviews').set(bearer(token));
    expect(all.status).toBe(200);
    const ids = all.body.data.map((r: { documentId: string }) => r.documentId);
    expect(ids.sort()).toEqual([herId, draftId].sort());
    const her = await app.http().get('/movie-reviews/moderation/reviews').query({ q: 'earpiece' }).set(bearer(token));
    expect(her.body.data).toEqual([
      { documentId: herId, title: 'Her: a love story told mostly to an earpiece', movieTitle: 'Her', movieYear: 2013 },
    ]);
    const bad = await app.http().get('/movie-reviews/moderation/reviews').query({ limit: 500 }).set(bearer(token));
    expect(bad.status).toBe(400);
  });
});

describe('POST /movie-reviews/moderation/comments/actions', () => {
  it('approves the seeded pending comment and stamps moderatedAt', async () => {
    const priya = await byAuthor('Priya');
    const res = await act({ action: 'approve', ids: [priya.documentId] });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ action: 'approve', changed: [priya.documentId], unchanged: [], missing: [] });
    const after = await stored(priya.documentId);
    expect(after?.moderationStatus).toBe('approved');
    expect(after?.moderatedAt).toBeTruthy();
    expect((await list()).body.meta.counts).toMatchObject({ pending: 0, approved: 3 });
  });

  it('reports unchanged and missing ids instead of failing', async () => {
    const jonas = await byAuthor('Jonas');
    const res = await act({ action: 'approve', ids: [jonas.documentId, 'gone0000000000000000000', jonas.documentId] });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      action: 'approve',
      changed: [],
      unchanged: [jonas.documentId],
      missing: ['gone0000000000000000000'],
    });
  });

  it('rejects and marks as spam in bulk', async () => {
    const created = await addComments(4, { content: 'bulk fixture' });
    const ids = created.map((c) => c.documentId);
    const rejected = await act({ action: 'reject', ids: ids.slice(0, 2) });
    expect(rejected.body.data.changed).toEqual(ids.slice(0, 2));
    const spam = await act({ action: 'spam', ids: ids.slice(2) });
    expect(spam.body.data.changed).toEqual(ids.slice(2));
    const statuses = await Promise.all(ids.map(async (id) => (await stored(id))?.moderationStatus));
    expect(statuses).toEqual(['rejected', 'rejected', 'spam', 'spam']);
    const counts = (await list({ q: 'bulk fixture' })).body.meta.counts;
    expect(counts).toEqual({ pending: 0, approved: 0, rejected: 2, spam: 2, all: 4 });
    await act({ action: 'delete', ids });
  });

  it('deletes a comment together with its replies', async () => {
    const jonas = await byAuthor('Jonas');
    const maraReply = await byAuthor('Mara Okafor');
    const res = await act({ action: 'delete', ids: [jonas.documentId] });
    expect(res.status).toBe(200);
    expect(res.body.data.changed).toEqual([jonas.documentId]);
    expect(await stored(jonas.documentId)).toBeNull();
    expect(await stored(maraReply.documentId)).toBeNull();
  });

  it('handles a parent and its reply in the same delete', async () => {
    const [parent] = await addComments(1, { content: 'thread fixture', moderationStatus: 'approved' });
    const [child] = await addComments(1, {
      content: 'thread fixture reply',
      moderationStatus: 'approved',
      parentDocumentId: parent.documentId,
    });
    const res = await act({ action: 'delete', ids: [parent.documentId, child.documentId] });
    expect(res.status).toBe(200);
    expect(res.body.data.missing).toEqual([]);
    expect(await app.strapi.db.query(COMMENT).count({ where: { content: { $startsWith: 'thread fixture' } } })).toBe(0);
  });

  it.each([
    ['no body', undefined],
    ['no ids', { action: 'approve', ids: [] }],
    ['more than 100 ids', { action: 'approve', ids: Array.from({ length: 101 }, (_, i) => `id${i}`) }],
    ['an unknown action', { action: 'publish', ids: ['abc'] }],
    ['a status instead of an action', { action: 'approved', ids: ['abc'] }],
    ['ids that are not strings', { action: 'approve', ids: [1, 2] }],
    ['an extra field', { action: 'approve', ids: ['abc'], status: 'approved' }],
  ])('rejects %s with 400 and changes nothing', async (_, body) => {
    const before = await app.strapi.db.query(COMMENT).findMany({ select: ['documentId', 'moderationStatus'] });
    const res = await act(body);
    expect(res.status).toBe(400);
    expectError(res.body, 400, 'ValidationError');
    expect(await app.strapi.db.query(COMMENT).findMany({ select: ['documentId', 'moderationStatus'] })).toEqual(before);
  });
});

describe('POST /movie-reviews/moderation/comments/:documentId/reply', () => {
  it('creates an approved editor reply attributed to the signed-in admin', async () => {
    const priya = await byAuthor('Priya');
    const res = await reply(priya.documentId, { content: 'Yes, it was pressed on vinyl in 2014.' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      authorName: 'Demo Editor',
      authorIsEditor: true,
      status: 'approved',
      parent: { documentId: priya.documentId, authorName: 'Priya' },
      review: { documentId: herId },
    });
    const saved = await stored(res.body.data.documentId);
    expect(saved).toMatchObject({
      reviewDocumentId: herId,
      parentDocumentId: priya.documentId,
      authorName: 'Demo Editor',
      authorEmail: 'editor@movie-reviews.local',
      content: 'Yes, it was pressed on vinyl in 2014.',
      moderationStatus: 'approved',
      authorIsEditor: true,
    });
    expect(res.body.meta).toEqual({ parentApproved: false });
  });

  it('approves a pending comment it replies to', async () => {
    const [pending] = await addComments(1, { content: 'reply fixture' });
    const res = await reply(pending.documentId, { content: 'Welcome!' });
    expect(res.status).toBe(201);
    expect(res.body.meta).toEqual({ parentApproved: true });
    expect((await stored(pending.documentId))?.moderationStatus).toBe('approved');
  });

  it('refuses to reply to spam or rejected comments', async () => {
    const [spam] = await addComments(1, { content: 'spam fixture', moderationStatus: 'spam' });
    const res = await reply(spam.documentId, { content: 'Hello' });
    expect(res.status).toBe(400);
    expectError(res.body, 400, 'ValidationError');
    expect(await app.strapi.db.query(COMMENT).count({ where: { parentDocumentId: spam.documentId } })).toBe(0);
  });

  it('answers 404 for an unknown comment', async () => {
    const res = await reply('unknowncomment000000000', { content: 'Hello' });
    expect(res.status).toBe(404);
    expectError(res.body, 404, 'NotFoundError');
  });

  it.each([
    ['empty content', { content: '   ' }],
    ['content over 5,000 characters', { content: 'x'.repeat(5001) }],
    ['control characters', { content: 'bell\u0007' }],
    ['an extra field', { content: 'Hi', status: 'pending' }],
    ['a chosen author', { content: 'Hi', authorName: 'Someone else' }],
    ['no body', undefined],
  ])('rejects %s with 400', async (_, body) => {
    const priya = await byAuthor('Priya');
    const before = await app.strapi.db.query(COMMENT).count({});
    const res = await reply(priya.documentId, body);
    expect(res.status).toBe(400);
    expectError(res.body, 400, 'ValidationError');
    expect(await app.strapi.db.query(COMMENT).count({})).toBe(before);
  });
});
