/**
 * The editor's preview: the Content Manager's preview URL for a movie review (demo
 * config/admin.ts) and GET /api/movie-reviews/preview/:documentId, which answers a
 * draft only to a signed, unexpired token for that document and status.
 */
import {
  signPreviewToken,
  verifyPreviewToken,
  createMovieReviewsClient,
  MovieReviewsApiError,
} from 'strapi-plugin-movie-reviews/client';
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { API, createReview, listen, REVIEW } from '../helpers/fixtures';

const SECRET = 'preview-secret-for-the-tests-0123';
const SITE_URL = 'http://127.0.0.1:4999';

let app: TestApp;
let draftId: string;
let herId: string;

const get = (documentId: string, query: Record<string, string> = {}) =>
  app.http().get(`${API}/preview/${documentId}`).query(query);

const draftToken = (
  documentId = draftId,
  options: { ttlSeconds?: number; secret?: string; status?: 'draft' | 'published' } = {}
) =>
  signPreviewToken(
    options.secret ?? SECRET,
    { documentId, status: options.status ?? 'draft' },
    { ttlSeconds: options.ttlSeconds }
  );

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { PREVIEW_SECRET: SECRET, SITE_URL } });
  const draft = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'the-unfinished-draft-2024' } })) as {
    documentId: string;
  };
  const her = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })) as { documentId: string };
  draftId = draft.documentId;
  herId = her.documentId;
});

afterAll(async () => {
  await app?.close();
});

describe('GET /preview/:documentId', () => {
  it('returns the never-published draft in the detail shape to a valid token', async () => {
    const res = await get(draftId, { status: 'draft', token: await draftToken() });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.meta).toEqual({ status: 'draft' });
    expect(res.body.data).toMatchObject({ documentId: draftId, slug: 'the-unfinished-draft-2024', publishedAt: null });
    expect(Array.isArray(res.body.data.body)).toBe(true);
    expect(res.body.data.structuredData['@type']).toBe('Review');
  });

  it('shows an unpublished change of a published review, while the public API keeps the published text', async () => {
    await app.strapi
      .documents(REVIEW)
      .update({ documentId: herId, data: { title: 'Her (edited, not yet published)' } as never });
    const draft = await get(herId, { token: await draftToken(herId) });
    expect(draft.status).toBe(200);
    expect(draft.body.data.title).toBe('Her (edited, not yet published)');
    const published = await get(herId, {
      status: 'published',
      token: await draftToken(herId, { status: 'published' }),
    });
    expect(published.body.data.title).toMatch(/^Her: a love story/);
    const pub = await app.http().get(`${API}/reviews/her-2013`);
    expect(pub.body.data.title).toMatch(/^Her: a love story/);
  });

  it('refuses a missing, malformed, expired or forged token with 401 and no review in the answer', async () => {
    const expired = await signPreviewToken(
      SECRET,
      { documentId: draftId, status: 'draft' },
      { now: Date.now() - 7_200_000 }
    );
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['missing', {}, /required/],
      ['malformed', { token: 'not-a-token' }, /malformed/],
      ['expired', { token: expired }, /expired/],
      [
        'signed with another secret',
        { token: await draftToken(draftId, { secret: 'another-secret-of-enough-length' }) },
        /not valid/,
      ],
      ['for another document', { token: await draftToken(herId) }, /not valid/],
      ['for the published version', { token: await draftToken(draftId, { status: 'published' }) }, /not valid/],
    ];
    for (const [, query, message] of cases) {
      const res = await get(draftId, query);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ data: null, error: { status: 401, name: 'UnauthorizedError' } });
      expect(res.body.error.message).toMatch(message);
      expect(JSON.stringify(res.body)).not.toMatch(/Unfinished|draft that exists/);
    }
  });

  it('answers a bad document id or an unknown query key with 400 naming it', async () => {
    const badId = await get('NOT_AN_ID!', { token: await draftToken() });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.errors[0].path).toEqual(['documentId']);
    const unknownKey = await get(draftId, { token: await draftToken(), populate: '*' });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.message).toMatch(/populate/);
  });

  it('answers 404 for a document with no such version, once the token is valid', async () => {
    const unpublished = await createReview(app, { title: 'Draft Only For Preview' }, { publish: false });
    const res = await get(unpublished.documentId, {
      status: 'published',
      token: await draftToken(unpublished.documentId, { status: 'published' }),
    });
    expect(res.status).toBe(404);
  });

  it('is what the client reads with getPreview, and a 401 there is a typed error', async () => {
    const { url } = await listen(app);
    const api = createMovieReviewsClient({ baseUrl: url });
    const { data, meta } = await api.getPreview(draftId, { token: await draftToken() });
    expect(meta.status).toBe('draft');
    expect(data.title).toBe('The Unfinished Draft (never public)');
    const error = await api.getPreview(draftId, { token: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MovieReviewsApiError);
    expect((error as MovieReviewsApiError).status).toBe(401);
  });
});

describe('Content Manager Preview (demo config/admin.ts)', () => {
  it('gives a movie review a link to the site draft route with a token the site can check', async () => {
    const token = await adminToken(app);
    const res = await app
      .http()
      .get('/content-manager/preview/url/plugin::movie-reviews.movie-review')
      .query({ documentId: draftId, status: 'draft' })
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const link = new URL(res.body.data.url);
    expect(`${link.origin}${link.pathname}`).toBe(`${SITE_URL}/preview/${draftId}`);
    expect(link.searchParams.get('status')).toBe('draft');
    const check = await verifyPreviewToken(
      SECRET,
      { documentId: draftId, status: 'draft' },
      link.searchParams.get('token')
    );
    expect(check).toMatchObject({ valid: true });
    expect(check.valid && check.expires - Date.now() / 1000).toBeGreaterThan(3500);
    const served = await get(draftId, { status: 'draft', token: link.searchParams.get('token') ?? '' });
    expect(served.status).toBe(200);
  });

  it('gives other content types no preview', async () => {
    const token = await adminToken(app);
    const res = await app
      .http()
      .get('/content-manager/preview/url/plugin::movie-reviews.comment')
      .query({ documentId: 'abc' })
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(204);
  });
});
