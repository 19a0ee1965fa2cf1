import { startStrapi, type TestApp } from '../helpers/strapi';

const REVIEW = 'plugin::movie-reviews.movie-review';
const COMMENT = 'plugin::movie-reviews.comment';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: false });
});
afterAll(async () => {
  await app?.close();
});

const validReview = (overrides: Record<string, unknown> = {}) => ({
  title: 'A review',
  movieTitle: 'Some Film',
  movieYear: 2001,
  authorName: 'Tester',
  ...overrides,
});

type UpdateData = Parameters<ReturnType<TestApp['strapi']['documents']>['update']>[0]['data'];

/** A partial update of a review, typed loosely: the tests send wrong values on purpose. */
const updateReview = (documentId: string, data: Record<string, unknown>) =>
  app.strapi.documents(REVIEW).update({ documentId, data: data as UpdateData });

/** Runs a document-service write and returns the thrown error (or fails when nothing is thrown). */
const rejectionOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return error as { name: string; message: string; details?: { errors?: Array<{ path: string[] }> } };
  }
  throw new Error('expected the write to be rejected');
};

describe('schemas', () => {
  it('registers both content types with the contract uids and options', () => {
    const review = app.strapi.contentType(REVIEW);
    const comment = app.strapi.contentType(COMMENT);
    expect(review.options?.draftAndPublish).toBe(true);
    expect(comment.options?.draftAndPublish).toBe(false);
    for (const field of [
      'title',
      'slug',
      'movieTitle',
      'movieYear',
      'movieCast',
      'movieImdbId',
      'synopsis',
      'body',
      'stills',
      'filmingLocations',
      'song',
      'rating',
      'authorName',
      'authorBio',
      'authorAvatar',
      'tags',
    ]) {
      expect(review.attributes).toHaveProperty(field);
    }
    expect(comment.attributes.authorEmail).toMatchObject({ private: true });
    expect(comment.attributes.ip).toMatchObject({ private: true });
    expect(comment.attributes.userAgent).toMatchObject({ private: true });
    expect(comment.attributes.moderationStatus).toMatchObject({
      enum: ['pending', 'approved', 'rejected', 'spam'],
      default: 'pending',
    });
  });

  it('stores the three custom fields as JSON and registers them', () => {
    const attrs = app.strapi.contentType(REVIEW).attributes as Record<string, { type: string; customField?: string }>;
    expect(attrs.synopsis).toMatchObject({ type: 'json', customField: 'plugin::movie-reviews.synopsis' });
    expect(attrs.stills).toMatchObject({ type: 'json', customField: 'plugin::movie-reviews.stills' });
    expect(attrs.song).toMatchObject({ type: 'json', customField: 'plugin::movie-reviews.song-embed' });
    for (const name of ['synopsis', 'stills', 'song-embed']) {
      expect(app.strapi.get('custom-fields').get(`plugin::movie-reviews.${name}`)).toBeDefined();
    }
  });
});

describe('slugs', () => {
  it('generates a slug from title and year when none is given', async () => {
    const doc = await app.strapi
      .documents(REVIEW)
      .create({ data: validReview({ title: 'Crème Brûlée: A Study!', movieYear: 1999 }) });
    expect(doc.slug).toBe('creme-brulee-a-study-1999');
  });

  it('makes generated slugs unique', async () => {
    const a = await app.strapi.documents(REVIEW).create({ data: validReview({ title: 'Twin', movieYear: 2010 }) });
    const b = await app.strapi.documents(REVIEW).create({ data: validReview({ title: 'Twin', movieYear: 2010 }) });
    expect(a.slug).toBe('twin-2010');
    expect(b.slug).toBe('twin-2010-2');
  });

  it('rejects an explicit slug that another review uses, and stores nothing', async () => {
    const before = await app.strapi.db.query(REVIEW).count();
    const err = await rejectionOf(() =>
      app.strapi.documents(REVIEW).create({ data: validReview({ slug: 'twin-2010' }) })
    );
    expect(err.name).toBe('ValidationError');
    expect(err.message).toMatch(/slug/);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
  });

  it('keeps the slug stable when the title changes after publishing, and lets editors change it', async () => {
    const doc = await app.strapi.documents(REVIEW).create({ data: validReview({ title: 'Stable', movieYear: 2020 }) });
    await app.strapi.documents(REVIEW).publish({ documentId: doc.documentId });
    const renamed = await updateReview(doc.documentId, { title: 'Renamed entirely' });
    expect(renamed?.slug).toBe('stable-2020');
    const edited = await updateReview(doc.documentId, { slug: 'my-own-slug' });
    expect(edited?.slug).toBe('my-own-slug');
  });

  it('rejects slugs that are not URL-safe', async () => {
    const err = await rejectionOf(() =>
      app.strapi.documents(REVIEW).create({ data: validReview({ slug: 'Not Safe/../x' }) })
    );
    expect(err.message).toMatch(/^slug/);
  });
});

describe('validation on the document service', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['year too early', { movieYear: 1887 }, 'movieYear'],
    ['year too late', { movieYear: 2101 }, 'movieYear'],
    ['year not whole', { movieYear: 2001.5 }, 'movieYear'],
    ['year as text', { movieYear: 'nineteen' }, 'movieYear'],
    ['imdb id without tt', { movieImdbId: '1798709' }, 'movieImdbId'],
    ['imdb id too short', { movieImdbId: 'tt12345' }, 'movieImdbId'],
    ['cast not a list', { movieCast: { actor: 'A' } }, 'movieCast'],
    ['cast member without actor', { movieCast: [{ character: 'B' }] }, 'movieCast.0.actor'],
    ['cast member with unknown key', { movieCast: [{ actor: 'A', role: 'lead' }] }, 'movieCast.0'],
    ['rating off step', { rating: 7.3 }, 'rating'],
    ['rating above 10', { rating: 10.5 }, 'rating'],
    ['rating negative', { rating: -1 }, 'rating'],
    ['title too long', { title: 'x'.repeat(201) }, 'title'],
    ['title blank', { title: '   ' }, 'title'],
    ['filming locations not strings', { filmingLocations: [1, 2] }, 'filmingLocations.0'],
    ['synopsis without text', { synopsis: { source: 'IMDb' } }, 'synopsis.text'],
    ['synopsis with http source url', { synopsis: { text: 'x', sourceUrl: 'http://imdb.com/' } }, 'synopsis.sourceUrl'],
    [
      'song on a look-alike host',
      { song: { url: 'https://youtube.com.evil.example/watch?v=3VKoeVMJN8w' } },
      'song.url',
    ],
    ['stills pointing at a missing file', { stills: [{ file: 999999, alt: 'x' }] }, 'stills.0.file'],
    ['still without alt', { stills: [{ file: 1 }] }, 'stills.0.alt'],
  ];

  it.each(cases)('rejects %s with a ValidationError naming the field', async (_label, patch, field) => {
    const before = await app.strapi.db.query(REVIEW).count();
    const err = await rejectionOf(() => app.strapi.documents(REVIEW).create({ data: validReview(patch) }));
    expect(err.name).toBe('ValidationError');
    expect(err.message.startsWith(field)).toBe(true);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
  });

  it('requires title, movie title, year and author on create', async () => {
    const err = await rejectionOf(() => app.strapi.documents(REVIEW).create({ data: {} }));
    const paths = (err.details?.errors ?? []).map((e) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['title', 'movieTitle', 'movieYear', 'author']));
  });

  it('rejects bad values on update too, and keeps the stored value', async () => {
    const doc = await app.strapi.documents(REVIEW).create({ data: validReview({ rating: 8 }) });
    const err = await rejectionOf(() => updateReview(doc.documentId, { rating: 8.25 }));
    expect(err.message).toMatch(/^rating/);
    const stored = await app.strapi.db.query(REVIEW).findOne({ where: { documentId: doc.documentId } });
    expect(Number(stored.rating)).toBe(8);
  });

  it('accepts a fully filled, valid review', async () => {
    const doc = await app.strapi.documents(REVIEW).create({
      data: validReview({
        movieImdbId: 'tt1798709',
        movieCast: [{ actor: 'Joaquin Phoenix', character: 'Theodore' }, { actor: 'Someone' }],
        rating: 7.5,
        filmingLocations: ['Shanghai'],
        tags: ['drama'],
        synopsis: { text: 'Plain text.', source: 'IMDb', sourceUrl: 'https://www.imdb.com/title/tt1798709/' },
        song: { url: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC', title: 'A song' },
      }),
    });
    expect(doc.song).toMatchObject({ provider: 'spotify', title: 'A song' });
    expect(doc.movieCast).toHaveLength(2);
  });
});

describe('comments', () => {
  it('validates comment writes and refuses a parent from another review', async () => {
    const r1 = await app.strapi.documents(REVIEW).create({ data: validReview() });
    const r2 = await app.strapi.documents(REVIEW).create({ data: validReview() });
    const parent = await app.strapi.documents(COMMENT).create({
      data: { reviewDocumentId: r1.documentId, authorName: 'A', authorEmail: 'a@example.com', content: 'Hi' },
    });
    expect(parent.moderationStatus).toBe('pending');
    const badEmail = await rejectionOf(() =>
      app.strapi
        .documents(COMMENT)
        .create({ data: { reviewDocumentId: r1.documentId, authorName: 'A', authorEmail: 'nope', content: 'x' } })
    );
    expect(badEmail.message).toMatch(/^authorEmail/);
    const crossParent = await rejectionOf(() =>
      app.strapi.documents(COMMENT).create({
        data: {
          reviewDocumentId: r2.documentId,
          parentDocumentId: parent.documentId,
          authorName: 'B',
          authorEmail: 'b@example.com',
          content: 'x',
        },
      })
    );
    expect(crossParent.message).toMatch(/^parentDocumentId/);
    const unknownReview = await rejectionOf(() =>
      app.strapi
        .documents(COMMENT)
        .create({ data: { reviewDocumentId: 'nope', authorName: 'A', authorEmail: 'a@example.com', content: 'x' } })
    );
    expect(unknownReview.message).toMatch(/^reviewDocumentId/);
  });

  it('deletes comments and replies with their review, leaving no orphans', async () => {
    const review = await app.strapi.documents(REVIEW).create({ data: validReview() });
    const top = await app.strapi.documents(COMMENT).create({
      data: {
        reviewDocumentId: review.documentId,
        authorName: 'A',
        authorEmail: 'a@example.com',
        content: 'top',
        moderationStatus: 'approved',
      },
    });
    await app.strapi.documents(COMMENT).create({
      data: {
        reviewDocumentId: review.documentId,
        parentDocumentId: top.documentId,
        authorName: 'B',
        authorEmail: 'b@example.com',
        content: 'reply',
      },
    });
    expect(await app.strapi.db.query(COMMENT).count({ where: { reviewDocumentId: review.documentId } })).toBe(2);
    await app.strapi.documents(REVIEW).delete({ documentId: review.documentId });
    expect(await app.strapi.db.query(COMMENT).count({ where: { reviewDocumentId: review.documentId } })).toBe(0);
  });

  it('deletes the replies of a deleted comment', async () => {
    const review = await app.strapi.documents(REVIEW).create({ data: validReview() });
    const base = { reviewDocumentId: review.documentId, authorName: 'A', authorEmail: 'a@example.com' };
    const top = await app.strapi.documents(COMMENT).create({ data: { ...base, content: 'top' } });
    const reply = await app.strapi
      .documents(COMMENT)
      .create({ data: { ...base, parentDocumentId: top.documentId, content: 'r1' } });
    await app.strapi
      .documents(COMMENT)
      .create({ data: { ...base, parentDocumentId: reply.documentId, content: 'r2' } });
    await app.strapi.documents(COMMENT).delete({ documentId: top.documentId });
    expect(await app.strapi.db.query(COMMENT).count({ where: { reviewDocumentId: review.documentId } })).toBe(0);
  });
});
