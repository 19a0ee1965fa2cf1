/**
 * The review edit-view panel's route (counts, JSON-LD, public URL, warnings) and the
 * settings routes (read, save, validation), checked over HTTP and in the store.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { bearer, COMMENT, expectError, limitedAdminToken, REVIEW } from './helpers';

let app: TestApp;
let token: string;
let herId: string;
let draftId: string;

const overview = (id: string, query: Record<string, string> = {}) =>
  app.http().get(`/movie-reviews/reviews/${id}/overview`).query(query).set(bearer(token));
const getSettings = () => app.http().get('/movie-reviews/settings').set(bearer(token));
const putSettings = (body: unknown) =>
  app
    .http()
    .put('/movie-reviews/settings')
    .set(bearer(token))
    .send(body as object);

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
  herId = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })).documentId;
  draftId = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'the-unfinished-draft-2024' } })).documentId;
});
afterAll(async () => {
  await app?.close();
});

describe('GET /movie-reviews/reviews/:documentId/overview', () => {
  it('gives counts by status, the public URL and schema.org JSON-LD for the Her review', async () => {
    const res = await overview(herId);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({
      documentId: herId,
      status: 'draft',
      title: 'Her: a love story told mostly to an earpiece',
      counts: { pending: 1, approved: 2, rejected: 0, spam: 0, all: 3 },
      published: true,
      publicUrl: '/api/movie-reviews/reviews/her-2013',
      warnings: [],
    });
    expect(typeof data.publishedAt).toBe('string');
    const ld = data.structuredData;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Review',
      name: 'Her: a love story told mostly to an earpiece',
      author: {
        '@type': 'Person',
        name: 'Mara Okafor',
        sameAs: ['https://maraokafor.example.net/', 'https://mastodon.example.org/@mara'],
      },
      reviewRating: { '@type': 'Rating', ratingValue: 9, bestRating: 10, worstRating: 0 },
      commentCount: 2,
      keywords: 'romance, science fiction, drama',
      itemReviewed: {
        '@type': 'Movie',
        name: 'Her',
        dateCreated: '2013',
        director: { '@type': 'Person', name: 'Spike Jonze' },
        duration: 'PT126M',
        sameAs: 'https://www.imdb.com/title/tt1798709/',
      },
    });
    expect(ld.itemReviewed.actor).toEqual([
      { '@type': 'Person', name: 'Joaquin Phoenix' },
      { '@type': 'Person', name: 'Scarlett Johansson' },
      { '@type': 'Person', name: 'Amy Adams' },
    ]);
    expect(ld.datePublished).toBe(data.publishedAt);
    expect(ld.reviewBody).toMatch(/^Spike Jonze sets his film/);
    // Nothing private in the preview.
    expect(JSON.stringify(data)).not.toMatch(/example\.com|203\.0\.113/);
  });

  it('previews the search result and social card of the version being edited (seo)', async () => {
    const settings = app.strapi.plugin('movie-reviews').service('settings');
    await settings.set({ siteUrl: 'https://films.example.org', siteName: 'Films Example' });
    try {
      await app.strapi.documents(REVIEW).update({
        documentId: herId,
        data: { seoTitle: 'Her, reviewed', seoDescription: 'A draft-only search description.' } as never,
      });
      const draft = (await overview(herId)).body.data;
      expect(draft.seo).toMatchObject({
        title: 'Her, reviewed',
        description: 'A draft-only search description.',
        canonicalUrl: 'https://films.example.org/reviews/her-2013',
        openGraph: { siteName: 'Films Example' },
        twitter: { card: 'summary_large_image' },
      });
      expect(draft.seo.image).toMatchObject({ alt: expect.any(String), url: expect.stringMatching(/\/uploads\//) });
      expect(draft.structuredData.publisher).toEqual({ '@type': 'Organization', name: 'Films Example' });
      // The published version keeps its own values until the draft is published.
      const published = (await overview(herId, { status: 'published' })).body.data;
      expect(published.seo.title).toBe('Her: a love story told mostly to an earpiece');
      expect(published.seo.description.endsWith('…')).toBe(true);
    } finally {
      await app.strapi.documents(REVIEW).update({
        documentId: herId,
        data: { seoTitle: null, seoDescription: null } as never,
      });
      await settings.set({ siteUrl: null, siteName: null });
    }
  });

  it('reads the published version on request', async () => {
    const res = await overview(herId, { status: 'published' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('published');
    expect(res.body.data.structuredData.name).toBe('Her: a love story told mostly to an earpiece');
  });

  it('has no public URL for a review that was never published', async () => {
    const res = await overview(draftId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ published: false, publicUrl: null, publishedAt: null, counts: { all: 0 } });
    expect(res.body.data.structuredData.datePublished).toBeUndefined();
  });

  it('warns about a deleted still file, a missing alt text and a song link that no longer parses', async () => {
    const her = await app.strapi.db.query(REVIEW).findOne({ where: { documentId: herId, publishedAt: null } });
    const stills = her.stills as Array<{ file: number; alt: string; caption: string }>;
    // Stored values written behind the validation's back, as an old version or a deleted file would leave them.
    await app.strapi.db.query(REVIEW).update({
      where: { id: her.id },
      data: {
        stills: [{ ...stills[0], alt: '' }, ...stills.slice(1)],
        song: { url: 'https://evil.example.org/watch?v=1', provider: 'youtube' },
      },
    });
    await app.strapi.db.query('plugin::upload.file').delete({ where: { id: stills[2].file } });
    const res = await overview(herId);
    expect(res.status).toBe(200);
    expect(res.body.data.warnings).toEqual([
      { code: 'still-missing-alt', index: 0 },
      { code: 'still-file-missing', fileIds: [stills[2].file] },
      { code: 'song-unparseable', url: 'https://evil.example.org/watch?v=1' },
    ]);
    // The published version still has its good song: warnings follow the version shown.
    const published = await overview(herId, { status: 'published' });
    expect(published.body.data.warnings).toEqual([{ code: 'still-file-missing', fileIds: [stills[2].file] }]);
  });

  it('answers 404 for an unknown review and 400 for bad input', async () => {
    const missing = await overview('nosuchreview00000000000');
    expect(missing.status).toBe(404);
    expectError(missing.body, 404, 'NotFoundError');
    const badStatus = await overview(herId, { status: 'archived' });
    expect(badStatus.status).toBe(400);
    expectError(badStatus.body, 400, 'ValidationError');
    const extra = await overview(herId, { locale: 'fr' });
    expect(extra.status).toBe(400);
  });

  it("follows the viewer's Content Manager rights: readable fields only, entry conditions enforced", async () => {
    const fields = ['title', 'movieTitle', 'movieYear'];
    const limited = await limitedAdminToken(app, [
      { action: 'plugin::content-manager.explorer.read', subject: REVIEW, properties: { fields } },
    ]);
    const res = await app.http().get(`/movie-reviews/reviews/${herId}/overview`).set(bearer(limited));
    expect(res.status).toBe(200);
    const ld = res.body.data.structuredData;
    expect(ld).toMatchObject({
      '@type': 'Review',
      name: 'Her: a love story told mostly to an earpiece',
      itemReviewed: { name: 'Her', dateCreated: '2013' },
    });
    expect(ld.itemReviewed.director).toBeUndefined();
    expect(ld.itemReviewed.actor).toBeUndefined();
    expect(ld.reviewBody).toBeUndefined();
    expect(ld.author).toBeUndefined();
    expect(res.body.data.counts.all).toBe(3);

    // "Is creator" only: the seeded review was created by no admin, so this viewer may not read it.
    const creatorOnly = await limitedAdminToken(app, [
      {
        action: 'plugin::content-manager.explorer.read',
        subject: REVIEW,
        properties: { fields },
        conditions: ['admin::is-creator'],
      },
    ]);
    const denied = await app.http().get(`/movie-reviews/reviews/${herId}/overview`).set(bearer(creatorOnly));
    expect(denied.status).toBe(403);
    expectError(denied.body, 403, 'ForbiddenError');
  });

  it('counts follow moderation', async () => {
    const pending = await app.strapi.db.query(COMMENT).findOne({ where: { moderationStatus: 'pending' } });
    await app
      .http()
      .post('/movie-reviews/moderation/comments/actions')
      .set(bearer(token))
      .send({ action: 'spam', ids: [pending.documentId] });
    const res = await overview(herId);
    expect(res.body.data.counts).toEqual({ pending: 0, approved: 2, rejected: 0, spam: 1, all: 3 });
  });
});

describe('GET/PUT /movie-reviews/settings', () => {
  it('reads the defaults from the file config, with the provider list', async () => {
    const res = await getSettings();
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      autoApprove: false,
      rateLimitPoints: 5,
      cacheMaxAge: 60,
      embedProviders: ['youtube', 'spotify', 'soundcloud', 'apple-music', 'vimeo'],
      commentsEnabledByDefault: true,
      grantPublicPermissions: true,
      siteUrl: null,
      reviewUrlPattern: null,
      siteName: null,
      siteLogoUrl: null,
      mediaBaseUrl: null,
      authorUrlPattern: null,
      reportThreshold: 3,
    });
    expect(res.body.meta.embedProviders).toEqual(['youtube', 'spotify', 'soundcloud', 'apple-music', 'vimeo']);
  });

  it('saves the author page address, and answers 400 naming it for one that is not https with {slug}', async () => {
    const bad = await putSettings({ authorUrlPattern: 'http://example.com/authors/{slug}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual([
      'authorUrlPattern',
    ]);
    const good = await putSettings({ authorUrlPattern: 'https://example.com/authors/{slug}' });
    expect(good.status).toBe(200);
    expect(good.body.data.authorUrlPattern).toBe('https://example.com/authors/{slug}');
    const cleared = await putSettings({ authorUrlPattern: '' });
    expect(cleared.body.data.authorUrlPattern).toBeNull();
  });

  it('saves a partial update to the plugin store and returns the whole settings', async () => {
    const res = await putSettings({ cacheMaxAge: 120, embedProviders: ['youtube', 'vimeo'], autoApprove: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      cacheMaxAge: 120,
      embedProviders: ['youtube', 'vimeo'],
      autoApprove: true,
      rateLimitPoints: 5,
    });
    const stored = await app.strapi.store({ type: 'plugin', name: 'movie-reviews' }).get({ key: 'settings' });
    expect(stored).toMatchObject({ cacheMaxAge: 120, embedProviders: ['youtube', 'vimeo'], autoApprove: true });
    expect((await getSettings()).body.data.cacheMaxAge).toBe(120);
    const service = app.strapi.plugin('movie-reviews').service('settings') as {
      get(): Promise<{ cacheMaxAge: number }>;
    };
    expect((await service.get()).cacheMaxAge).toBe(120);
  });

  it.each([
    ['a negative max-age', { cacheMaxAge: -1 }, 'cacheMaxAge'],
    ['a max-age over a day', { cacheMaxAge: 86_401 }, 'cacheMaxAge'],
    ['a fractional rate limit', { rateLimitPoints: 2.5 }, 'rateLimitPoints'],
    ['a zero rate limit', { rateLimitPoints: 0 }, 'rateLimitPoints'],
    ['a string for a number', { cacheMaxAge: '60' }, 'cacheMaxAge'],
    ['no embed provider', { embedProviders: [] }, 'embedProviders'],
    ['an unknown provider', { embedProviders: ['myspace'] }, 'embedProviders.0'],
    ['a string for a boolean', { autoApprove: 'yes' }, 'autoApprove'],
    ['a zero report threshold', { reportThreshold: 0 }, 'reportThreshold'],
    ['a report threshold over 100', { reportThreshold: 101 }, 'reportThreshold'],
    ['an unknown setting', { redis: 'redis://x' }, ''],
  ])('rejects %s with 400 naming the field, and keeps the stored value', async (_, body, field) => {
    const before = (await getSettings()).body.data;
    const res = await putSettings(body);
    expect(res.status).toBe(400);
    expectError(res.body, 400, 'ValidationError');
    if (field) {
      const paths = (res.body.error.details.errors as Array<{ path: string[] }>).map((e) => e.path.join('.'));
      expect(paths).toContain(field);
    }
    expect((await getSettings()).body.data).toEqual(before);
  });

  it('rejects a body that is not an object', async () => {
    const res = await app
      .http()
      .put('/movie-reviews/settings')
      .set(bearer(token))
      .set('Content-Type', 'application/json')
      .send('[1,2]');
    expect(res.status).toBe(400);
    expectError(res.body, 400);
  });
});
