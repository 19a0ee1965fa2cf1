/**
 * GET and POST /api/movie-reviews/reviews/:slug/comments: threading, moderation
 * visibility, the strict body, spam routing, closed and unpublished reviews, body
 * size limits (declared and chunked) and malformed bodies.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import {
  API,
  COMMENT,
  createComment,
  createReview,
  listen,
  rawRequest,
  REVIEW,
  settingsService,
} from '../helpers/fixtures';

let app: TestApp;
let her: { documentId: string };
let target: { host: string; port: number };

const COMMENT_KEYS = ['authorName', 'content', 'createdAt', 'documentId', 'isEditor', 'replies'];

const valid = (extra: Record<string, unknown> = {}) => ({
  authorName: 'Ada',
  authorEmail: 'ada@example.org',
  content: 'A thoughtful comment about the film.',
  ...extra,
});

const post = (slug: string, body: unknown, headers: Record<string, string> = {}) => {
  let req = app.http().post(`${API}/reviews/${slug}/comments`);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.send(body as object);
};

const storedComments = async (where: Record<string, unknown> = {}) =>
  (await app.strapi.db.query(COMMENT).findMany({ where, orderBy: { id: 'asc' } })) as Array<Record<string, unknown>>;

const countAll = async () => Number(await app.strapi.db.query(COMMENT).count({}));

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  her = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })) as { documentId: string };
  target = await listen(app);
});

afterAll(async () => {
  await app?.close();
});

describe('GET /reviews/:slug/comments', () => {
  it('returns the seeded thread: approved comments with approved replies, the pending one left out', async () => {
    const res = await app.http().get(`${API}/reviews/her-2013/comments`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 1 } });
    expect(res.body.data).toHaveLength(1);
    const [first] = res.body.data;
    expect(Object.keys(first).sort()).toEqual(COMMENT_KEYS);
    expect(first).toMatchObject({ authorName: 'Jonas', isEditor: false });
    expect(first.replies).toHaveLength(1);
    expect(Object.keys(first.replies[0]).sort()).toEqual(COMMENT_KEYS);
    expect(first.replies[0]).toMatchObject({ authorName: 'Mara Okafor', isEditor: true, replies: [] });
    expect(JSON.stringify(res.body)).not.toMatch(/vinyl|example\.com|203\.0\.113|demo-seed|pending|approved/);
  });

  it('threads deeper replies, oldest first, and hides replies under comments that are not approved', async () => {
    const review = await createReview(app, { title: 'Thread Test', movieYear: 2001 });
    const a = await createComment(app, review.documentId, { content: 'A' });
    const b = await createComment(app, review.documentId, { content: 'B' });
    const a1 = await createComment(app, review.documentId, { content: 'A1', parentDocumentId: a.documentId });
    const a2 = await createComment(app, review.documentId, { content: 'A2', parentDocumentId: a.documentId });
    await createComment(app, review.documentId, { content: 'A1x', parentDocumentId: a1.documentId });
    const hiddenParent = await createComment(app, review.documentId, {
      content: 'A2 pending',
      parentDocumentId: a2.documentId,
      moderationStatus: 'pending',
    });
    await createComment(app, review.documentId, {
      content: 'under pending',
      parentDocumentId: hiddenParent.documentId,
    });
    await createComment(app, review.documentId, { content: 'rejected', moderationStatus: 'rejected' });
    await createComment(app, review.documentId, { content: 'spam', moderationStatus: 'spam' });
    const rejectedParent = await createComment(app, review.documentId, {
      content: 'rejected parent',
      moderationStatus: 'rejected',
    });
    await createComment(app, review.documentId, {
      content: 'under rejected',
      parentDocumentId: rejectedParent.documentId,
    });

    const res = await app.http().get(`${API}/reviews/${review.slug}/comments`);
    expect(res.status).toBe(200);
    type Node = { content: string; replies: Node[] };
    const shape = (c: Node): unknown => ({ content: c.content, replies: c.replies.map(shape) });
    expect(res.body.data.map(shape)).toEqual([
      {
        content: 'A',
        replies: [
          { content: 'A1', replies: [{ content: 'A1x', replies: [] }] },
          { content: 'A2', replies: [] },
        ],
      },
      { content: 'B', replies: [] },
    ]);
    expect(res.body.meta.pagination.total).toBe(2);
    // commentCount counts what readers can see: A, A1, A1x, A2, B.
    expect((await app.http().get(`${API}/reviews/${review.slug}`)).body.data.commentCount).toBe(5);
    expect(b.documentId).toBeTruthy();
  });

  it('paginates over top-level comments', async () => {
    const review = await createReview(app, { title: 'Paged Comments', movieYear: 2002 });
    for (let i = 1; i <= 12; i += 1) {
      const c = await createComment(app, review.documentId, { content: `Top ${i}` });
      if (i === 7)
        await createComment(app, review.documentId, { content: 'Reply to 7', parentDocumentId: c.documentId });
    }
    const res = await app.http().get(`${API}/reviews/${review.slug}/comments?page=2&pageSize=5`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { content: string }) => c.content)).toEqual([
      'Top 6',
      'Top 7',
      'Top 8',
      'Top 9',
      'Top 10',
    ]);
    expect(res.body.data[1].replies.map((c: { content: string }) => c.content)).toEqual(['Reply to 7']);
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 5, pageCount: 3, total: 12 });
  });

  it.each(['the-unfinished-draft-2024', 'no-such-review'])('answers 404 for %s', async (slug) => {
    const res = await app.http().get(`${API}/reviews/${slug}/comments`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
  });

  it.each([
    ['pageSize=101', 'pageSize'],
    ['page=0', 'page'],
    ['page=1&page=2', 'page'],
    ['sort=createdAt:desc', 'sort'],
    ['status=pending', 'status'],
  ])('rejects %s', async (query, path) => {
    const res = await app.http().get(`${API}/reviews/her-2013/comments?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toContain(path);
  });
});

describe('POST /reviews/:slug/comments', () => {
  it('stores a pending comment with its private data and answers 201 with the public view', async () => {
    const res = await post('her-2013', valid({ content: 'Stored as pending.' }), { 'User-Agent': 'CommentTest/1.0' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data).sort()).toEqual([...COMMENT_KEYS, 'status'].sort());
    expect(res.body.data).toMatchObject({
      authorName: 'Ada',
      content: 'Stored as pending.',
      isEditor: false,
      replies: [],
      status: 'pending',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/ada@example\.org|CommentTest|127\.0\.0\.1/);
    const [row] = await storedComments({ documentId: res.body.data.documentId });
    expect(row).toMatchObject({
      reviewDocumentId: her.documentId,
      parentDocumentId: null,
      authorEmail: 'ada@example.org',
      moderationStatus: 'pending',
      userAgent: 'CommentTest/1.0',
      authorIsEditor: false,
    });
    expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
    // Pending: not public yet.
    const listed = await app.http().get(`${API}/reviews/her-2013/comments`);
    expect(JSON.stringify(listed.body)).not.toContain('Stored as pending.');
  });

  it('approves at once when the autoApprove setting is on, read on every request', async () => {
    await settingsService(app).set({ autoApprove: true });
    try {
      const res = await post('her-2013', valid({ content: 'Approved straight away.' }));
      expect(res.status).toBe(201);
      expect(res.body.data.status).toBe('approved');
      const [row] = await storedComments({ documentId: res.body.data.documentId });
      expect(row.moderationStatus).toBe('approved');
      const listed = await app.http().get(`${API}/reviews/her-2013/comments`);
      expect(listed.body.data.map((c: { content: string }) => c.content)).toContain('Approved straight away.');
    } finally {
      await settingsService(app).set({ autoApprove: false });
    }
    const after = await post('her-2013', valid({ content: 'Back to moderation.' }));
    expect(after.body.data.status).toBe('pending');
  });

  it('stores content as plain text, exactly as sent (trimmed)', async () => {
    const content = '<script>alert("x")</script> & <b>bold</b>\nsecond line';
    const res = await post('her-2013', valid({ content: `  ${content}  ` }));
    expect(res.status).toBe(201);
    expect(res.body.data.content).toBe(content);
    const [row] = await storedComments({ documentId: res.body.data.documentId });
    expect(row.content).toBe(content);
  });

  it('accepts the limits: a 1-character name, 80 characters, 5,000 characters of content', async () => {
    expect((await post('her-2013', valid({ authorName: 'X' }))).status).toBe(201);
    expect((await post('her-2013', valid({ authorName: 'N'.repeat(80) }))).status).toBe(201);
    expect((await post('her-2013', valid({ content: 'c'.repeat(5000) }))).status).toBe(201);
    expect((await post('her-2013', valid({ content: '😀'.repeat(2500) }))).status).toBe(201);
  });

  it.each([
    ['status', { status: 'approved' }],
    ['ip', { ip: '1.2.3.4' }],
    ['userAgent', { userAgent: 'x' }],
    ['review', { review: 1 }],
    ['reviewDocumentId', { reviewDocumentId: 'abc' }],
    ['authorIsEditor', { authorIsEditor: true }],
    ['parentDocumentId', { parentDocumentId: 'abc' }],
    ['moderatedAt', { moderatedAt: '2020-01-01' }],
  ])('rejects the unknown field %s with 400 and stores nothing', async (field, extra) => {
    const before = await countAll();
    const res = await post('her-2013', valid(extra));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(res.body.error.message).toContain(field);
    expect(await countAll()).toBe(before);
  });

  it.each([
    ['authorName', { authorName: '' }],
    ['authorName', { authorName: '   ' }],
    ['authorName', { authorName: 'N'.repeat(81) }],
    ['authorName', { authorName: ['Ada'] }],
    ['authorName', { authorName: 5 }],
    ['authorName', { authorName: 'bad\u0000name' }],
    ['authorEmail', { authorEmail: 'not-an-email' }],
    ['authorEmail', { authorEmail: '' }],
    ['authorEmail', { authorEmail: `${'a'.repeat(250)}@example.org` }],
    ['content', { content: '' }],
    ['content', { content: 'c'.repeat(5001) }],
    ['content', { content: { text: 'x' } }],
    ['parent', { parent: 5 }],
    ['website', { website: ['x'] }],
  ])('rejects an invalid %s with 400 naming it', async (field, extra) => {
    const before = await countAll();
    const res = await post('her-2013', valid(extra));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain(field);
    expect(await countAll()).toBe(before);
  });

  it.each([
    ['authorName', 'authorName'],
    ['authorEmail', 'authorEmail'],
    ['content', 'content'],
  ])('requires %s', async (field) => {
    const body: Record<string, unknown> = valid();
    delete body[field];
    const res = await post('her-2013', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain(field);
  });

  describe('parent', () => {
    it('accepts an approved comment of the same review as parent', async () => {
      const parent = await createComment(app, her.documentId, { content: 'Approved parent' });
      const res = await post('her-2013', valid({ parent: parent.documentId, content: 'A reply' }));
      expect(res.status).toBe(201);
      const [row] = await storedComments({ documentId: res.body.data.documentId });
      expect(row.parentDocumentId).toBe(parent.documentId);
    });

    it('refuses a pending, rejected or spam parent, a parent of another review and an unknown one', async () => {
      const other = await createReview(app, { title: 'Other Review', movieYear: 2003 });
      const parents = [
        (await createComment(app, her.documentId, { moderationStatus: 'pending' })).documentId,
        (await createComment(app, her.documentId, { moderationStatus: 'rejected' })).documentId,
        (await createComment(app, her.documentId, { moderationStatus: 'spam' })).documentId,
        (await createComment(app, other.documentId)).documentId,
        'does-not-exist',
        // MySQL and MariaDB compare text ignoring case and trailing spaces; threads are read by exact id.
        (await createComment(app, her.documentId, { content: 'Approved, asked in capitals' })).documentId.toUpperCase(),
        `${(await createComment(app, her.documentId, { content: 'Approved, asked with a space' })).documentId} `,
      ];
      const before = await countAll();
      for (const parent of parents) {
        const res = await post('her-2013', valid({ parent }));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe('parent must be an approved comment of this review');
      }
      expect(await countAll()).toBe(before);
    });
  });

  describe('spam', () => {
    it('answers a filled honeypot like any comment but stores it as spam', async () => {
      const res = await post('her-2013', valid({ website: 'https://spam.example', content: 'Buy followers now' }));
      expect(res.status).toBe(201);
      expect(Object.keys(res.body.data).sort()).toEqual([...COMMENT_KEYS, 'status'].sort());
      expect(res.body.data.status).toBe('pending');
      const [row] = await storedComments({ documentId: res.body.data.documentId });
      expect(row.moderationStatus).toBe('spam');
      expect((await post('her-2013', valid({ website: '' }))).body.data.status).toBe('pending');
      const [emptyHoneypot] = await storedComments({
        documentId: (await post('her-2013', valid({ website: '' }))).body.data.documentId,
      });
      expect(emptyHoneypot.moderationStatus).toBe('pending');
    });

    it('stores comments with a blocked word (whole word, any case) as spam', async () => {
      app.strapi.config.set('plugin::movie-reviews.comments.blockedWords', ['casino', 'cheap pills']);
      try {
        const cases: Array<[string, Record<string, unknown>, string]> = [
          ['blocked', { content: 'Visit my CASINO today' }, 'spam'],
          ['phrase', { content: 'Cheap Pills here' }, 'spam'],
          ['in name', { authorName: 'casino king' }, 'spam'],
          ['substring only', { content: 'The casinos of Monaco appear in the film' }, 'pending'],
          ['clean', { content: 'Lovely film' }, 'pending'],
        ];
        for (const [, extra, status] of cases) {
          const res = await post('her-2013', valid(extra));
          expect(res.status).toBe(201);
          expect(res.body.data.status).toBe('pending');
          const [row] = await storedComments({ documentId: res.body.data.documentId });
          expect(row.moderationStatus).toBe(status);
        }
      } finally {
        app.strapi.config.set('plugin::movie-reviews.comments.blockedWords', []);
      }
    });
  });

  describe('reviews that take no comments', () => {
    it('answers 403 for a review closed to comments and stores nothing', async () => {
      const closed = await createReview(app, { title: 'Closed Review', movieYear: 2004, commentsEnabled: false });
      const before = await countAll();
      const res = await post(closed.slug, valid());
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        data: null,
        error: { status: 403, name: 'ForbiddenError', message: 'Comments are closed on this review', details: {} },
      });
      expect(await countAll()).toBe(before);
      // Reading its (approved) comments still works.
      expect((await app.http().get(`${API}/reviews/${closed.slug}/comments`)).status).toBe(200);
    });

    it.each(['the-unfinished-draft-2024', 'no-such-review'])('answers 404 for %s and stores nothing', async (slug) => {
      const before = await countAll();
      const res = await post(slug, valid());
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
      expect(await countAll()).toBe(before);
    });

    it('answers 404 once a review is unpublished', async () => {
      const review = await createReview(app, { title: 'Soon Unpublished', movieYear: 2005 });
      expect((await post(review.slug, valid())).status).toBe(201);
      await app.strapi.documents(REVIEW).unpublish({ documentId: review.documentId });
      expect((await post(review.slug, valid())).status).toBe(404);
      expect((await app.http().get(`${API}/reviews/${review.slug}/comments`)).status).toBe(404);
    });
  });

  describe('body', () => {
    const path = '/api/movie-reviews/reviews/her-2013/comments';
    const json = { 'Content-Type': 'application/json' };

    it('answers 413 for a declared body over 64 KiB and stores nothing', async () => {
      const before = await countAll();
      const body = JSON.stringify(valid({ content: 'x'.repeat(70 * 1024) }));
      const res = await rawRequest(target, {
        method: 'POST',
        path,
        headers: { ...json, 'Content-Length': String(Buffer.byteLength(body)) },
        chunks: [body],
      });
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ data: null, error: { status: 413, name: 'PayloadTooLargeError' } });
      expect(await countAll()).toBe(before);
    });

    it('answers 413 for a chunked body that grows over 64 KiB', async () => {
      const before = await countAll();
      const body = JSON.stringify(valid({ content: 'y'.repeat(80 * 1024) }));
      const chunks = body.match(/[\s\S]{1,8192}/g) as string[];
      const res = await rawRequest(target, { method: 'POST', path, headers: json, chunks });
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ data: null, error: { status: 413, name: 'PayloadTooLargeError' } });
      expect(await countAll()).toBe(before);
    });

    it('answers 413 for a body over Strapi’s own 1 MB limit too', async () => {
      const body = JSON.stringify(valid({ content: 'z'.repeat(2 * 1024 * 1024) }));
      const res = await rawRequest(target, {
        method: 'POST',
        path,
        headers: { ...json, 'Content-Length': String(Buffer.byteLength(body)) },
        chunks: [body],
      });
      expect(res.status).toBe(413);
    });

    it('accepts a chunked body under the limit', async () => {
      const body = JSON.stringify(valid({ content: 'Sent in chunks' }));
      const res = await rawRequest(target, {
        method: 'POST',
        path,
        headers: json,
        chunks: [body.slice(0, 10), body.slice(10, 30), body.slice(30)],
      });
      expect(res.status).toBe(201);
      expect((res.json as { data: { content: string } }).data.content).toBe('Sent in chunks');
    });

    it('accepts a body just under 64 KiB (whitespace counts)', async () => {
      const compact = JSON.stringify(valid({ content: 'Padded' }));
      const body = compact.replace('{', `{${' '.repeat(64 * 1024 - compact.length)}`);
      expect(Buffer.byteLength(body)).toBe(64 * 1024);
      const res = await rawRequest(target, {
        method: 'POST',
        path,
        headers: { ...json, 'Content-Length': String(body.length) },
        chunks: [body],
      });
      expect(res.status).toBe(201);
      const over = `${body} `;
      const res2 = await rawRequest(target, { method: 'POST', path, headers: json, chunks: [over] });
      expect(res2.status).toBe(413);
    });

    it.each([
      ['malformed JSON', '{"authorName": "Ada",', 'body is not valid JSON'],
      ['a JSON array', '[1,2]', 'body must be a JSON object'],
      ['a JSON string', '"hello"', 'body must be a JSON object'],
      ['null', 'null', 'body must be a JSON object'],
      ['nothing', '', 'body is empty'],
    ])('answers 400 for %s', async (_label, body, message) => {
      const before = await countAll();
      const res = await rawRequest(target, {
        method: 'POST',
        path,
        headers: { ...json, 'Content-Length': String(Buffer.byteLength(body)) },
        chunks: body ? [body] : [],
      });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect((res.json as { error: { message: string } }).error.message).toContain(message);
      expect(await countAll()).toBe(before);
    });

    it('answers 415 for a body that is not JSON', async () => {
      const form = 'authorName=Ada&authorEmail=ada%40example.org&content=hi';
      const res = await rawRequest(target, {
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(form.length) },
        chunks: [form],
      });
      expect(res.status).toBe(415);
      expect(res.json).toMatchObject({ data: null, error: { status: 415, name: 'UnsupportedMediaTypeError' } });
      const gz = await rawRequest(target, {
        method: 'POST',
        path,
        headers: { ...json, 'Content-Encoding': 'gzip', 'Content-Length': '4' },
        chunks: ['abcd'],
      });
      expect(gz.status).toBe(415);
    });

    it('leaves bodies of other routes to Strapi', async () => {
      const res = await app
        .http()
        .post('/api/auth/local')
        .send({ identifier: 'nobody@example.org', password: 'wrong-password' });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
    });
  });
});
