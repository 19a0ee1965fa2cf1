/**
 * The cast, tags, locations, year and rating custom fields through the real
 * Strapi: bad values are a 400 naming the field path on the Content Manager's
 * API and a ValidationError from `strapi.documents()`, with nothing stored or
 * changed; good values are stored normalised and read back in the public
 * shape. Plus the admin route that suggests existing tags.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { expectFieldError } from './helpers/field-error';
import { bearer, limitedAdminToken } from '../admin/helpers';

const REVIEW = 'plugin::movie-reviews.movie-review';
const CM = `/content-manager/collection-types/${REVIEW}`;
const SUGGEST = '/movie-reviews/tags/suggest';

let app: TestApp;
let token: string;
let target: string;

const baseReview = (overrides: Record<string, unknown> = {}) => ({
  title: 'List fields test',
  movieTitle: 'Some Film',
  movieYear: 2001,
  authorName: 'Tester',
  ...overrides,
});

type Row = Record<string, unknown>;
const FIELDS = ['movieCast', 'tags', 'filmingLocations', 'movieYear', 'rating'] as const;
type Field = (typeof FIELDS)[number];

/** Every row (draft and published) of a document, with the fields a bad write must not touch. */
const rowsOf = async (documentId: string) =>
  ((await app.strapi.db.query(REVIEW).findMany({ where: { documentId }, orderBy: { id: 'asc' } })) as Row[]).map(
    (r) => ({
      id: r.id,
      movieCast: r.movieCast,
      tags: r.tags,
      filmingLocations: r.filmingLocations,
      movieYear: r.movieYear,
      rating: r.rating === null ? null : Number(r.rating),
      updatedAt: String(r.updatedAt),
    })
  );

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
  const res = await app
    .http()
    .post(CM)
    .set(bearer(token))
    .send(
      baseReview({
        title: 'Target of bad list updates',
        movieCast: [{ actor: 'Joaquin Phoenix', character: 'Theodore Twombly' }],
        tags: ['drama', 'Romance'],
        filmingLocations: ['Shanghai'],
        rating: 8.5,
      })
    );
  expect(res.status).toBe(201);
  target = res.body.data.documentId;
});

afterAll(async () => {
  await app?.close();
});

type Case = [label: string, field: Field, value: unknown, path: string];

const cases: Case[] = [
  // cast
  ['cast as a string', 'movieCast', 'Joaquin Phoenix as Theodore', 'movieCast'],
  ['cast row without actor', 'movieCast', [{ character: 'Theodore' }], 'movieCast.0.actor'],
  ['cast row with a blank actor', 'movieCast', [{ actor: '  ', character: 'x' }], 'movieCast.0.actor'],
  ['cast row with an unknown key', 'movieCast', [{ actor: 'A', role: 'lead' }], 'movieCast.0'],
  ['cast actor over 200 characters', 'movieCast', [{ actor: 'a'.repeat(201) }], 'movieCast.0.actor'],
  [
    'cast character over 200 characters',
    'movieCast',
    [{ actor: 'A', character: 'c'.repeat(201) }],
    'movieCast.0.character',
  ],
  ['cast actor with a control character', 'movieCast', [{ actor: 'A\u0000B' }], 'movieCast.0.actor'],
  [
    'second cast row bad',
    'movieCast',
    [{ actor: 'Joaquin Phoenix' }, { actor: 'Amy Adams', character: 7 }],
    'movieCast.1.character',
  ],
  ['101 cast rows', 'movieCast', Array.from({ length: 101 }, (_, i) => ({ actor: `Actor ${i}` })), 'movieCast'],
  // tags
  ['tags as a string', 'tags', 'drama, romance', 'tags'],
  ['a tag that is a number', 'tags', ['drama', 7], 'tags.1'],
  ['an empty tag', 'tags', [' '], 'tags.0'],
  ['a tag over 50 characters', 'tags', ['t'.repeat(51)], 'tags.0'],
  ['a tag with markup', 'tags', ['<b>drama</b>'], 'tags.0'],
  ['21 tags', 'tags', Array.from({ length: 21 }, (_, i) => `tag ${i}`), 'tags'],
  // locations
  ['locations as an object', 'filmingLocations', { city: 'Shanghai' }, 'filmingLocations'],
  ['a location that is not text', 'filmingLocations', ['Shanghai', { city: 'LA' }], 'filmingLocations.1'],
  ['a blank location', 'filmingLocations', ['\u200b'], 'filmingLocations.0'],
  ['a location over 200 characters', 'filmingLocations', ['l'.repeat(201)], 'filmingLocations.0'],
  ['51 locations', 'filmingLocations', Array.from({ length: 51 }, (_, i) => `Place ${i}`), 'filmingLocations'],
  // year
  ['year before cinema', 'movieYear', 1887, 'movieYear'],
  ['year after 2100', 'movieYear', 2101, 'movieYear'],
  ['year not whole', 'movieYear', 2013.5, 'movieYear'],
  ['year with a thousands separator', 'movieYear', '2,013', 'movieYear'],
  ['year as words', 'movieYear', 'twenty thirteen', 'movieYear'],
  // rating
  ['rating above 10', 'rating', 10.5, 'rating'],
  ['rating below 0', 'rating', -0.5, 'rating'],
  ['rating off the 0.5 step', 'rating', 7.3, 'rating'],
  ['rating as words', 'rating', 'great', 'rating'],
  ['rating as an object', 'rating', { value: 7 }, 'rating'],
];

describe('bad list, year and rating values through the Content Manager', () => {
  it(`covers every field with ${cases.length} bad values`, () => {
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(FIELDS));
  });

  it.each(cases)('create with %s: 400 naming the field, nothing stored', async (_label, field, value, path) => {
    const before = await app.strapi.db.query(REVIEW).count();
    const res = await app
      .http()
      .post(CM)
      .set(bearer(token))
      .send(baseReview({ [field]: value }));
    expectFieldError(res, path);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
  });

  it.each(cases)('update with %s: 400 naming the field, entry unchanged', async (_label, field, value, path) => {
    const before = await rowsOf(target);
    const res = await app
      .http()
      .put(`${CM}/${target}`)
      .set(bearer(token))
      .send({ [field]: value });
    expectFieldError(res, path);
    expect(await rowsOf(target)).toEqual(before);
  });
});

describe('bad list, year and rating values through strapi.documents()', () => {
  it.each(cases)('create with %s: ValidationError naming the field, nothing stored', async (_l, field, value, path) => {
    const before = await app.strapi.db.query(REVIEW).count();
    const error = await app.strapi
      .documents(REVIEW)
      .create({ data: baseReview({ [field]: value }) as never })
      .then(
        () => null,
        (e: unknown) => e as { name: string; details: { errors: Array<{ path: string[] }> } }
      );
    expect(error?.name).toBe('ValidationError');
    expect(error?.details.errors.map((e) => e.path.join('.'))).toContain(path);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
  });

  it('refuses a bad value on update and keeps the stored one', async () => {
    const before = await rowsOf(target);
    await expect(
      app.strapi.documents(REVIEW).update({ documentId: target, data: { rating: 11 } as never })
    ).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await rowsOf(target)).toEqual(before);
  });
});

describe('good values', () => {
  it('stores them normalised: empty characters as null, duplicate tags dropped, digits as numbers', async () => {
    const res = await app
      .http()
      .post(CM)
      .set(bearer(token))
      .send(
        baseReview({
          title: 'Normalised list fields',
          movieYear: '2013',
          movieCast: [
            { actor: ' Joaquin Phoenix ', character: 'Theodore Twombly' },
            { actor: 'Scarlett Johansson', character: '' },
            { actor: 'Amy Adams' },
          ],
          tags: ['Drama', 'drama', ' romance ', 'DRAMA'],
          filmingLocations: ['Shanghai', 'Los Angeles', 'shanghai'],
          rating: '7.5',
        })
      );
    expect(res.status).toBe(201);
    const [row] = await rowsOf(res.body.data.documentId);
    expect(row).toMatchObject({
      movieYear: 2013,
      movieCast: [
        { actor: 'Joaquin Phoenix', character: 'Theodore Twombly' },
        { actor: 'Scarlett Johansson', character: null },
        { actor: 'Amy Adams', character: null },
      ],
      tags: ['Drama', 'romance'],
      filmingLocations: ['Shanghai', 'Los Angeles'],
      rating: 7.5,
    });
  });

  it('stores empty lists as null', async () => {
    const created = await app.strapi.documents(REVIEW).create({
      data: baseReview({ title: 'Empty lists', movieCast: [], tags: [], filmingLocations: [] }) as never,
    });
    const [row] = await rowsOf(created.documentId);
    expect(row).toMatchObject({ movieCast: null, tags: null, filmingLocations: null });
  });

  it('reads back in the public shape: cast rows with character null, string lists, plain numbers', async () => {
    const created = await app.strapi.documents(REVIEW).create({
      data: baseReview({
        title: 'Public list fields',
        movieYear: 2013,
        movieCast: [{ actor: 'Rooney Mara', character: 'Catherine' }, { actor: 'Olivia Wilde' }],
        tags: ['sci-fi', 'love'],
        filmingLocations: ['Shanghai'],
        rating: 9,
      }) as never,
    });
    await app.strapi.documents(REVIEW).publish({ documentId: created.documentId });
    const slug = (await app.strapi.db.query(REVIEW).findOne({ where: { documentId: created.documentId } })) as Row;
    const res = await app.http().get(`/api/movie-reviews/reviews/${String(slug.slug)}`);
    expect(res.status).toBe(200);
    expect(res.body.data.movie).toMatchObject({
      year: 2013,
      cast: [
        { actor: 'Rooney Mara', character: 'Catherine' },
        { actor: 'Olivia Wilde', character: null },
      ],
    });
    expect(res.body.data.tags).toEqual(['sci-fi', 'love']);
    expect(res.body.data.filmingLocations).toEqual(['Shanghai']);
    expect(res.body.data.rating).toBe(9);
  });
});

describe('GET /movie-reviews/tags/suggest', () => {
  beforeAll(async () => {
    const docs = app.strapi.documents(REVIEW);
    await docs.create({ data: baseReview({ title: 'Tagged 1', tags: ['Romance', 'Rome', 'noir'] }) as never });
    await docs.create({ data: baseReview({ title: 'Tagged 2', tags: ['romance', 'Heist'] }) as never });
    await docs.create({ data: baseReview({ title: 'Tagged 3', tags: ['dark romance'] }) as never });
  });

  it('suggests tags in use, starting with the query first, then containing it, most used first', async () => {
    const res = await app.http().get(SUGGEST).query({ q: 'rom' }).set(bearer(token));
    expect(res.status).toBe(200);
    const tags = (res.body.data as Array<{ tag: string; count: number }>).map((s) => s.tag.toLowerCase());
    // "romance" is on 4 reviews (the target, two tagged ones, the normalised one: any case), "rome" on 1.
    expect(tags.slice(0, 2)).toEqual(['romance', 'rome']);
    expect(tags).toContain('dark romance');
    expect(tags.indexOf('dark romance')).toBeGreaterThan(tags.indexOf('rome'));
    expect(tags).not.toContain('noir');
    const romance = (res.body.data as Array<{ tag: string; count: number }>).find(
      (s) => s.tag.toLowerCase() === 'romance'
    );
    expect(romance?.count).toBeGreaterThanOrEqual(3);
  });

  it('matches whatever the case of the query and answers an unmatched query with an empty list', async () => {
    const res = await app.http().get(SUGGEST).query({ q: 'HEI' }).set(bearer(token));
    expect(res.body.data).toEqual([{ tag: 'Heist', count: 1 }]);
    const none = await app.http().get(SUGGEST).query({ q: 'zzzz' }).set(bearer(token));
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
  });

  it('returns at most `limit` suggestions, 10 at most', async () => {
    await app.strapi.documents(REVIEW).create({
      data: baseReview({ title: 'Many tags', tags: Array.from({ length: 15 }, (_, i) => `bulk ${i}`) }) as never,
    });
    const three = await app.http().get(SUGGEST).query({ q: 'bulk', limit: 3 }).set(bearer(token));
    expect(three.body.data).toHaveLength(3);
    const all = await app.http().get(SUGGEST).query({ q: 'bulk' }).set(bearer(token));
    expect(all.body.data).toHaveLength(10);
  });

  it.each([
    ['a limit over 10', { q: 'a', limit: 11 }, 'query.limit'],
    ['a limit of 0', { q: 'a', limit: 0 }, 'query.limit'],
    ['a limit that is not a number', { q: 'a', limit: 'ten' }, 'query.limit'],
    ['a query over 50 characters', { q: 'q'.repeat(51) }, 'query.q'],
    ['an unknown parameter', { q: 'a', where: 'tags' }, 'query'],
  ])('answers %s with a 400 naming the parameter', async (_label, query, path) => {
    const res = await app.http().get(SUGGEST).query(query).set(bearer(token));
    expectFieldError(res, path);
  });

  it('answers a repeated q with a 400', async () => {
    const res = await app.http().get(`${SUGGEST}?q=a&q=b`).set(bearer(token));
    expectFieldError(res, 'query.q');
  });

  it('is for signed-in admins only: 401 without a token', async () => {
    const res = await app.http().get(SUGGEST).query({ q: 'rom' });
    expect(res.status).toBe(401);
  });

  it('answers 403 to a role that cannot read reviews, 200 to one that can', async () => {
    const cannot = await limitedAdminToken(app, [{ action: 'plugin::movie-reviews.moderate' }]);
    const refused = await app.http().get(SUGGEST).query({ q: 'rom' }).set(bearer(cannot));
    expect(refused.status).toBe(403);
    expect(refused.body.data).toBeNull();

    const can = await limitedAdminToken(app, [{ action: 'plugin::content-manager.explorer.read', subject: REVIEW }]);
    const allowed = await app.http().get(SUGGEST).query({ q: 'rom' }).set(bearer(can));
    expect(allowed.status).toBe(200);
    expect(Array.isArray(allowed.body.data)).toBe(true);
  });
});
