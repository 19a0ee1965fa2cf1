/**
 * GET /api/movie-reviews/reviews/:slug/related and the GraphQL field
 * `MovieReview.related(limit)`: published reviews sharing the director, cast
 * members or tags, most shared first then newest; never the review itself nor a
 * draft; at most 4 SQL queries; cached with tags so that writes invalidate it;
 * strict query rules.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, countQueries, createReview, gql, REVIEW, settingsService } from '../helpers/fixtures';

let app: TestApp;

type Created = { documentId: string; slug: string; title: string };
const made: Record<string, Created> = {};

const related = (slug: string, query: Record<string, string | number> = {}) =>
  app.http().get(`${API}/reviews/${slug}/related`).query(query);

const slugsOf = (body: { data: Array<{ slug: string }> }) => body.data.map((r) => r.slug);

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  // Created (and published) in this order, so later ones are more recent.
  const base = { movieYear: 2001 };
  made.source = await createReview(app, {
    ...base,
    title: 'Rel Source',
    movieDirector: 'Agnès Varda',
    movieCast: [
      { actor: 'Corinne Marchand', character: 'Cléo' },
      { actor: 'Antoine Bourseiller', character: 'Antoine' },
    ],
    tags: ['nouvelle vague', 'paris'],
  });
  // Shares director + one actor + one tag (3): first whatever its age.
  made.three = await createReview(app, {
    ...base,
    title: 'Rel Three',
    movieDirector: 'agnès varda',
    movieCast: [{ actor: 'Corinne Marchand', character: null }],
    tags: ['Paris'],
  });
  // Shares one tag (1), older of the two ones.
  made.oneOld = await createReview(app, { ...base, title: 'Rel One Old', tags: ['paris', 'noir'] });
  // Shares the director only (1), newer.
  made.oneNew = await createReview(app, { ...base, title: 'Rel One New', movieDirector: 'Agnès Varda' });
  // Shares two actors (2).
  made.two = await createReview(app, {
    ...base,
    title: 'Rel Two',
    movieCast: [
      { actor: 'Antoine Bourseiller', character: 'X' },
      { actor: 'Corinne Marchand', character: 'Y' },
    ],
  });
  // Shares nothing.
  made.none = await createReview(app, { ...base, title: 'Rel None', movieDirector: 'Someone Else', tags: ['western'] });
  // A draft sharing everything: never listed.
  made.draft = await createReview(
    app,
    { ...base, title: 'Rel Draft', movieDirector: 'Agnès Varda', tags: ['paris', 'nouvelle vague'] },
    { publish: false }
  );
  // A draft-only review to ask for.
  made.draftOnly = await createReview(app, { ...base, title: 'Rel Draft Only', tags: ['paris'] }, { publish: false });
});

afterAll(async () => {
  await app?.close();
});

describe('GET /reviews/:slug/related', () => {
  it('ranks reviews by how much they share, then newest first, and leaves out the review, drafts and unrelated ones', async () => {
    const res = await related(made.source.slug, { limit: 12 });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data']);
    expect(slugsOf(res.body)).toEqual([made.three.slug, made.two.slug, made.oneNew.slug, made.oneOld.slug]);
  });

  it('gives 4 by default and honours limit', async () => {
    const extra = await createReview(app, { title: 'Rel Extra', movieYear: 2002, tags: ['nouvelle vague'] });
    const all = await related(made.source.slug, { limit: 12 });
    expect(slugsOf(all.body)).toEqual([made.three.slug, made.two.slug, extra.slug, made.oneNew.slug, made.oneOld.slug]);
    const byDefault = await related(made.source.slug);
    expect(slugsOf(byDefault.body)).toEqual(slugsOf(all.body).slice(0, 4));
    const one = await related(made.source.slug, { limit: 1 });
    expect(slugsOf(one.body)).toEqual([made.three.slug]);
  });

  it('lists summaries in exactly the shape of the list route', async () => {
    const res = await related(made.source.slug, { limit: 1 });
    const list = await app.http().get(`${API}/reviews`).query({ pageSize: 100 });
    const inList = list.body.data.find((r: { slug: string }) => r.slug === made.three.slug);
    expect(inList).toBeDefined();
    expect(res.body.data[0]).toEqual(inList);
    expect(res.body.data[0]).not.toHaveProperty('body');
  });

  it('is symmetric for the shared facts: the related review lists the source', async () => {
    const res = await related(made.three.slug, { limit: 12 });
    expect(slugsOf(res.body)).toContain(made.source.slug);
    expect(slugsOf(res.body)).not.toContain(made.three.slug);
    expect(slugsOf(res.body)).not.toContain(made.draft.slug);
  });

  it('answers an empty list for a review that shares nothing', async () => {
    const lonely = await createReview(app, { title: 'Rel Lonely', movieYear: 1950, movieDirector: 'Nobody Known' });
    const res = await related(lonely.slug);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [] });
  });

  it('answers 404 for an unknown slug, a draft-only review and a malformed slug', async () => {
    for (const slug of ['no-such-review', made.draftOnly.slug, 'UPPER_case']) {
      const res = await related(slug);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    }
  });

  it('answers 400 naming the parameter for a limit out of range or not a whole number', async () => {
    for (const limit of ['0', '13', '-1', '2.5', 'abc', '']) {
      const res = await related(made.source.slug, { limit });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.details.errors[0].path).toEqual(['limit']);
    }
    const twice = await app.http().get(`${API}/reviews/${made.source.slug}/related?limit=2&limit=3`);
    expect(twice.status).toBe(400);
  });

  it('answers 400 naming every unknown parameter', async () => {
    const res = await related(made.source.slug, { page: 2, sort: 'title' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'));
    expect(paths.sort()).toEqual(['page', 'sort']);
    expect(res.body.error.message).toMatch(/page|sort/);
  });

  it('runs at most 4 SQL queries for an answer that is not cached, stills and avatars included', async () => {
    // Related to the seeded "Her" (director and a tag), whose stills are expanded from the files table.
    const counted = await createReview(app, {
      title: 'Rel Counted',
      movieYear: 2014,
      movieDirector: 'Spike Jonze',
      tags: ['drama'],
    });
    const service = app.strapi.plugin('movie-reviews').service('related') as {
      forSlug(slug: string, limit: number): Promise<Array<{ slug: string; stills: unknown[] }> | null>;
    };
    // Once before counting: the settings memo is warm (as on any request after the first) and the
    // asynchronous tail of the create above (lifecycles) has finished, so only this call is counted.
    await service.forSlug(counted.slug, 12);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seen: { result: Array<{ slug: string; stills: unknown[] }> | null } = { result: null };
    const n = await countQueries(app, async () => {
      seen.result = await service.forSlug(counted.slug, 12);
    });
    const her = (seen.result ?? []).find((r) => r.slug === 'her-2013');
    expect(her?.stills.length).toBeGreaterThan(0);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(4);
  });

  it('gives a related review the author its own detail gives, avatar included, with relative and absolute media URLs', async () => {
    // Shares the director with the seeded "Her", whose author (seeded) has an avatar and links.
    const probe = await createReview(app, { title: 'Rel Author Probe', movieYear: 2015, movieDirector: 'Spike Jonze' });
    const compare = async () => {
      const res = await related(probe.slug, { limit: 12 });
      expect(res.status).toBe(200);
      const her = res.body.data.find((r: { slug: string }) => r.slug === 'her-2013');
      const detail = await app.http().get(`${API}/reviews/her-2013`);
      expect(detail.status).toBe(200);
      expect(detail.body.data.author.avatar).not.toBeNull();
      expect(detail.body.data.author.links.length).toBeGreaterThan(0);
      expect(her?.author).toEqual(detail.body.data.author);
      // Cache tags: the author and its avatar file, so that editing either invalidates the answer.
      const author = (await app.strapi.db.query('plugin::movie-reviews.author').findOne({
        where: { slug: detail.body.data.author.slug },
        populate: { avatar: { select: ['id'] } },
      })) as { documentId: string; avatar: { id: number } | null };
      expect(author.avatar).not.toBeNull();
      const tags = String(res.headers['surrogate-key']).split(' ');
      expect(tags).toEqual(expect.arrayContaining([`mr:author:${author.documentId}`, `mr:file:${author.avatar?.id}`]));
      return her.author as { avatar: { url: string } };
    };
    expect((await compare()).avatar.url.startsWith('/uploads/')).toBe(true);
    await settingsService(app).set({ mediaBaseUrl: 'https://media.example.org/strapi' });
    try {
      expect((await compare()).avatar.url).toMatch(/^https:\/\/media\.example\.org\/strapi\/uploads\//);
    } finally {
      await settingsService(app).set({ mediaBaseUrl: null });
    }
  });

  it('sends an ETag and answers 304 to a matching If-None-Match', async () => {
    const first = await related(made.source.slug);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const tags = String(first.headers['surrogate-key']).split(' ');
    expect(tags).toEqual(expect.arrayContaining(['mr:list', `mr:review:${made.source.documentId}`]));
    for (const r of first.body.data) expect(tags).toContain(`mr:review:${r.documentId}`);
    const again = await related(made.source.slug).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('is invalidated when a review is published, edited or unpublished', async () => {
    const before = await related(made.source.slug, { limit: 12 });
    const fresh = await createReview(app, {
      title: 'Rel Fresh',
      movieYear: 2003,
      movieDirector: 'Agnès Varda',
      tags: ['paris', 'nouvelle vague'],
    });
    const afterPublish = await related(made.source.slug, { limit: 12 });
    expect(afterPublish.headers.etag).not.toBe(before.headers.etag);
    expect(slugsOf(afterPublish.body)[0]).toBe(fresh.slug);

    // Editing the source changes what is related.
    await app.strapi
      .documents(REVIEW)
      .update({ documentId: made.source.documentId, data: { tags: ['western'] } as never });
    await app.strapi.documents(REVIEW).publish({ documentId: made.source.documentId });
    const afterEdit = await related(made.source.slug, { limit: 12 });
    expect(slugsOf(afterEdit.body)).toContain(made.none.slug);
    expect(slugsOf(afterEdit.body)).not.toContain(made.oneOld.slug);

    await app.strapi.documents(REVIEW).unpublish({ documentId: fresh.documentId });
    const afterUnpublish = await related(made.source.slug, { limit: 12 });
    expect(slugsOf(afterUnpublish.body)).not.toContain(fresh.slug);

    await app.strapi.documents(REVIEW).unpublish({ documentId: made.source.documentId });
    expect((await related(made.source.slug)).status).toBe(404);
    await app.strapi.documents(REVIEW).publish({ documentId: made.source.documentId });
  });
});

describe('GraphQL MovieReview.related', () => {
  const QUERY = `query($slug: String!, $limit: Int) {
    movieReview(slug: $slug) { slug related(limit: $limit) { slug documentId title movie { director } tags } }
  }`;

  it('returns what REST returns, in the same order', async () => {
    const res = await gql(app, QUERY, { slug: made.three.slug, limit: 12 });
    expect(res.body.errors).toBeUndefined();
    const rest = await related(made.three.slug, { limit: 12 });
    expect(res.body.data.movieReview.related.map((r: { slug: string }) => r.slug)).toEqual(slugsOf(rest.body));
    expect(res.body.data.movieReview.related.length).toBeGreaterThan(1);
    const byDefault = await gql(app, QUERY, { slug: made.three.slug });
    expect(byDefault.body.data.movieReview.related).toHaveLength(Math.min(4, rest.body.data.length));
  });

  it('refuses a limit out of range with a validation error', async () => {
    for (const limit of [0, 13]) {
      const res = await gql(app, QUERY, { slug: made.three.slug, limit });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/limit/);
    }
  });
});
