/**
 * Authors: GET /api/movie-reviews/authors/:slug (REST) and movieReviewAuthor
 * (GraphQL), the author on review answers and in JSON-LD, caching and
 * invalidation, and the Author rules on every write path.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { API, createReview, gql, REVIEW, settingsService } from '../helpers/fixtures';

const AUTHOR = 'plugin::movie-reviews.author';
const CM = `/content-manager/collection-types/${AUTHOR}`;

let app: TestApp;
/** One admin login for the file (the admin login route is rate limited). */
let token: string;
let ada: { documentId: string };
const adaReviews: string[] = [];

const createAuthor = async (data: Record<string, unknown>) =>
  (await app.strapi.documents(AUTHOR).create({ data: data as never })) as unknown as {
    documentId: string;
    slug: string;
  };

const rejectionOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return error as Error & { details?: { errors?: Array<{ path: string[]; message: string }> } };
  }
  throw new Error('expected a rejection');
};

const errorPaths = (res: { body: { error?: { details?: { errors?: Array<{ path: string[] }> } } } }) =>
  (res.body.error?.details?.errors ?? []).map((e) => e.path.join('.'));

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
  ada = await createAuthor({
    name: 'Ada Critic',
    bio: 'Watches everything twice.',
    links: [
      { label: 'Website', url: 'https://ada-critic.example.com/' },
      { label: 'Letterboxd', url: 'https://letterboxd.example.net/ada' },
    ],
  });
  // Published oldest first: the page lists newest first (c, b, a).
  for (const title of ['Ada reviews A', 'Ada reviews B', 'Ada reviews C']) {
    const review = await createReview(app, { title, author: ada.documentId, authorName: null });
    adaReviews.unshift(review.slug);
  }
  await createReview(app, { title: 'Ada draft', author: ada.documentId, authorName: null }, { publish: false });
  await createAuthor({ name: 'Quiet Author' });
});

afterAll(async () => {
  await app?.close();
});

describe('GET /authors/:slug', () => {
  it('returns the author and their published reviews, newest first, with pagination', async () => {
    const res = await app.http().get(`${API}/authors/ada-critic`);
    expect(res.status).toBe(200);
    expect(res.body.data.author).toEqual({
      name: 'Ada Critic',
      slug: 'ada-critic',
      bio: 'Watches everything twice.',
      avatar: null,
      links: [
        { label: 'Website', url: 'https://ada-critic.example.com/' },
        { label: 'Letterboxd', url: 'https://letterboxd.example.net/ada' },
      ],
    });
    expect(res.body.data.reviews.map((r: { slug: string }) => r.slug)).toEqual(adaReviews);
    expect(res.body.data.reviews[0].author).toEqual(res.body.data.author);
    expect(res.body.data.reviews[0]).not.toHaveProperty('body');
    expect(res.body.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 3 } });
  });

  it('does not list drafts', async () => {
    const res = await app.http().get(`${API}/authors/ada-critic`);
    expect(res.body.data.reviews.map((r: { title: string }) => r.title)).not.toContain('Ada draft');
    // The seeded author has a published review and a draft review.
    const mara = await app.http().get(`${API}/authors/mara-okafor`);
    expect(mara.body.data.reviews.map((r: { slug: string }) => r.slug)).toEqual(['her-2013']);
    expect(mara.body.meta.pagination.total).toBe(1);
  });

  it('pages through the reviews', async () => {
    const second = await app.http().get(`${API}/authors/ada-critic?page=2&pageSize=2`);
    expect(second.status).toBe(200);
    expect(second.body.data.reviews.map((r: { slug: string }) => r.slug)).toEqual([adaReviews[2]]);
    expect(second.body.meta).toEqual({ pagination: { page: 2, pageSize: 2, pageCount: 2, total: 3 } });
    const beyond = await app.http().get(`${API}/authors/ada-critic?page=5&pageSize=2`);
    expect(beyond.body.data.reviews).toEqual([]);
  });

  it('answers an author with no published review with an empty list', async () => {
    const res = await app.http().get(`${API}/authors/quiet-author`);
    expect(res.status).toBe(200);
    expect(res.body.data.reviews).toEqual([]);
    expect(res.body.meta.pagination).toMatchObject({ total: 0, pageCount: 0 });
  });

  it.each(['no-such-author', 'ADA-CRITIC', 'a'.repeat(201)])('answers 404 for the slug %s', async (slug) => {
    const res = await app.http().get(`${API}/authors/${slug}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
  });

  it.each([
    ['pageSize=101', ['pageSize']],
    ['pageSize=0', ['pageSize']],
    ['page=0', ['page']],
    ['page=abc', ['page']],
    ['sort=title:asc', ['sort']],
    ['filters[rating][$gt]=1', ['filters']],
    ['limit=3&offset=1', ['limit', 'offset']],
  ])('answers 400 naming the parameter for ?%s', async (query, paths) => {
    const res = await app.http().get(`${API}/authors/ada-critic?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(errorPaths(res)).toEqual(expect.arrayContaining(paths));
  });
});

describe('caching', () => {
  it('sends an ETag and answers 304 to a matching If-None-Match', async () => {
    const first = await app.http().get(`${API}/authors/ada-critic`);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(first.headers['surrogate-key']).toContain(`mr:author:${ada.documentId}`);
    const again = await app.http().get(`${API}/authors/ada-critic`).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('shows an author edit at once on the author page, the review list and the review detail', async () => {
    const detailPath = `${API}/reviews/${adaReviews[0]}`;
    const pagePath = `${API}/authors/ada-critic`;
    const listPath = `${API}/reviews?pageSize=100`;
    const before = {
      page: await app.http().get(pagePath),
      detail: await app.http().get(detailPath),
      list: await app.http().get(listPath),
    };
    expect(before.detail.body.data.author.bio).toBe('Watches everything twice.');
    // Cached now: a second read is a hit with the same ETag.
    expect((await app.http().get(detailPath)).headers.etag).toBe(before.detail.headers.etag);

    await app.strapi
      .documents(AUTHOR)
      .update({ documentId: ada.documentId, data: { bio: 'Now watches thrice.' } as never });

    const page = await app.http().get(pagePath);
    expect(page.body.data.author.bio).toBe('Now watches thrice.');
    expect(page.body.data.reviews[0].author.bio).toBe('Now watches thrice.');
    expect(page.headers.etag).not.toBe(before.page.headers.etag);
    const detail = await app.http().get(detailPath).set('If-None-Match', before.detail.headers.etag);
    expect(detail.status).toBe(200);
    expect(detail.body.data.author.bio).toBe('Now watches thrice.');
    const list = await app.http().get(listPath);
    const listed = list.body.data.find((r: { slug: string }) => r.slug === adaReviews[0]);
    expect(listed.author.bio).toBe('Now watches thrice.');

    // With nothing cached, the detail's cheap version (one query) also moves with the author.
    app.strapi.plugin('movie-reviews').service('responseCache').invalidateLocal(['mr:all']);
    const version = await app.http().get(detailPath).set('If-None-Match', detail.headers.etag);
    expect(version.status).toBe(304);
    await app.strapi
      .documents(AUTHOR)
      .update({ documentId: ada.documentId, data: { bio: 'Watches everything twice.' } as never });
    app.strapi.plugin('movie-reviews').service('responseCache').invalidateLocal(['mr:all']);
    const moved = await app.http().get(detailPath).set('If-None-Match', detail.headers.etag);
    expect(moved.status).toBe(200);
  });

  it('lists a review on its author page as soon as it is published', async () => {
    const quiet = await app.http().get(`${API}/authors/quiet-author`);
    expect(quiet.body.data.reviews).toEqual([]);
    const author = (await app.strapi.db.query(AUTHOR).findOne({ where: { slug: 'quiet-author' } })) as {
      documentId: string;
    };
    const review = await createReview(app, { title: 'Quiet no more', author: author.documentId, authorName: null });
    const after = await app.http().get(`${API}/authors/quiet-author`);
    expect(after.body.data.reviews.map((r: { slug: string }) => r.slug)).toEqual([review.slug]);
  });
});

describe('GraphQL movieReviewAuthor', () => {
  const QUERY = `query($slug: String!, $page: Int, $pageSize: Int) {
    movieReviewAuthor(slug: $slug, page: $page, pageSize: $pageSize) {
      data { author { name slug bio links { label url } avatar { url } } reviews { slug author { slug } } }
      meta { pagination { page pageSize pageCount total } }
    }
  }`;

  it('returns what REST returns', async () => {
    const res = await gql(app, QUERY, { slug: 'ada-critic', page: 1, pageSize: 2 });
    expect(res.body.errors).toBeUndefined();
    const rest = await app.http().get(`${API}/authors/ada-critic?page=1&pageSize=2`);
    const data = res.body.data.movieReviewAuthor;
    expect(data.data.author).toEqual(rest.body.data.author);
    expect(data.data.reviews.map((r: { slug: string }) => r.slug)).toEqual(
      rest.body.data.reviews.map((r: { slug: string }) => r.slug)
    );
    expect(data.data.reviews[0].author.slug).toBe('ada-critic');
    expect(data.meta).toEqual(rest.body.meta);
  });

  it('is null for an unknown author', async () => {
    const res = await gql(app, QUERY, { slug: 'no-such-author' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.movieReviewAuthor).toBeNull();
  });

  it('refuses a page size over 100 naming the argument', async () => {
    const res = await gql(app, QUERY, { slug: 'ada-critic', pageSize: 101 });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.body.errors)).toMatch(/pageSize/);
  });

  it('has no generated (shadow CRUD) author queries', async () => {
    const res = await gql(app, '{ __schema { queryType { fields { name } } } }');
    const names = (res.body.data.__schema.queryType.fields as Array<{ name: string }>).map((f) => f.name);
    expect(names).toContain('movieReviewAuthor');
    expect(names.filter((n) => /^authors?$|^authors_connection$/i.test(n))).toEqual([]);
  });
});

describe('JSON-LD author', () => {
  it('is a Person with the links as sameAs, and a url once authorUrlPattern is set', async () => {
    const path = `${API}/reviews/${adaReviews[0]}`;
    const without = await app.http().get(path);
    expect(without.body.data.structuredData.author).toEqual({
      '@type': 'Person',
      name: 'Ada Critic',
      sameAs: ['https://ada-critic.example.com/', 'https://letterboxd.example.net/ada'],
    });
    await settingsService(app).set({ authorUrlPattern: 'https://films.example.com/authors/{slug}' });
    try {
      const withUrl = await app.http().get(path);
      expect(withUrl.body.data.structuredData.author).toEqual({
        '@type': 'Person',
        name: 'Ada Critic',
        url: 'https://films.example.com/authors/ada-critic',
        sameAs: ['https://ada-critic.example.com/', 'https://letterboxd.example.net/ada'],
      });
    } finally {
      await settingsService(app).set({ authorUrlPattern: null });
    }
  });

  it.each([
    ['http://films.example.com/authors/{slug}'],
    ['https://films.example.com/authors/'],
    ['https://127.0.0.1/authors/{slug}'],
    ['https://user:pw@films.example.com/{slug}'],
    ['javascript:alert(1)//{slug}'],
  ])('refuses the authorUrlPattern %s', async (pattern) => {
    const err = await rejectionOf(() => settingsService(app).set({ authorUrlPattern: pattern }));
    expect(err.name).toBe('ValidationError');
    expect(err.details?.errors?.map((e) => e.path.join('.'))).toEqual(['authorUrlPattern']);
    expect((await settingsService(app).get()).authorUrlPattern).toBeNull();
  });
});

describe('author rules on every write path', () => {
  const badLinks: Array<[string, unknown, string]> = [
    ['an http link', [{ label: 'Site', url: 'http://example.com/' }], 'links.0.url'],
    ['a javascript: link', [{ label: 'Site', url: 'javascript:alert(1)' }], 'links.0.url'],
    ['a data: link', [{ label: 'Site', url: 'data:text/html,hi' }], 'links.0.url'],
    ['credentials', [{ label: 'Site', url: 'https://user:pw@example.com/' }], 'links.0.url'],
    ['an IPv4 literal', [{ label: 'Site', url: 'https://192.168.1.1/' }], 'links.0.url'],
    ['an IPv6 literal', [{ label: 'Site', url: 'https://[::1]/' }], 'links.0.url'],
    [
      'an empty label',
      [
        { label: 'Ok', url: 'https://ok.example.com/' },
        { label: ' ', url: 'https://example.com/' },
      ],
      'links.1.label',
    ],
    ['an unknown key', [{ label: 'Site', url: 'https://example.com/', rel: 'me' }], 'links.0'],
    ['JSON text instead of a list', '[{"label":"Site","url":"https://example.com/"}]', 'links'],
    [
      'the same link twice',
      [
        { label: 'A', url: 'https://example.com/' },
        { label: 'B', url: 'https://example.com/' },
      ],
      'links.1.url',
    ],
  ];

  it.each(badLinks)('documents(): refuses %s with a 400 naming the field, storing nothing', async (_l, links, path) => {
    const before = await app.strapi.db.query(AUTHOR).count();
    const err = await rejectionOf(() => createAuthor({ name: 'Bad Links', links }));
    expect(err.name).toBe('ValidationError');
    expect(err.details?.errors?.map((e) => e.path.join('.'))).toContain(path);
    expect(await app.strapi.db.query(AUTHOR).count()).toBe(before);
  });

  it.each(badLinks)(
    'Content Manager: refuses %s with a 400 naming the field, storing nothing',
    async (_l, links, path) => {
      const before = await app.strapi.db.query(AUTHOR).count();
      const res = await app.http().post(CM).set('Authorization', `Bearer ${token}`).send({ name: 'Bad Links', links });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(errorPaths(res)).toContain(path);
      expect(await app.strapi.db.query(AUTHOR).count()).toBe(before);
    }
  );

  it('refuses a bad link on update too, and keeps the stored links', async () => {
    const res = await app
      .http()
      .put(`${CM}/${ada.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ links: [{ label: 'Evil', url: 'javascript:alert(1)' }] });
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toContain('links.0.url');
    const stored = (await app.strapi.db.query(AUTHOR).findOne({ where: { documentId: ada.documentId } })) as {
      links: unknown;
    };
    expect(stored.links).toEqual([
      { label: 'Website', url: 'https://ada-critic.example.com/' },
      { label: 'Letterboxd', url: 'https://letterboxd.example.net/ada' },
    ]);
  });

  it.each([
    ['a missing name', {}, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name over 120 characters', { name: 'n'.repeat(121) }, 'name'],
    ['a bio over 2000 characters', { name: 'Long Bio', bio: 'b'.repeat(2001) }, 'bio'],
    ['a bad slug', { name: 'Bad Slug', slug: 'Not A Slug' }, 'slug'],
    ['a slug another author has', { name: 'Twin', slug: 'ada-critic' }, 'slug'],
  ])('refuses %s', async (_label, data, path) => {
    const before = await app.strapi.db.query(AUTHOR).count();
    const err = await rejectionOf(() => createAuthor(data));
    expect(err.name).toBe('ValidationError');
    expect(err.details?.errors?.map((e) => e.path.join('.'))).toContain(path);
    expect(await app.strapi.db.query(AUTHOR).count()).toBe(before);
  });

  it('creates an author through the Content Manager with links, and generates a free slug', async () => {
    const res = await app
      .http()
      .post(CM)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Ada Critic', links: [{ label: 'Site', url: 'https://Other.Example.com/~ada' }] });
    expect(res.status).toBe(201);
    expect(res.body.data.slug).toBe('ada-critic-2');
    // Stored as WHATWG serialises it.
    expect(res.body.data.links).toEqual([{ label: 'Site', url: 'https://other.example.com/~ada' }]);
  });

  it('Content Manager: a new review takes its author from the relation input, and needs one', async () => {
    const REVIEWS_CM = `/content-manager/collection-types/${REVIEW}`;
    const before = await app.strapi.db.query(REVIEW).count();
    const missing = await app
      .http()
      .post(REVIEWS_CM)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'CM no author', movieTitle: 'X', movieYear: 2001, author: { connect: [], disconnect: [] } });
    expect(missing.status).toBe(400);
    expect(errorPaths(missing)).toEqual(['author']);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);

    const created = await app
      .http()
      .post(REVIEWS_CM)
      .set('Authorization', `Bearer ${token}`)
      .send({
        title: 'CM with author',
        movieTitle: 'X',
        movieYear: 2001,
        author: { connect: [{ documentId: ada.documentId }], disconnect: [] },
      });
    expect(created.status).toBe(201);
    const stored = (await app.strapi.db.query(REVIEW).findOne({
      where: { documentId: created.body.data.documentId },
      populate: { author: { select: ['documentId'] } },
    })) as { author: { documentId: string } | null };
    expect(stored.author?.documentId).toBe(ada.documentId);
  });

  it('requires an author on a new review, and links an inline authorName to the author of that name', async () => {
    const err = await rejectionOf(() =>
      app.strapi.documents(REVIEW).create({ data: { title: 'No author', movieTitle: 'X', movieYear: 2000 } as never })
    );
    expect(err.details?.errors?.map((e) => e.path.join('.'))).toEqual(['author']);
    const reviewsBefore = await app.strapi.db.query(REVIEW).count();
    const unknown = await rejectionOf(() =>
      app.strapi.documents(REVIEW).create({
        data: {
          title: 'Unknown author',
          movieTitle: 'X',
          movieYear: 2000,
          author: 'nosuchauthor0000000000000',
        } as never,
      })
    );
    expect(unknown.name).toBe('ValidationError');
    expect(await app.strapi.db.query(REVIEW).count()).toBe(reviewsBefore);
    const authorsBefore = await app.strapi.db.query(AUTHOR).count();
    const review = await createReview(app, { title: 'Inline name', authorName: '  ada CRITIC ' });
    const res = await app.http().get(`${API}/reviews/${review.slug}`);
    expect(res.body.data.author.slug).toBe('ada-critic');
    expect(await app.strapi.db.query(AUTHOR).count()).toBe(authorsBefore);
  });
});
