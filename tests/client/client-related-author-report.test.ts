/**
 * strapi-plugin-movie-reviews/client against the real demo app over HTTP, for the
 * routes added with issue 12: `relatedReviews` (limit, 404, 400, ETag
 * revalidation) and `reportComment` (first report, repeat, typed errors).
 * `getAuthor` is covered here once the authors route exists on the server.
 */
import {
  createEtagCache,
  createMovieReviewsClient,
  MovieReviewsApiError,
  type FetchLike,
} from 'strapi-plugin-movie-reviews/client';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createComment, createReview, listen } from '../helpers/fixtures';

const REPORT = 'plugin::movie-reviews.comment-report';

let app: TestApp;
let baseUrl: string;
let source: { slug: string; documentId: string };
let near: { slug: string };
let far: { slug: string };

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
};

const recordingFetch = () => {
  const statuses: number[] = [];
  const doFetch: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  return { statuses, fetch: doFetch };
};

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  baseUrl = (await listen(app)).url;
  source = await createReview(app, {
    title: 'Client Source',
    movieDirector: 'Céline Sciamma',
    tags: ['coming of age'],
  });
  far = await createReview(app, { title: 'Client Far', tags: ['coming of age'] });
  near = await createReview(app, {
    title: 'Client Near',
    movieDirector: 'Céline Sciamma',
    tags: ['coming of age'],
  });
});

afterAll(async () => {
  await app?.close();
});

describe('relatedReviews', () => {
  it('returns the related published reviews, most shared first, and honours limit', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const all = await api.relatedReviews(source.slug);
    expect(all.data.map((r) => r.slug)).toEqual([near.slug, far.slug]);
    expect(all.data[0].movie.director).toBe('Céline Sciamma');
    const one = await api.relatedReviews(source.slug, { limit: 1 });
    expect(one.data.map((r) => r.slug)).toEqual([near.slug]);
  });

  it('throws a 404 for an unknown slug and a 400 naming limit when it is out of range', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const missing = (await rejection(api.relatedReviews('no-such-review'))) as MovieReviewsApiError;
    expect(missing).toBeInstanceOf(MovieReviewsApiError);
    expect(missing.status).toBe(404);
    const bad = (await rejection(api.relatedReviews(source.slug, { limit: 13 }))) as MovieReviewsApiError;
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors.map((e) => e.path)).toEqual([['limit']]);
  });

  it('revalidates with the kept ETag and reuses the body on a 304', async () => {
    const { statuses, fetch } = recordingFetch();
    const api = createMovieReviewsClient({ baseUrl, fetch, etagCache: createEtagCache() });
    const first = await api.relatedReviews(source.slug, { limit: 2 });
    const second = await api.relatedReviews(source.slug, { limit: 2 });
    expect(statuses).toEqual([200, 304]);
    expect(second).toEqual(first);
  });
});

describe('reportComment', () => {
  it('reports a comment once; a repeat answers the same and stores nothing more', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const comment = await createComment(app, source.documentId);
    const first = await api.reportComment(source.slug, comment.documentId, { reason: 'spoiler', note: 'The ending' });
    expect(first).toEqual({ data: { comment: comment.documentId, reported: true } });
    const again = await api.reportComment(source.slug, comment.documentId, { reason: 'spam' });
    expect(again).toEqual(first);
    const rows = (await app.strapi.db
      .query(REPORT)
      .findMany({ where: { commentDocumentId: comment.documentId } })) as Array<{
      reason: string;
      note: string;
    }>;
    expect(rows).toEqual([expect.objectContaining({ reason: 'spoiler', note: 'The ending' })]);
  });

  it('throws typed errors: 400 for a reason not in the list, 404 for a comment the public cannot see', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const pending = await createComment(app, source.documentId, { moderationStatus: 'pending' });
    const visible = await createComment(app, source.documentId);
    const bad = (await rejection(
      // The typed input forbids it; a JavaScript caller can still send it.
      api.reportComment(source.slug, visible.documentId, { reason: 'boring' } as unknown as { reason: 'other' })
    )) as MovieReviewsApiError;
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors.map((e) => e.path)).toEqual([['reason']]);
    const hidden = (await rejection(
      api.reportComment(source.slug, pending.documentId, { reason: 'abuse' })
    )) as MovieReviewsApiError;
    expect(hidden.status).toBe(404);
    expect(hidden.errorName).toBe('NotFoundError');
  });
});
