/**
 * strapi-plugin-movie-reviews/client on the routes built alongside it: related
 * reviews, author pages and reader reports of comments, in the shapes agreed for
 * them (README, REST). Against the real demo app over HTTP.
 */
import { createMovieReviewsClient, MovieReviewsApiError, type MovieReviewsClient } from 'strapi-plugin-movie-reviews/client';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createReview, listen } from '../helpers/fixtures';

let app: TestApp;
let api: MovieReviewsClient;

const rejection = async (promise: Promise<unknown>): Promise<MovieReviewsApiError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MovieReviewsApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  api = createMovieReviewsClient({ baseUrl: (await listen(app)).url });
});

afterAll(async () => {
  await app?.close();
});

describe('relatedReviews', () => {
  it('returns other published reviews as summaries, never the review itself or a draft', async () => {
    await createReview(app, { title: 'Lost in Translation', movieYear: 2003, tags: ['romance'] });
    await createReview(app, { title: 'Unpublished Neighbour', movieYear: 2013, tags: ['romance'] }, { publish: false });
    const { data } = await api.relatedReviews('her-2013', { limit: 12 });
    expect(data.length).toBeGreaterThan(0);
    expect(data.map((r) => r.slug)).not.toContain('her-2013');
    expect(data.map((r) => r.title)).not.toContain('Unpublished Neighbour');
    expect(data.every((r) => !('body' in r))).toBe(true);
  });

  it('honours the limit and refuses one outside 1 to 12 with a 400', async () => {
    await createReview(app, { title: 'Another Romance', movieYear: 2010, tags: ['romance'] });
    const { data } = await api.relatedReviews('her-2013', { limit: 1 });
    expect(data).toHaveLength(1);
    const error = await rejection(api.relatedReviews('her-2013', { limit: 13 }));
    expect(error.status).toBe(400);
  });

  it('answers an unknown slug with a 404 error', async () => {
    expect((await rejection(api.relatedReviews('no-such-review'))).status).toBe(404);
  });
});

describe('getAuthor', () => {
  it("returns the author of the seeded review with links and their published reviews, paginated", async () => {
    const { data: review } = await api.getReview('her-2013');
    const author = review.author as typeof review.author & { slug: string; links: Array<{ label: string; url: string }> };
    expect(typeof author.slug).toBe('string');
    const page = await api.getAuthor(author.slug, { page: 1, pageSize: 5 });
    expect(page.data.author).toMatchObject({ name: author.name, slug: author.slug });
    expect(Array.isArray((page.data.author as typeof author).links)).toBe(true);
    expect(page.data.reviews.map((r) => r.slug)).toContain('her-2013');
    expect(page.meta.pagination).toMatchObject({ page: 1, pageSize: 5 });
  });

  it('answers an unknown author with a 404 error', async () => {
    expect((await rejection(api.getAuthor('nobody-by-this-name'))).status).toBe(404);
  });
});

describe('reportComment', () => {
  it('reports an approved comment: 201 the first time, 200 on a repeat, both { comment, reported: true }', async () => {
    const { data: comments } = await api.listComments('her-2013');
    const target = comments[0].documentId;
    const first = await api.reportComment('her-2013', target, { reason: 'spoiler', note: 'Gives away the ending.' });
    expect(first.data).toEqual({ comment: target, reported: true });
    const again = await api.reportComment('her-2013', target, { reason: 'spoiler' });
    expect(again.data).toEqual({ comment: target, reported: true });
  });

  it('refuses an unknown reason or a note over 500 characters with a 400 naming the field', async () => {
    const { data: comments } = await api.listComments('her-2013');
    const target = comments[0].documentId;
    const reason = await rejection(api.reportComment('her-2013', target, { reason: 'boring' as 'other' }));
    expect(reason.status).toBe(400);
    expect(JSON.stringify(reason.details)).toMatch(/reason/);
    const note = await rejection(api.reportComment('her-2013', target, { reason: 'other', note: 'x'.repeat(501) }));
    expect(note.status).toBe(400);
  });

  it('answers a comment that is not on this review with a 404 error', async () => {
    expect((await rejection(api.reportComment('her-2013', 'nosuchcomment000000000000', { reason: 'spam' }))).status).toBe(404);
  });
});
