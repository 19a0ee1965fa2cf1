/**
 * GET /api/movie-reviews/reviews and /reviews/:slug: shapes, query validation,
 * sorting, filters, pagination, drafts, caching headers and query counts.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, countQueries, createComment, createReview, REVIEW, settingsService } from '../helpers/fixtures';
import { deleteFile, uploadFile } from '../custom-fields/helpers/media';

let app: TestApp;
let herDocumentId: string;

const SUMMARY_KEYS = [
  'author',
  'commentsEnabled',
  'createdAt',
  'documentId',
  'filmingLocations',
  'movie',
  'publishedAt',
  'rating',
  'slug',
  'song',
  'stills',
  'synopsis',
  'tags',
  'title',
  'updatedAt',
];

type Summary = Record<string, unknown> & {
  slug: string;
  title: string;
  rating: number | null;
  movie: { year: number };
};

const list = async (query = '') => {
  const res = await app.http().get(`${API}/reviews${query ? `?${query}` : ''}`);
  return res;
};
const slugs = (res: { body: { data: Summary[] } }) => res.body.data.map((r) => r.slug);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- supertest types the body as any
const expectValidationError = (res: { status: number; body: any }, path: string[]) => {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeNull();
  expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
  expect(typeof res.body.error.message).toBe('string');
  const paths = (res.body.error.details.errors as Array<{ path: string[] }>).map((e) => e.path.join('.'));
  expect(paths).toContain(path.join('.'));
};

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  const her = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })) as { documentId: string };
  herDocumentId = her.documentId;
  // Published in this order after the seeded "Her": newest first is drive, cold war, blade runner, amelie.
  await createReview(app, {
    title: 'Amelie in Montmartre',
    movieTitle: 'Amélie',
    movieOriginalTitle: "Le Fabuleux Destin d'Amélie Poulain",
    movieYear: 2001,
    movieDirector: 'Jean-Pierre Jeunet',
    rating: 8,
    tags: ['Romance', 'comedy'],
  });
  await createReview(app, {
    title: 'Blade Runner in the rain',
    movieTitle: 'Blade Runner',
    movieYear: 1982,
    movieDirector: 'Ridley Scott',
    rating: 9.5,
    tags: ['science fiction', 'noir'],
  });
  await createReview(app, {
    title: 'Cold War, warm songs',
    movieTitle: 'Cold War',
    movieOriginalTitle: 'Zimna wojna',
    movieYear: 2018,
    movieDirector: 'Paweł Pawlikowski',
    rating: null,
    tags: ['drama', 'romance'],
  });
  await createReview(app, {
    title: 'Drive, quietly',
    movieTitle: 'Drive',
    movieYear: 2011,
    movieDirector: 'Nicolas Winding Refn',
    rating: 7,
    tags: [],
  });
});

afterAll(async () => {
  await app?.close();
});

describe('GET /reviews', () => {
  it('lists published reviews only, newest first, with pagination meta', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual([
      'drive-quietly-2011',
      'cold-war-warm-songs-2018',
      'blade-runner-in-the-rain-1982',
      'amelie-in-montmartre-2001',
      'her-2013',
    ]);
    expect(res.body.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 5 } });
  });

  it('returns summaries: every field of the review but the body, custom fields expanded', async () => {
    const res = await list();
    const her = res.body.data.find((r: Summary) => r.slug === 'her-2013');
    expect(Object.keys(her).sort()).toEqual(SUMMARY_KEYS);
    expect(her).toMatchObject({
      documentId: herDocumentId,
      title: 'Her: a love story told mostly to an earpiece',
      movie: {
        title: 'Her',
        originalTitle: null,
        year: 2013,
        director: 'Spike Jonze',
        cast: [
          { actor: 'Joaquin Phoenix', character: 'Theodore Twombly' },
          { actor: 'Scarlett Johansson', character: 'Samantha (voice)' },
          { actor: 'Amy Adams', character: 'Amy' },
        ],
        imdbId: 'tt1798709',
        runtimeMinutes: 126,
      },
      synopsis: { source: 'IMDb', sourceUrl: 'https://www.imdb.com/title/tt1798709/' },
      filmingLocations: ['Shanghai', 'Los Angeles'],
      song: {
        url: 'https://www.youtube.com/watch?v=3VKoeVMJN8w',
        provider: 'youtube',
        embedUrl: 'https://www.youtube-nocookie.com/embed/3VKoeVMJN8w',
        title: 'The Moon Song',
        artist: 'Karen O',
        startAt: null,
      },
      rating: 9,
      author: {
        name: 'Mara Okafor',
        slug: 'mara-okafor',
        avatar: { alternativeText: 'Portrait of Mara Okafor against a dusk sky', mime: 'image/jpeg' },
        links: [
          { label: 'Blog', url: 'https://maraokafor.example.net/' },
          { label: 'Mastodon', url: 'https://mastodon.example.org/@mara' },
        ],
      },
      tags: ['romance', 'science fiction', 'drama'],
      commentsEnabled: true,
    });
    expect(Object.keys(her.movie).sort()).toEqual([
      'cast',
      'director',
      'imdbId',
      'originalTitle',
      'runtimeMinutes',
      'title',
      'year',
    ]);
    expect(her.stills).toHaveLength(3);
    expect(her.stills[0]).toMatchObject({
      alt: 'A figure at a tall window against an orange and pink city skyline at dusk',
      image: { mime: 'image/jpeg', width: 1280, height: 544 },
    });
    expect(her.stills[0].image.url).toMatch(/^\/uploads\/.+\.jpg$/);
    expect(her.stills[0].image.formats.thumbnail.url).toMatch(/^\/uploads\/thumbnail_/);
    expect(her).not.toHaveProperty('body');
    expect(typeof her.rating).toBe('number');
    for (const key of ['publishedAt', 'createdAt', 'updatedAt'])
      expect(new Date(her[key]).toISOString()).toBe(her[key]);
  });

  it('paginates with page and pageSize', async () => {
    const res = await list('page=2&pageSize=2');
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual(['blade-runner-in-the-rain-1982', 'amelie-in-montmartre-2001']);
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 3, total: 5 });
    const beyond = await list('page=9&pageSize=2');
    expect(beyond.status).toBe(200);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.meta.pagination).toEqual({ page: 9, pageSize: 2, pageCount: 3, total: 5 });
    expect((await list('pageSize=100')).status).toBe(200);
    expect((await list('pageSize=1')).body.data).toHaveLength(1);
  });

  it.each([
    ['pageSize=101', ['pageSize']],
    ['pageSize=0', ['pageSize']],
    ['pageSize=-5', ['pageSize']],
    ['pageSize=ten', ['pageSize']],
    ['pageSize=2.5', ['pageSize']],
    ['page=0', ['page']],
    ['page=abc', ['page']],
    ['page=1&page=2', ['page']],
    ['pageSize[]=10', ['pageSize']],
    ['pageSize[a]=10', ['pageSize']],
    ['page', ['page']],
  ])('rejects bad pagination %s with a 400 naming the parameter', async (query, path) => {
    expectValidationError(await list(query), path);
  });

  it.each([
    [
      'sort=title:asc',
      [
        'amelie-in-montmartre-2001',
        'blade-runner-in-the-rain-1982',
        'cold-war-warm-songs-2018',
        'drive-quietly-2011',
        'her-2013',
      ],
    ],
    [
      'sort=title',
      [
        'amelie-in-montmartre-2001',
        'blade-runner-in-the-rain-1982',
        'cold-war-warm-songs-2018',
        'drive-quietly-2011',
        'her-2013',
      ],
    ],
    [
      'sort=title:desc',
      [
        'her-2013',
        'drive-quietly-2011',
        'cold-war-warm-songs-2018',
        'blade-runner-in-the-rain-1982',
        'amelie-in-montmartre-2001',
      ],
    ],
    [
      'sort=movie.year:asc',
      [
        'blade-runner-in-the-rain-1982',
        'amelie-in-montmartre-2001',
        'drive-quietly-2011',
        'her-2013',
        'cold-war-warm-songs-2018',
      ],
    ],
    [
      'sort=movie.year:DESC',
      [
        'cold-war-warm-songs-2018',
        'her-2013',
        'drive-quietly-2011',
        'amelie-in-montmartre-2001',
        'blade-runner-in-the-rain-1982',
      ],
    ],
    [
      'sort=publishedAt:asc',
      [
        'her-2013',
        'amelie-in-montmartre-2001',
        'blade-runner-in-the-rain-1982',
        'cold-war-warm-songs-2018',
        'drive-quietly-2011',
      ],
    ],
    // Unrated reviews come last in both directions, on every database.
    [
      'sort=rating:desc',
      [
        'blade-runner-in-the-rain-1982',
        'her-2013',
        'amelie-in-montmartre-2001',
        'drive-quietly-2011',
        'cold-war-warm-songs-2018',
      ],
    ],
    [
      'sort=rating:asc',
      [
        'drive-quietly-2011',
        'amelie-in-montmartre-2001',
        'her-2013',
        'blade-runner-in-the-rain-1982',
        'cold-war-warm-songs-2018',
      ],
    ],
    [
      'sort[0]=rating:desc&sort[1]=title:asc',
      [
        'blade-runner-in-the-rain-1982',
        'her-2013',
        'amelie-in-montmartre-2001',
        'drive-quietly-2011',
        'cold-war-warm-songs-2018',
      ],
    ],
    [
      'sort=rating:asc,title:asc',
      [
        'drive-quietly-2011',
        'amelie-in-montmartre-2001',
        'her-2013',
        'blade-runner-in-the-rain-1982',
        'cold-war-warm-songs-2018',
      ],
    ],
  ])('sorts with %s', async (query, expected) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual(expected);
  });

  it('keeps unrated reviews last across pages when sorting by rating', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page += 1)
      pages.push(...slugs(await list(`sort=rating:desc&pageSize=2&page=${page}`)));
    expect(pages).toEqual([
      'blade-runner-in-the-rain-1982',
      'her-2013',
      'amelie-in-montmartre-2001',
      'drive-quietly-2011',
      'cold-war-warm-songs-2018',
    ]);
    expect((await list('sort=rating:desc&pageSize=2&page=3')).body.meta.pagination.total).toBe(5);
  });

  it.each([
    ['sort=body', ['sort']],
    ['sort=authorEmail:asc', ['sort']],
    ['sort=title:up', ['sort']],
    ['sort=title:asc:desc', ['sort']],
    ['sort[0]=title&sort[1]=nope', ['sort', '1']],
    ['sort[a]=title', ['sort']],
    ['sort=title,title', ['sort', '1']],
  ])('rejects sort %s', async (query, path) => {
    expectValidationError(await list(query), path);
  });

  it.each([
    ['filters[movie][year]=2013', ['her-2013']],
    ['filters[movie][year][$eq]=2013', ['her-2013']],
    ['filters[movie.year][$eq]=2013', ['her-2013']],
    ['filters[movie][year][$gte]=2011&filters[movie][year][$lt]=2018', ['drive-quietly-2011', 'her-2013']],
    [
      'filters[movie][year][$ne]=2013&sort=movie.year:asc',
      ['blade-runner-in-the-rain-1982', 'amelie-in-montmartre-2001', 'drive-quietly-2011', 'cold-war-warm-songs-2018'],
    ],
    [
      'filters[movie][year][$in][0]=1982&filters[movie][year][$in][1]=2001',
      ['blade-runner-in-the-rain-1982', 'amelie-in-montmartre-2001'],
    ],
    ['filters[movie][director]=Ridley Scott', ['blade-runner-in-the-rain-1982']],
    ['filters[movie][director][$eqi]=ridley scott', ['blade-runner-in-the-rain-1982']],
    ['filters[movie][director][$containsi]=JONZE', ['her-2013']],
    [
      'filters[movie][director][$in][]=Spike Jonze&filters[movie][director][$in][]=Ridley Scott',
      ['blade-runner-in-the-rain-1982', 'her-2013'],
    ],
    ['filters[rating][$gte]=9', ['blade-runner-in-the-rain-1982', 'her-2013']],
    ['filters[rating][$lt]=8.5', ['drive-quietly-2011', 'amelie-in-montmartre-2001']],
    ['filters[rating]=9.5', ['blade-runner-in-the-rain-1982']],
    ['filters[tags]=romance', ['cold-war-warm-songs-2018', 'amelie-in-montmartre-2001', 'her-2013']],
    ['filters[tags][$eq]=ROMANCE', ['cold-war-warm-songs-2018', 'amelie-in-montmartre-2001', 'her-2013']],
    [
      'filters[tags][$in][]=noir&filters[tags][$in][]=comedy',
      ['blade-runner-in-the-rain-1982', 'amelie-in-montmartre-2001'],
    ],
    ['filters[tags]=science fiction&filters[movie][year][$gt]=2000', ['her-2013']],
    ['filters[tags]=romance&sort=rating:desc', ['her-2013', 'amelie-in-montmartre-2001', 'cold-war-warm-songs-2018']],
    ['filters[tags]=romance&sort=title:asc&page=2&pageSize=2', ['her-2013']],
    ['filters[tags]=draft', []],
    ['filters[tags]=nothing-has-this', []],
  ])('filters with %s', async (query, expected) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual(expected);
  });

  it('counts the filtered total, tags included', async () => {
    const res = await list('filters[tags]=romance&pageSize=1');
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 3, total: 3 });
    const year = await list('filters[movie][year][$gte]=2011&pageSize=2');
    expect(year.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
  });

  it.each([
    ['filters[body][$containsi]=x', ['filters', 'body']],
    ['filters[publishedAt][$null]=true', ['filters', 'publishedAt']],
    ['filters[movie][title]=Her', ['filters', 'movie', 'title']],
    ['filters[movie]=Her', ['filters', 'movie']],
    ['filters[authorEmail][$containsi]=example', ['filters', 'authorEmail']],
    ['filters[movie][year][$regex]=.*', ['filters', 'movie', 'year', '$regex']],
    ['filters[movie][year][$containsi]=20', ['filters', 'movie', 'year', '$containsi']],
    ['filters[movie][year][$eq]=abc', ['filters', 'movie', 'year', '$eq']],
    ['filters[movie][year][$eq][0]=2013', ['filters', 'movie', 'year', '$eq']],
    ['filters[movie][year][$in]=2013', ['filters', 'movie', 'year', '$in']],
    ['filters[rating][$gte]=nine', ['filters', 'rating', '$gte']],
    ['filters[tags][$containsi]=rom', ['filters', 'tags', '$containsi']],
    ['filters[tags]', ['filters', 'tags']],
    ['filters=romance', ['filters']],
    ['filters[$or][0][title]=x', ['filters', '$or']],
  ])('rejects filter %s', async (query, path) => {
    expectValidationError(await list(query), path);
  });

  it.each([
    ['q=amélie', ['amelie-in-montmartre-2001']],
    ['q=FABULEUX', ['amelie-in-montmartre-2001']],
    ['q=zimna', ['cold-war-warm-songs-2018']],
    ['q=blade runner', ['blade-runner-in-the-rain-1982']],
    ['q=earpiece', ['her-2013']],
    ['q=unfinished', []],
    [
      'q=',
      [
        'drive-quietly-2011',
        'cold-war-warm-songs-2018',
        'blade-runner-in-the-rain-1982',
        'amelie-in-montmartre-2001',
        'her-2013',
      ],
    ],
  ])('searches titles and film titles with %s', async (query, expected) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual(expected);
  });

  it('rejects a q longer than 100 characters or given twice', async () => {
    expect((await list(`q=${'a'.repeat(100)}`)).status).toBe(200);
    expectValidationError(await list(`q=${'a'.repeat(101)}`), ['q']);
    expectValidationError(await list('q=a&q=b'), ['q']);
    expectValidationError(await list('q[x]=a'), ['q']);
  });

  it.each([
    'populate=*',
    'status=draft',
    'fields[0]=authorEmail',
    'locale=en',
    'pagination[page]=1',
    'publicationState=preview',
  ])('rejects the unknown parameter %s', async (query) => {
    const res = await list(query);
    expectValidationError(res, [query.split(/[=[]/)[0]]);
    expect(res.body.error.message).toMatch(/is not a known query parameter/);
  });

  it('reports every problem of a query at once', async () => {
    const res = await list('pageSize=500&sort=nope&foo=1');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual([
      'foo',
      'pageSize',
      'sort',
    ]);
  });
});

describe('GET /reviews/:slug', () => {
  it('returns the published review with body, commentCount and structuredData', async () => {
    const res = await app.http().get(`${API}/reviews/her-2013`);
    expect(res.status).toBe(200);
    const review = res.body.data;
    expect(Object.keys(review).sort()).toEqual(
      [...SUMMARY_KEYS, 'body', 'commentCount', 'structuredData', 'seo', 'share'].sort()
    );
    expect(review.body[0]).toMatchObject({ type: 'paragraph' });
    expect(review.body).toHaveLength(3);
    // Two approved comments (one a reply); the pending one is not counted.
    expect(review.commentCount).toBe(2);
    expect(review.stills).toHaveLength(3);
    expect(review.structuredData).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Review',
      name: 'Her: a love story told mostly to an earpiece',
      itemReviewed: {
        '@type': 'Movie',
        name: 'Her',
        dateCreated: '2013',
        director: { '@type': 'Person', name: 'Spike Jonze' },
        actor: [
          { '@type': 'Person', name: 'Joaquin Phoenix' },
          { '@type': 'Person', name: 'Scarlett Johansson' },
          { '@type': 'Person', name: 'Amy Adams' },
        ],
        duration: 'PT126M',
        sameAs: 'https://www.imdb.com/title/tt1798709/',
        image: review.stills.map((s: { image: { url: string } }) => s.image.url),
      },
      reviewRating: { '@type': 'Rating', ratingValue: 9, bestRating: 10, worstRating: 0 },
      // No authorUrlPattern is set: no url; the author's links are its sameAs.
      author: {
        '@type': 'Person',
        name: 'Mara Okafor',
        sameAs: ['https://maraokafor.example.net/', 'https://mastodon.example.org/@mara'],
      },
      datePublished: review.publishedAt,
      dateModified: review.updatedAt > review.publishedAt ? review.updatedAt : review.publishedAt,
      reviewBody: expect.stringMatching(/^Spike Jonze sets his film a few years ahead of us/),
      keywords: 'romance, science fiction, drama',
      commentCount: 2,
    });
  });

  it('leaves reviewRating out of the JSON-LD of an unrated review', async () => {
    const res = await app.http().get(`${API}/reviews/cold-war-warm-songs-2018`);
    expect(res.status).toBe(200);
    expect(res.body.data.rating).toBeNull();
    expect(res.body.data.structuredData).not.toHaveProperty('reviewRating');
    expect(res.body.data.structuredData.itemReviewed).toMatchObject({
      name: 'Cold War',
      alternateName: 'Zimna wojna',
      dateCreated: '2018',
    });
    expect(res.body.data.commentCount).toBe(0);
  });

  it.each(['the-unfinished-draft-2024', 'no-such-review', 'HER-2013', 'her-2013%20', 'her_2013', 'a'.repeat(201)])(
    'answers 404 for the draft or unknown slug %s',
    async (slug) => {
      const res = await app.http().get(`${API}/reviews/${slug}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        data: null,
        error: { status: 404, name: 'NotFoundError', message: expect.any(String), details: {} },
      });
    }
  );

  it('serves the published version while newer changes wait in a draft', async () => {
    const review = await createReview(app, { title: 'Published Then Edited', movieYear: 1999 });
    await app.strapi
      .documents(REVIEW)
      .update({ documentId: review.documentId, data: { title: 'Secret unpublished edit' } as never });
    const res = await app.http().get(`${API}/reviews/${review.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Published Then Edited');
    const listed = await list('q=secret');
    expect(listed.body.data).toEqual([]);
    await app.strapi.documents(REVIEW).delete({ documentId: review.documentId });
  });

  it("returns the author's avatar as an image, in lists and in the detail", async () => {
    const file = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { mime: 'image/jpeg' } })) as {
      id: number;
      url: string;
      alternativeText: string | null;
    };
    const review = await createReview(app, {
      title: 'With Avatar',
      movieYear: 1960,
      authorName: 'Pic Author',
      authorBio: 'Has a face',
      authorAvatar: file.id,
    });
    try {
      const detail = await app.http().get(`${API}/reviews/${review.slug}`);
      expect(detail.body.data.author).toEqual({
        name: 'Pic Author',
        slug: 'pic-author',
        bio: 'Has a face',
        links: [],
        avatar: {
          url: file.url,
          width: 1280,
          height: 544,
          mime: 'image/jpeg',
          alternativeText: file.alternativeText,
          formats: expect.objectContaining({
            thumbnail: expect.objectContaining({ url: expect.stringMatching(/^\/uploads\/thumbnail_/) }),
          }),
        },
      });
      const listed = await list('filters[movie][year]=1960');
      expect(listed.body.data[0].author).toEqual(detail.body.data.author);
      expect(Object.keys(detail.body.data.author.avatar).sort()).toEqual([
        'alternativeText',
        'formats',
        'height',
        'mime',
        'url',
        'width',
      ]);
    } finally {
      await app.strapi.documents(REVIEW).delete({ documentId: review.documentId });
    }
  });

  it('drops a still whose file was deleted instead of failing', async () => {
    const review = await createReview(app, { title: 'Lost Still', movieYear: 1961 });
    const file = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { mime: 'image/jpeg' } })) as {
      id: number;
    };
    await app.strapi.db.query(REVIEW).updateMany({
      where: { documentId: review.documentId },
      data: {
        stills: [
          { file: 987654321, alt: 'gone' },
          { file: file.id, alt: 'still here' },
        ],
      },
    });
    try {
      const detail = await app.http().get(`${API}/reviews/${review.slug}`);
      expect(detail.status).toBe(200);
      expect(detail.body.data.stills.map((s: { alt: string }) => s.alt)).toEqual(['still here']);
      const listed = await list('filters[movie][year]=1961');
      expect(listed.body.data[0].stills.map((s: { alt: string }) => s.alt)).toEqual(['still here']);
    } finally {
      await app.strapi.documents(REVIEW).delete({ documentId: review.documentId });
    }
  });

  it('takes no query parameters', async () => {
    expectValidationError(await app.http().get(`${API}/reviews/her-2013?populate=*`), ['populate']);
    expectValidationError(await app.http().get(`${API}/reviews/her-2013?status=draft`), ['status']);
  });
});

describe('caching headers', () => {
  const paths = [`${API}/reviews`, `${API}/reviews/her-2013`, `${API}/reviews/her-2013/comments`];

  it.each(paths)('sends ETag and Cache-Control on %s, and 304 for a matching If-None-Match', async (path) => {
    const first = await app.http().get(path);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await app.http().get(path);
    expect(again.headers.etag).toBe(first.headers.etag);
    const notModified = await app.http().get(path).set('If-None-Match', first.headers.etag);
    expect(notModified.status).toBe(304);
    expect(notModified.text ?? '').toBe('');
    const other = await app.http().get(path).set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
  });

  it('gives different ETags to different responses', async () => {
    const a = await list('pageSize=1');
    const b = await list('pageSize=2');
    expect(a.headers.etag).not.toBe(b.headers.etag);
  });

  it('does not mark errors as cacheable', async () => {
    const res = await app.http().get(`${API}/reviews/no-such-review`);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control'] ?? '').not.toMatch(/public/);
  });

  it('uses the cache max-age from the settings, without a restart', async () => {
    await settingsService(app).set({ cacheMaxAge: 300 });
    try {
      expect((await list()).headers['cache-control']).toBe('public, max-age=300');
    } finally {
      await settingsService(app).set({ cacheMaxAge: 60 });
    }
    expect((await list()).headers['cache-control']).toBe('public, max-age=60');
  });

  it('changes the ETag when the published review changes, not when a draft is saved', async () => {
    const review = await createReview(app, { title: 'Etag Watch', movieYear: 1990 });
    const path = `${API}/reviews/${review.slug}`;
    const before = (await app.http().get(path)).headers.etag;
    await app.strapi
      .documents(REVIEW)
      .update({ documentId: review.documentId, data: { movieDirector: 'Draft director' } as never });
    expect((await app.http().get(path)).headers.etag).toBe(before);
    await app.strapi.documents(REVIEW).publish({ documentId: review.documentId });
    const after = await app.http().get(path);
    expect(after.body.data.movie.director).toBe('Draft director');
    expect(after.headers.etag).not.toBe(before);
    await app.strapi.documents(REVIEW).delete({ documentId: review.documentId });
  });

  it('changes the ETag when a file of the review changes', async () => {
    const path = `${API}/reviews/her-2013`;
    const first = await app.http().get(path);
    const fileUrl = first.body.data.stills[0].image.url as string;
    const file = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { url: fileUrl } })) as {
      id: number;
    };
    await app.strapi.db
      .query('plugin::upload.file')
      .update({ where: { id: file.id }, data: { url: `${fileUrl}?v=2` } });
    try {
      const second = await app.http().get(path);
      expect(second.body.data.stills[0].image.url).toBe(`${fileUrl}?v=2`);
      expect(second.headers.etag).not.toBe(first.headers.etag);
    } finally {
      await app.strapi.db.query('plugin::upload.file').update({ where: { id: file.id }, data: { url: fileUrl } });
    }
  });

  it.each(['one at a time', 'many at a time'])(
    'changes the ETag when a file the review shows is deleted (%s), and answers 200 to the old one',
    async (how) => {
      const file = await uploadFile(app.strapi, `etag-still-${how.split(' ')[0]}.png`);
      // A newer file: deleting the still does not change the latest updatedAt of the files.
      const newer = await uploadFile(app.strapi, `etag-newer-${how.split(' ')[0]}.png`);
      const review = await createReview(app, {
        title: `Etag Still ${how}`,
        stills: [{ file: file.id, alt: 'about to go', caption: null }],
      });
      const path = `${API}/reviews/${review.slug}`;
      try {
        const first = await app.http().get(path);
        expect(first.body.data.stills).toHaveLength(1);
        expect((await app.http().get(path).set('If-None-Match', first.headers.etag)).status).toBe(304);
        if (how === 'one at a time') await deleteFile(app.strapi, file.id);
        else await app.strapi.db.query('plugin::upload.file').deleteMany({ where: { id: { $in: [file.id] } } });
        const after = await app.http().get(path).set('If-None-Match', first.headers.etag);
        expect(after.status).toBe(200);
        expect(after.body.data.stills).toEqual([]);
        expect(after.headers.etag).not.toBe(first.headers.etag);
      } finally {
        await app.strapi.documents(REVIEW).delete({ documentId: review.documentId });
        await deleteFile(app.strapi, newer.id);
      }
    }
  );

  it('changes the ETags when an approved comment appears, not for a pending one', async () => {
    const detail = `${API}/reviews/her-2013`;
    const comments = `${API}/reviews/her-2013/comments`;
    const before = {
      detail: (await app.http().get(detail)).headers.etag,
      comments: (await app.http().get(comments)).headers.etag,
    };
    const pending = await createComment(app, herDocumentId, {
      moderationStatus: 'pending',
      content: 'Waiting in the queue',
    });
    expect((await app.http().get(detail)).headers.etag).toBe(before.detail);
    expect((await app.http().get(comments)).headers.etag).toBe(before.comments);
    await app.strapi
      .documents(COMMENT)
      .update({ documentId: pending.documentId, data: { moderationStatus: 'approved' } as never });
    expect((await app.http().get(detail)).headers.etag).not.toBe(before.detail);
    expect((await app.http().get(comments)).headers.etag).not.toBe(before.comments);
    await app.strapi.documents(COMMENT).delete({ documentId: pending.documentId });
    expect((await app.http().get(detail)).headers.etag).toBe(before.detail);
  });
});

describe('no other way in', () => {
  it.each([
    ['GET', `${API}/movie-reviews`],
    ['GET', `${API}/movie-review`],
    ['GET', `${API}/comments`],
    ['GET', '/api/movie-reviews'],
    ['GET', '/api/comments'],
    ['POST', `${API}/reviews`],
    ['PUT', `${API}/reviews/her-2013`],
    ['DELETE', `${API}/reviews/her-2013`],
    ['DELETE', `${API}/reviews/her-2013/comments`],
  ])('has no generic route %s %s', async (method, path) => {
    const agent = app.http();
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const res = await agent[verb](path).send({});
    expect([404, 405]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toMatch(/Unfinished Draft|example\.com/);
  });

  it('grants the Public role exactly the plugin actions of its public routes', async () => {
    const role = (await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } })) as { id: number };
    const perms = (await app.strapi.db.query('plugin::users-permissions.permission').findMany({
      where: { role: role.id, action: { $startsWith: 'plugin::movie-reviews.' } },
    })) as Array<{ action: string }>;
    expect(perms.map((p) => p.action).sort()).toEqual(
      [
        ...['comments', 'createComment', 'find', 'findOne', 'related', 'reportComment'].map(
          (a) => `plugin::movie-reviews.reviews.${a}`
        ),
        'plugin::movie-reviews.authors.findOne',
      ].sort()
    );
  });
});

describe('bounded queries', () => {
  beforeAll(async () => {
    const her = (await app.strapi.db
      .query(REVIEW)
      .findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } })) as {
      stills: unknown;
    };
    for (let i = 0; i < 40; i += 1) {
      await createReview(app, {
        title: `Bulk ${i}`,
        movieYear: 1950 + i,
        rating: (i % 20) / 2,
        tags: ['bulk', i % 2 ? 'odd' : 'even'],
        stills: her.stills,
        movieCast: [{ actor: `Actor ${i}` }],
      });
    }
  });

  it.each([
    ['the default list', ''],
    ['sorted by rating', 'sort=rating:desc&'],
    ['filtered by tag', 'filters[tags]=bulk&'],
    ['searched and filtered', 'q=bulk&filters[movie][year][$gte]=1950&sort=movie.year:asc&'],
  ])('runs as many queries for 1 as for 40 reviews (%s)', async (_label, query) => {
    await list(`${query}pageSize=2`); // warm-up: caches and pool connections
    const one = await countQueries(app, async () =>
      expect((await list(`${query}pageSize=1`)).body.data).toHaveLength(1)
    );
    const forty = await countQueries(app, async () =>
      expect((await list(`${query}pageSize=40`)).body.data.length).toBeGreaterThanOrEqual(20)
    );
    expect(forty).toBe(one);
    expect(one).toBeLessThanOrEqual(12);
  });

  it('expands every still of a page', async () => {
    const res = await list('filters[tags]=bulk&pageSize=40');
    expect(res.body.data).toHaveLength(40);
    for (const review of res.body.data) expect(review.stills).toHaveLength(3);
  });

  it('runs a fixed number of queries for the detail', async () => {
    const n = await countQueries(app, async () =>
      expect((await app.http().get(`${API}/reviews/bulk-0-1950`)).status).toBe(200)
    );
    expect(n).toBeLessThanOrEqual(12);
  });
});
