/**
 * Rules every write path shares: the plain-text rule, the comment moderation
 * attribute as the Content Manager sees it (and its migration), idempotent comment
 * posts. GraphQL error answers: graphql-stacktraces.test.ts.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, createComment, REVIEW } from '../helpers/fixtures';
import {
  moveModerationStatus,
  MIGRATION_NAME,
  COMMENTS_TABLE,
} from '../../server/src/migrations/comment-moderation-status';

let app: TestApp;
let token: string;
let herId: string;

const auth = () => ({ Authorization: `Bearer ${token}` });
const CM_COMMENTS = `/content-manager/collection-types/${COMMENT}`;
const CM_REVIEWS = `/content-manager/collection-types/${REVIEW}`;

const comment = (overrides: Record<string, unknown> = {}) => ({
  authorName: 'Rule Tester',
  authorEmail: 'rules@example.org',
  content: 'A perfectly ordinary comment.',
  ...overrides,
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app
    .http()
    .post(`${API}/reviews/her-2013/comments`)
    .set(headers)
    .send(body as object);

const graphql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  app.http().post('/graphql').set(headers).send({ query, variables });

const MUTATION = `mutation ($data: MovieReviewCommentInput!) {
  createMovieReviewComment(slug: "her-2013", data: $data) { documentId authorName content status }
}`;

const rowsWith = async (where: Record<string, unknown>) =>
  (await app.strapi.db.query(COMMENT).findMany({ where })) as Array<Record<string, unknown>>;

const expectFieldError = (
  res: { status: number; body: { error?: { name: string; details?: { errors?: Array<{ path: string[] }> } } } },
  field: string
) => {
  expect(res.status).toBe(400);
  expect(res.body.error?.name).toBe('ValidationError');
  const paths = (res.body.error?.details?.errors ?? []).map((e) => e.path.join('.'));
  expect(paths.some((p) => p === field || p.startsWith(`${field}.`))).toBe(true);
};

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  token = await adminToken(app);
  herId = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })).documentId;
});
afterAll(async () => {
  await app?.close();
});

describe('the plain-text rule', () => {
  it.each([
    ['authorName', 'only zero-width characters', '\u200B\u200C\u200D\u2060'],
    ['authorName', 'only a byte-order mark and spaces', ' \uFEFF \u3000'],
    ['content', 'only invisible format characters', '\u200B\u2060\uFEFF\u00AD'],
    ['content', 'a C1 control character (CSI)', 'Hello \u009B31m world'],
    ['authorName', 'a C1 control character (NEL)', 'Ada\u0085'],
    ['content', 'a C0 control character', 'Hello \u0007 world'],
  ])(
    'refuses a comment whose %s is %s with a 400 naming the field, and stores nothing',
    async (field, _label, value) => {
      const before = await app.strapi.db.query(COMMENT).count();
      expectFieldError(await post(comment({ [field]: value })), field);
      expect(await app.strapi.db.query(COMMENT).count()).toBe(before);
    }
  );

  it('refuses the same text through the GraphQL mutation', async () => {
    const res = await graphql(MUTATION, { data: comment({ authorName: '\u200B\u200C\u200D\u2060' }) });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/authorName/);
  });

  it('stores text in Unicode NFC', async () => {
    const decomposed = 'Cafe\u0301 at dawn';
    const res = await post(comment({ content: decomposed }));
    expect(res.status).toBe(201);
    expect(res.body.data.content).toBe('Caf\u00E9 at dawn');
    expect(await rowsWith({ content: 'Caf\u00E9 at dawn' })).toHaveLength(1);
  });

  it('refuses an editor reply made only of invisible characters', async () => {
    const parent = await createComment(app, herId, { content: `Reply target ${Date.now()}` });
    const res = await app
      .http()
      .post(`/movie-reviews/moderation/comments/${parent.documentId}/reply`)
      .set(auth())
      .send({ content: '\u200B\u200D' });
    expectFieldError(res, 'content');
    expect(await rowsWith({ parentDocumentId: parent.documentId })).toHaveLength(0);
  });

  it.each([
    ['synopsis text', { synopsis: { text: '\u200B\u2060\uFEFF' } }, 'synopsis'],
    ['title', { title: '\u200B\u200C' }, 'title'],
    ['song title', { song: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Theme\u009B' } }, 'song'],
  ])(
    'refuses a review whose %s breaks the rule through the Content Manager, and stores nothing',
    async (_label, data, field) => {
      const before = await app.strapi.db.query(REVIEW).count();
      const res = await app
        .http()
        .post(CM_REVIEWS)
        .set(auth())
        .send({ title: 'Invisible test', movieTitle: 'Invisible', movieYear: 2001, authorName: 'Tester', ...data });
      expectFieldError(res, field);
      expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
    }
  );

  it('refuses a still whose alt text is only invisible characters', async () => {
    const file = (await app.strapi.db
      .query('plugin::upload.file')
      .findOne({ where: { mime: { $startsWith: 'image/' } } })) as { id: number };
    const res = await app
      .http()
      .post(CM_REVIEWS)
      .set(auth())
      .send({
        title: 'Alt test',
        movieTitle: 'Alt',
        movieYear: 2001,
        authorName: 'Tester',
        stills: [{ file: file.id, alt: '\u200B\u200D' }],
      });
    expectFieldError(res, 'stills');
  });
});

describe('the comment moderation attribute (moderationStatus)', () => {
  it('lets an editor create and update a comment from the Content Manager (no "Invalid status")', async () => {
    const created = await app.http().post(CM_COMMENTS).set(auth()).send({
      reviewDocumentId: herId,
      authorName: 'From CM',
      authorEmail: 'cm@example.org',
      content: 'Typed in the Content Manager',
      moderationStatus: 'pending',
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const updated = await app
      .http()
      .put(`${CM_COMMENTS}/${documentId}`)
      .set(auth())
      .send({ moderationStatus: 'approved' });
    expect(updated.status).toBe(200);
    expect(updated.body.data.moderationStatus).toBe('approved');
    const [row] = await rowsWith({ documentId });
    expect(row.moderationStatus).toBe('approved');
    const listed = await app.http().get(`${API}/reviews/her-2013/comments?pageSize=100`);
    expect(listed.body.data.map((c: { content: string }) => c.content)).toContain('Typed in the Content Manager');
  });

  it('keeps public answers unchanged: the poster sees status, never moderationStatus', async () => {
    const res = await post(comment({ content: 'Public shape check' }));
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('pending');
    expect(res.body.data).not.toHaveProperty('moderationStatus');
  });

  it('is migrated from the old status column once, keeping every row, and a second run changes nothing', async () => {
    const knex = app.strapi.db.connection;
    const pending = await createComment(app, herId, { moderationStatus: 'pending', content: 'migrated pending' });
    const spam = await createComment(app, herId, { moderationStatus: 'spam', content: 'migrated spam' });
    const before = (await knex(COMMENTS_TABLE).select('document_id', 'moderation_status')) as Array<{
      document_id: string;
      moderation_status: string;
    }>;
    // The table as an older version of the plugin left it.
    await knex.schema.alterTable(COMMENTS_TABLE, (table) => table.renameColumn('moderation_status', 'status'));
    expect(await knex.schema.hasColumn(COMMENTS_TABLE, 'moderation_status')).toBe(false);

    expect(await moveModerationStatus(knex as never)).toBe('moved');
    expect(await moveModerationStatus(knex as never)).toBe('nothing to do');

    expect(await knex.schema.hasColumn(COMMENTS_TABLE, 'status')).toBe(false);
    const after = (await knex(COMMENTS_TABLE).select('document_id', 'moderation_status')) as typeof before;
    const byId = (rows: typeof before) => Object.fromEntries(rows.map((r) => [r.document_id, r.moderation_status]));
    expect(byId(after)).toEqual(byId(before));
    expect(byId(after)[pending.documentId]).toBe('pending');
    expect(byId(after)[spam.documentId]).toBe('spam');
  });

  it('is recorded among Strapi internal migrations, so it runs before the schema sync once per database', async () => {
    const rows = (await app.strapi.db.connection('strapi_migrations_internal').select('name')) as Array<{
      name: string;
    }>;
    expect(rows.map((r) => r.name)).toContain(MIGRATION_NAME);
  });
});

describe('Idempotency-Key on comment posts', () => {
  it('answers a repeat of the same key from the same address with the first answer, storing one comment', async () => {
    const key = `key-${Date.now()}`;
    const first = await post(comment({ content: `Idempotent ${key}` }), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const again = await post(comment({ content: `Idempotent ${key} (retried)` }), { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await rowsWith({ content: { $startsWith: `Idempotent ${key}` } })).toHaveLength(1);
  });

  it('stores one comment for concurrent duplicates', async () => {
    const key = `concurrent-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(comment({ content: `Concurrent ${key}` }), { 'Idempotency-Key': key }))
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.data.documentId)).size).toBe(1);
    expect(await rowsWith({ content: `Concurrent ${key}` })).toHaveLength(1);
  });

  it('keeps the key in the database (hashed with the address), so every instance replays it', async () => {
    const key = `stored-${Date.now()}`;
    await post(comment({ content: `Stored ${key}` }), { 'Idempotency-Key': key });
    const rows = (await app.strapi.db.query('plugin::movie-reviews.idempotency-key').findMany({})) as Array<
      Record<string, unknown>
    >;
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows.map((r) => r.keyHash))).not.toContain(key);
    for (const row of rows) expect(String(row.keyHash)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['too long', 'k'.repeat(65)],
    ['with a space', 'two words'],
    ['non-ASCII', 'clé-unique'],
    ['empty', ''],
  ])('refuses a key that is %s with a 400 and stores nothing', async (_label, key) => {
    const before = await app.strapi.db.query(COMMENT).count();
    const res = await post(comment({ content: `Bad key ${key.length}` }), { 'Idempotency-Key': key });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(/Idempotency-Key/);
    expect(await app.strapi.db.query(COMMENT).count()).toBe(before);
  });

  it('answers a repeated GraphQL mutation with the first answer, reading the header from the request', async () => {
    const key = `graphql-${Date.now()}`;
    const first = await graphql(MUTATION, { data: comment({ content: `GraphQL ${key}` }) }, { 'Idempotency-Key': key });
    expect(first.body.errors).toBeUndefined();
    const again = await graphql(MUTATION, { data: comment({ content: `GraphQL ${key}` }) }, { 'Idempotency-Key': key });
    expect(again.body.data).toEqual(first.body.data);
    expect(await rowsWith({ content: `GraphQL ${key}` })).toHaveLength(1);
    const bad = await graphql(MUTATION, { data: comment() }, { 'Idempotency-Key': 'has space' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
