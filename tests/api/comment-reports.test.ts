/**
 * POST /api/movie-reviews/reviews/:slug/comments/:documentId/report and the GraphQL
 * `reportMovieReviewComment` mutation: one report per client address and comment
 * (201, then 200 changing nothing, also under concurrency), the address stored
 * only as a keyed hash, a clear 4xx for every bad request, its own rate limit, and
 * the threshold that hides a comment until an editor approves it again.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import {
  API,
  COMMENT,
  createComment,
  createReview,
  gql,
  listen,
  rawRequest,
  settingsService,
} from '../helpers/fixtures';

const REPORT = 'plugin::movie-reviews.comment-report';

let app: TestApp;
let token: string;
let review: { documentId: string; slug: string };
let other: { documentId: string; slug: string };
let target: { host: string; port: number };
let ipCounter = 0;

/** A fresh client address (the app trusts X-Forwarded-For: PROXY=true). */
const nextIp = () => `203.0.113.${(ipCounter += 1)}`;

const report = (slug: string, documentId: string, body: unknown, ip = '198.51.100.7') =>
  app
    .http()
    .post(`${API}/reviews/${slug}/comments/${documentId}/report`)
    .set('X-Forwarded-For', ip)
    .send(body as object);

const storedReports = async (commentDocumentId: string) =>
  (await app.strapi.db.query(REPORT).findMany({ where: { commentDocumentId } })) as Array<Record<string, unknown>>;

const publicThread = async (slug: string) =>
  (await app.http().get(`${API}/reviews/${slug}/comments`).query({ pageSize: 100 })).body.data.map(
    (c: { documentId: string }) => c.documentId
  );

const approve = (ids: string[]) =>
  app
    .http()
    .post('/movie-reviews/moderation/comments/actions')
    .set('Authorization', `Bearer ${token}`)
    .send({ action: 'approve', ids });

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { PROXY: 'true', MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  token = await adminToken(app);
  review = await createReview(app, { title: 'Reported Film' });
  other = await createReview(app, { title: 'Other Reported Film' });
  target = await listen(app);
});

afterAll(async () => {
  await app?.close();
});

describe('POST /reviews/:slug/comments/:documentId/report', () => {
  it('answers 201 to a first report and 200 to a repeat that changes nothing', async () => {
    const comment = await createComment(app, review.documentId);
    const first = await report(review.slug, comment.documentId, { reason: 'spam', note: 'Selling shoes.' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ data: { comment: comment.documentId, reported: true } });
    const repeat = await report(review.slug, comment.documentId, { reason: 'abuse', note: 'Changed my mind' });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual({ data: { comment: comment.documentId, reported: true } });
    const rows = await storedReports(comment.documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: 'spam', note: 'Selling shoes.' });
  });

  it('stores a keyed hash of the address, never the address itself', async () => {
    const comment = await createComment(app, review.documentId);
    const ip = '192.0.2.55';
    expect((await report(review.slug, comment.documentId, { reason: 'other' }, ip)).status).toBe(201);
    const [row] = await storedReports(comment.documentId);
    expect(row.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(ip);
    // Not a bare SHA-256 of the address (which anyone could recompute), but keyed.
    const { createHash } = await import('node:crypto');
    expect(row.ipHash).not.toBe(createHash('sha256').update(ip).digest('hex'));
    expect(row.note).toBeNull();
  });

  it('keeps one report per address when the same reader sends many at once', async () => {
    const comment = await createComment(app, review.documentId);
    const ip = '192.0.2.77';
    const path = `${API}/reviews/${review.slug}/comments/${comment.documentId}/report`;
    const body = JSON.stringify({ reason: 'spoiler' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        rawRequest(target, {
          method: 'POST',
          path,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
            'X-Forwarded-For': ip,
          },
          chunks: [body],
        })
      )
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(await storedReports(comment.documentId)).toHaveLength(1);
  });

  it('answers 404 for an unknown review, a draft review, an unknown comment or one of another review', async () => {
    const comment = await createComment(app, review.documentId);
    const draft = await createReview(app, { title: 'Reported Draft' }, { publish: false });
    const ofDraft = await createComment(app, draft.documentId);
    const elsewhere = await createComment(app, other.documentId);
    const cases: Array<[string, string]> = [
      ['no-such-review', comment.documentId],
      [draft.slug, ofDraft.documentId],
      [review.slug, 'nosuchcommentdocument1'],
      [review.slug, 'not a document id!'],
      [review.slug, elsewhere.documentId],
    ];
    for (const [slug, id] of cases) {
      const res = await report(slug, encodeURIComponent(id), { reason: 'spam' }, nextIp());
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
    }
    expect(await storedReports(elsewhere.documentId)).toHaveLength(0);
  });

  it('answers 404 for a comment the public cannot see (pending, rejected, spam)', async () => {
    for (const moderationStatus of ['pending', 'rejected', 'spam']) {
      const hidden = await createComment(app, review.documentId, { moderationStatus });
      const res = await report(review.slug, hidden.documentId, { reason: 'abuse' }, nextIp());
      expect(res.status).toBe(404);
      // Nothing in the answer tells the comment exists.
      expect(JSON.stringify(res.body)).not.toContain(hidden.content);
      expect(await storedReports(hidden.documentId)).toHaveLength(0);
    }
  });

  it('answers 404 for an approved reply under a comment the public cannot see, and accepts one under a visible comment', async () => {
    const hiddenParent = await createComment(app, review.documentId, { moderationStatus: 'pending' });
    const orphan = await createComment(app, review.documentId, { parentDocumentId: hiddenParent.documentId });
    expect((await report(review.slug, orphan.documentId, { reason: 'spam' }, nextIp())).status).toBe(404);
    expect(await storedReports(orphan.documentId)).toHaveLength(0);
    const parent = await createComment(app, review.documentId);
    const reply = await createComment(app, review.documentId, { parentDocumentId: parent.documentId });
    expect((await report(review.slug, reply.documentId, { reason: 'spam' }, nextIp())).status).toBe(201);
  });

  it('answers 400 naming the field for a bad body', async () => {
    const comment = await createComment(app, review.documentId);
    const cases: Array<[unknown, string]> = [
      [{}, 'reason'],
      [{ reason: 'boring' }, 'reason'],
      [{ reason: 'SPAM' }, 'reason'],
      [{ reason: 42 }, 'reason'],
      [{ reason: 'spam', note: 'x'.repeat(501) }, 'note'],
      [{ reason: 'spam', note: 'bell\u0007' }, 'note'],
      [{ reason: 'spam', note: 5 }, 'note'],
      [{ reason: 'spam', ip: '1.2.3.4' }, ''],
      [[{ reason: 'spam' }], ''],
    ];
    for (const [body, field] of cases) {
      const res = await report(review.slug, comment.documentId, body, nextIp());
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      const paths = (res.body.error.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'));
      if (field) expect(paths).toContain(field);
    }
    const unknown = await report(review.slug, comment.documentId, { reason: 'spam', ip: '1.2.3.4' }, nextIp());
    expect(unknown.body.error.message).toMatch(/ip/);
    expect(await storedReports(comment.documentId)).toHaveLength(0);
    // A note of exactly 500 characters is fine.
    expect((await report(review.slug, comment.documentId, { reason: 'other', note: 'y'.repeat(500) })).status).toBe(
      201
    );
  });

  it('answers 400 for unknown query parameters', async () => {
    const comment = await createComment(app, review.documentId);
    const res = await app
      .http()
      .post(`${API}/reviews/${review.slug}/comments/${comment.documentId}/report?debug=1`)
      .set('X-Forwarded-For', nextIp())
      .send({ reason: 'spam' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['debug']);
  });

  it('answers 415 for a body that is not JSON, 400 for malformed JSON and 413 for a body too big', async () => {
    const comment = await createComment(app, review.documentId);
    const path = `${API}/reviews/${review.slug}/comments/${comment.documentId}/report`;
    const form = await rawRequest(target, {
      method: 'POST',
      path,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': '11',
        'X-Forwarded-For': nextIp(),
      },
      chunks: ['reason=spam'],
    });
    expect(form.status).toBe(415);
    const malformed = await rawRequest(target, {
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', 'Content-Length': '9', 'X-Forwarded-For': nextIp() },
      chunks: ['{"reason"'],
    });
    expect(malformed.status).toBe(400);
    const big = Buffer.from(JSON.stringify({ reason: 'spam', note: 'z'.repeat(70 * 1024) }));
    const tooBig = await rawRequest(target, {
      method: 'POST',
      path,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(big.length),
        'X-Forwarded-For': nextIp(),
      },
      chunks: [big],
    });
    expect(tooBig.status).toBe(413);
    expect(await storedReports(comment.documentId)).toHaveLength(0);
  });

  it('hides a comment at the threshold of distinct reports, until an editor approves it again', async () => {
    expect((await settingsService(app).get()).reportThreshold).toBe(3);
    const comment = await createComment(app, review.documentId);
    // Cached while visible: hiding it must drop that answer.
    expect(await publicThread(review.slug)).toContain(comment.documentId);

    expect((await report(review.slug, comment.documentId, { reason: 'abuse' }, '198.51.100.101')).status).toBe(201);
    expect((await report(review.slug, comment.documentId, { reason: 'abuse' }, '198.51.100.101')).status).toBe(200);
    expect((await report(review.slug, comment.documentId, { reason: 'spam' }, '198.51.100.102')).status).toBe(201);
    // Two distinct reports (a repeat does not count): still visible.
    expect(await publicThread(review.slug)).toContain(comment.documentId);

    expect((await report(review.slug, comment.documentId, { reason: 'off-topic' }, '198.51.100.103')).status).toBe(201);
    expect(await publicThread(review.slug)).not.toContain(comment.documentId);
    const stored = (await app.strapi.db.query(COMMENT).findOne({
      select: ['moderationStatus', 'hiddenByReports'],
      where: { documentId: comment.documentId },
    })) as { moderationStatus: string; hiddenByReports: boolean };
    expect(stored).toEqual({ moderationStatus: 'pending', hiddenByReports: true });
    // Hidden now: a further report is refused like any comment the public cannot see.
    expect((await report(review.slug, comment.documentId, { reason: 'spam' }, '198.51.100.104')).status).toBe(404);

    const approved = await approve([comment.documentId]);
    expect(approved.status).toBe(200);
    expect(await publicThread(review.slug)).toContain(comment.documentId);
    const back = (await app.strapi.db.query(COMMENT).findOne({
      select: ['moderationStatus', 'hiddenByReports'],
      where: { documentId: comment.documentId },
    })) as { moderationStatus: string; hiddenByReports: boolean };
    expect(back).toEqual({ moderationStatus: 'approved', hiddenByReports: false });
    // The approval cleared the older reports: the count starts again, the same readers may report again.
    expect(await storedReports(comment.documentId)).toHaveLength(0);
    expect((await report(review.slug, comment.documentId, { reason: 'abuse' }, '198.51.100.101')).status).toBe(201);
    expect(await publicThread(review.slug)).toContain(comment.documentId);
  });

  it('reads the threshold from the settings', async () => {
    await settingsService(app).set({ reportThreshold: 1 });
    try {
      const comment = await createComment(app, review.documentId);
      expect((await report(review.slug, comment.documentId, { reason: 'spam' }, nextIp())).status).toBe(201);
      expect(await publicThread(review.slug)).not.toContain(comment.documentId);
    } finally {
      await settingsService(app).set({ reportThreshold: 3 });
    }
  });

  it('never lets an editor decision be undone by reports (a rejected comment stays rejected)', async () => {
    await settingsService(app).set({ reportThreshold: 1 });
    try {
      const comment = await createComment(app, review.documentId);
      await app.strapi.db
        .query(COMMENT)
        .update({ where: { documentId: comment.documentId }, data: { moderationStatus: 'rejected' } });
      expect((await report(review.slug, comment.documentId, { reason: 'spam' }, nextIp())).status).toBe(404);
      const row = (await app.strapi.db
        .query(COMMENT)
        .findOne({ select: ['moderationStatus'], where: { documentId: comment.documentId } })) as {
        moderationStatus: string;
      };
      expect(row.moderationStatus).toBe('rejected');
    } finally {
      await settingsService(app).set({ reportThreshold: 3 });
    }
  });

  it('refuses a threshold out of bounds', async () => {
    for (const reportThreshold of [0, 101, 2.5, '3']) {
      await expect(settingsService(app).set({ reportThreshold })).rejects.toThrow(/reportThreshold/);
    }
  });

  it('rate-limits reports per address with 429 and Retry-After, apart from comment posts', async () => {
    const comment = await createComment(app, review.documentId);
    const ip = '192.0.2.200';
    await settingsService(app).set({ rateLimitPoints: 2 });
    try {
      const ids = [comment.documentId, (await createComment(app, review.documentId)).documentId];
      for (const id of ids) expect((await report(review.slug, id, { reason: 'spam' }, ip)).status).toBe(201);
      const limited = await report(review.slug, comment.documentId, { reason: 'spam' }, ip);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.error.name).toBe('RateLimitError');
      // A refused body counts too and is refused with 429 first.
      const refused = await report(review.slug, comment.documentId, 'not json', ip);
      expect(refused.status).toBe(429);
      // The comment budget is another one.
      const posted = await app
        .http()
        .post(`${API}/reviews/${review.slug}/comments`)
        .set('X-Forwarded-For', ip)
        .send({ authorName: 'Rita', authorEmail: 'rita@example.org', content: 'Still allowed to comment.' });
      expect(posted.status).toBe(201);
    } finally {
      await settingsService(app).set({ rateLimitPoints: 1000 });
    }
  });

  it('never shows reports, hashes or notes in public answers', async () => {
    const comment = await createComment(app, review.documentId);
    await report(review.slug, comment.documentId, { reason: 'other', note: 'secret-note-marker' }, nextIp());
    const answers = [
      await app.http().get(`${API}/reviews/${review.slug}/comments`),
      await app.http().get(`${API}/reviews/${review.slug}`),
      await app.http().get(`${API}/reviews`),
    ];
    const [row] = await storedReports(comment.documentId);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('secret-note-marker');
      expect(res.text).not.toContain(String(row.ipHash));
      expect(res.text).not.toMatch(/hiddenByReports|ipHash|reportCount/);
    }
    // No generated GraphQL entry point for the report type.
    const introspection = await gql(
      app,
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }'
    );
    const names = [
      ...introspection.body.data.__schema.queryType.fields,
      ...introspection.body.data.__schema.mutationType.fields,
    ].map((f: { name: string }) => f.name);
    expect(names.filter((n: string) => /commentReport/i.test(n))).toEqual([]);
  });
});

describe('GraphQL reportMovieReviewComment', () => {
  const MUTATION = `mutation($slug: String!, $documentId: ID!, $reason: String!, $note: String) {
    reportMovieReviewComment(slug: $slug, documentId: $documentId, reason: $reason, note: $note) { comment reported }
  }`;

  it('goes through the same use case: one report per address, same answer', async () => {
    const comment = await createComment(app, review.documentId);
    const ip = { 'X-Forwarded-For': '192.0.2.150' };
    const vars = { slug: review.slug, documentId: comment.documentId, reason: 'spoiler', note: 'Ending revealed' };
    const first = await gql(app, MUTATION, vars, ip);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.reportMovieReviewComment).toEqual({ comment: comment.documentId, reported: true });
    const repeat = await gql(app, MUTATION, vars, ip);
    expect(repeat.body.data.reportMovieReviewComment).toEqual({ comment: comment.documentId, reported: true });
    // The REST route sees the same report: a repeat there too.
    expect((await report(review.slug, comment.documentId, { reason: 'spam' }, '192.0.2.150')).status).toBe(200);
    const rows = await storedReports(comment.documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: 'spoiler', note: 'Ending revealed' });
  });

  it('answers the same errors: bad reason, unknown comment, hidden comment', async () => {
    const comment = await createComment(app, review.documentId);
    const pending = await createComment(app, review.documentId, { moderationStatus: 'pending' });
    const bad = await gql(app, MUTATION, { slug: review.slug, documentId: comment.documentId, reason: 'boring' });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].message).toMatch(/reason/);
    const unknown = await gql(app, MUTATION, { slug: review.slug, documentId: 'nosuchcomment', reason: 'spam' });
    expect(unknown.body.errors[0].extensions.code).toBe('STRAPI_NOT_FOUND_ERROR');
    const hidden = await gql(app, MUTATION, { slug: review.slug, documentId: pending.documentId, reason: 'spam' });
    expect(hidden.body.errors[0].extensions.code).toBe('STRAPI_NOT_FOUND_ERROR');
    expect(await storedReports(comment.documentId)).toHaveLength(0);
  });
});
