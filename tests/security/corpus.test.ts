/**
 * Runs the hostile-input corpus (corpus.ts) against one booted app. For every
 * row: the exact status, never a 5xx, the database unchanged (or exactly one
 * comment stored with the exact text sent, returned as the same string and
 * served as JSON, never as markup), no private marker or key in the response,
 * and Object.prototype untouched.
 */
import { createHash, randomBytes } from 'node:crypto';
import { startStrapi, adminToken, type TestApp } from '../helpers/strapi';
import { API, COMMENT, createComment, createReview, REVIEW } from '../helpers/fixtures';
import { expectNoLeaks, PRIVATE_KEYS } from '../helpers/leak-walker';
import { graphqlCases, httpCases, type Auth, type GraphqlCase, type HttpCase, type Stored } from './corpus';

let app: TestApp;
const m = `cx${randomBytes(4).toString('hex')}`;
const markers = {
  email: `hidden-${m}@example.net`,
  ip: '198.51.100.23',
  agent: `HiddenAgent-${m}`,
  pending: `PendingCorpus ${m}`,
  draft: `DraftCorpus ${m}`,
};
const ids: Record<string, string> = {};
const tokens: Partial<Record<Auth, string>> = {};
const summary = { cases: 0, fiveXx: 0, leaks: 0, stored: 0 };

const PLACEHOLDERS = ['DRAFT_SLUG', 'COMMENT_ID', 'REVIEW_ID', 'DRAFT_ID'];
const fill = (text: string) => PLACEHOLDERS.reduce((t, p) => t.split(p).join(ids[p] ?? p), text);

const TABLES = [
  REVIEW,
  COMMENT,
  'plugin::movie-reviews.comment-report',
  'plugin::upload.file',
  'admin::user',
  'admin::role',
] as const;
const fingerprint = async () => {
  const out: Record<string, { count: number; hash: string }> = {};
  for (const uid of TABLES) {
    const rows = await app.strapi.db.query(uid).findMany({ orderBy: { id: 'asc' } });
    out[uid] = { count: rows.length, hash: createHash('sha1').update(JSON.stringify(rows)).digest('hex') };
  }
  return out;
};

const commentCount = async () => Number(await app.strapi.db.query(COMMENT).count({}));

const notPolluted = () => {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
};

const checkResponse = (label: string, status: number, text: string, headers: Record<string, unknown>) => {
  summary.cases += 1;
  if (status >= 500) summary.fiveXx += 1;
  expect({ label, fiveXx: status >= 500, text: status >= 500 ? text.slice(0, 300) : '' }).toEqual({
    label,
    fiveXx: false,
    text: '',
  });
  try {
    expectNoLeaks(label, { text, headers }, { markers: Object.values(markers) });
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    expectNoLeaks(label, body, { markers: [], keys: PRIVATE_KEYS });
  } catch (error) {
    summary.leaks += 1;
    throw error;
  }
  // Stack traces never reach a client.
  expect(text).not.toMatch(/\bat (?:async )?[\w.<>]+ \(.*:\d+:\d+\)/);
};

/** A stored case: one more comment, with exactly the text sent; served back as the same string once approved. */
const checkStored = async (stored: Stored, before: number) => {
  expect(await commentCount()).toBe(before + 1);
  const rows = (await app.strapi.db.query(COMMENT).findMany({ where: { [stored.field]: stored.value } })) as Array<{
    id: number;
    moderationStatus: string;
  }>;
  expect(rows).toHaveLength(1);
  expect(rows[0].moderationStatus).toBe(stored.status ?? 'pending');
  summary.stored += 1;
  await app.strapi.db.query(COMMENT).update({ where: { id: rows[0].id }, data: { moderationStatus: 'approved' } });
  const res = await app.http().get(`${API}/reviews/her-2013/comments?pageSize=100`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const texts = (res.body.data as Array<Record<string, string>>).map((c) => c[stored.field]);
  expect(texts.filter((t) => t === stored.value)).toHaveLength(1);
  // Clean up so the next row starts from the same state.
  await app.strapi.db.query(COMMENT).delete({ where: { id: rows[0].id } });
};

const sendHttp = (c: HttpCase) => {
  const path = fill(c.path);
  const method = c.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  let req = app.http()[method](path);
  const auth = c.auth ?? 'none';
  if (auth !== 'none') req = req.set('Authorization', `Bearer ${tokens[auth]}`);
  if (c.raw !== undefined) return req.set('Content-Type', c.contentType ?? 'application/json').send(c.raw);
  if (c.body !== undefined)
    return req
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(c.body, (_k, v) => (typeof v === 'string' ? fill(v) : v)));
  return req;
};

const sendGraphql = (c: GraphqlCase) => {
  if (c.get)
    return app
      .http()
      .get(`/graphql?query=${encodeURIComponent(c.query ?? '')}`)
      .set('Accept', 'application/json');
  const body = c.rawBody !== undefined ? c.rawBody : { query: c.query, variables: c.variables };
  return app
    .http()
    .post('/graphql')
    .set('Content-Type', 'application/json')
    .send(fill(JSON.stringify(body)));
};

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '10000' } });
  const her = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })) as { documentId: string };
  ids.REVIEW_ID = her.documentId;
  const pending = await createComment(app, her.documentId, {
    moderationStatus: 'pending',
    content: markers.pending,
    authorEmail: markers.email,
    ip: markers.ip,
    userAgent: markers.agent,
  });
  ids.COMMENT_ID = pending.documentId;
  const draft = await createReview(
    app,
    { title: markers.draft, movieTitle: markers.draft, movieYear: 1999 },
    { publish: false }
  );
  ids.DRAFT_SLUG = draft.slug;
  ids.DRAFT_ID = draft.documentId;

  tokens.admin = await adminToken(app);
  tokens.bogus = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.invalidsignature';
  // A role with no permissions at all, and a user in it.
  const role = (await app.strapi
    .service('admin::role')
    .create({ name: `Nothing ${m}`, description: 'no permissions' })) as { id: number };
  const password = 'Weak-Role-2026';
  await app.strapi.service('admin::user').create({
    email: `weak-${m}@example.org`,
    firstname: 'Weak',
    lastname: 'Role',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const login = await app
    .http()
    .post('/admin/login')
    .send({ email: `weak-${m}@example.org`, password });
  if (login.status !== 200) throw new Error(`weak login failed: ${login.status} ${login.text}`);
  tokens.weak = login.body.data.token as string;
});

afterAll(async () => {
  // The figures for the report.

  console.log(
    `security corpus: ${summary.cases} cases, ${summary.fiveXx} x 5xx, ${summary.leaks} leaks, ${summary.stored} stored-as-text checks`
  );
  await app?.close();
});

const HTTP = httpCases();
const GRAPHQL = graphqlCases();

it('has at least 300 cases', () => {
  expect(HTTP.length + GRAPHQL.length).toBeGreaterThanOrEqual(300);
});

describe('REST and admin routes', () => {
  it.each(HTTP.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await fingerprint();
    const beforeComments = before[COMMENT].count;
    const res = await sendHttp(c);
    checkResponse(c.name, res.status, res.text ?? '', res.headers);
    expect({ name: c.name, status: res.status }).toEqual({ name: c.name, status: c.status });
    if (res.status >= 400) {
      // Strapi's error shape.
      expect(res.body).toMatchObject({
        data: null,
        error: { status: res.status, name: expect.any(String), message: expect.any(String) },
      });
    }
    notPolluted();
    if (c.stores) {
      expect(res.body.data[c.stores.field]).toBe(c.stores.value);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      await checkStored(c.stores, beforeComments);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('saved none of the hostile site settings', async () => {
    const settings = (await app.strapi.plugin('movie-reviews').service('settings').get()) as Record<string, unknown>;
    for (const key of ['siteUrl', 'reviewUrlPattern', 'siteName', 'siteLogoUrl', 'mediaBaseUrl']) {
      expect({ key, value: settings[key] }).toEqual({ key, value: null });
    }
  });
});

describe('GraphQL', () => {
  it.each(GRAPHQL.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await fingerprint();
    const res = await sendGraphql(c);
    checkResponse(c.name, res.status, res.text ?? '', res.headers);
    expect({ name: c.name, status: res.status }).toEqual({ name: c.name, status: c.status });
    const errors = (res.body?.errors ?? []) as unknown[];
    expect({ name: c.name, hasErrors: errors.length > 0 }).toEqual({ name: c.name, hasErrors: Boolean(c.errors) });
    notPolluted();
    if (c.stores) {
      expect(res.body.data.createMovieReviewComment[c.stores.field]).toBe(c.stores.value);
      await checkStored(c.stores, before[COMMENT].count);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('has no private field anywhere in the schema (introspection)', async () => {
    const res = await app
      .http()
      .post('/graphql')
      .send({ query: '{ __schema { types { name fields { name } inputFields { name } } } }' });
    expect(res.status).toBe(200);
    const types = res.body.data.__schema.types as Array<{
      name: string;
      fields: Array<{ name: string }> | null;
      inputFields: Array<{ name: string }> | null;
    }>;
    const offenders = types
      .filter((t) => /MovieReview|Comment/i.test(t.name))
      .flatMap((t) => [...(t.fields ?? []), ...(t.inputFields ?? [])].map((f) => `${t.name}.${f.name}`))
      // The comment input takes the poster's email, and a created comment says whether it awaits moderation: both by design.
      .filter((f) => !['MovieReviewCommentInput.authorEmail', 'MovieReviewCreatedComment.status'].includes(f))
      .filter((f) => /\.(authorEmail|ip|userAgent|moderatedAt|status)$/.test(f));
    expect(offenders).toEqual([]);
    expect(types.map((t) => t.name)).not.toContain('Comment');
  });
});
