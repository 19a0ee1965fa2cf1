/**
 * strapi-plugin-movie-reviews/client against the real demo app over HTTP: the
 * published CommonJS bundle, the reviews list and detail, comments, posting, typed
 * errors (400, 404, 429, no answer) and ETag revalidation.
 */
import {
  createEtagCache,
  createMovieReviewsClient,
  MovieReviewsApiError,
  MovieReviewsNetworkError,
  type FetchLike,
} from 'strapi-plugin-movie-reviews/client';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { COMMENT, listen } from '../helpers/fixtures';
import { freePort } from '../helpers/processes';

let app: TestApp;
let baseUrl: string;

/** A fetch that records what went over the wire, around the real one. */
const recordingFetch = () => {
  const calls: Array<{ url: string; headers: Headers; status: number }> = [];
  const doFetch: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    calls.push({ url: input, headers: new Headers(init?.headers), status: response.status });
    return response;
  };
  return { calls, fetch: doFetch };
};

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
};

const comment = (extra: Record<string, string> = {}) => ({
  authorName: 'Ada',
  authorEmail: 'ada@example.org',
  content: 'The earpiece scenes work better than they should.',
  ...extra,
});

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '8' } });
  baseUrl = (await listen(app)).url;
});

afterAll(async () => {
  await app?.close();
});

describe('listReviews', () => {
  it('returns the published reviews with their pagination, and never the draft', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const page = await api.listReviews();
    expect(page.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 1 });
    expect(page.data.map((r) => r.slug)).toEqual(['her-2013']);
    expect(page.data[0]).not.toHaveProperty('body');
  });

  it('writes filters, sort, search and paging in the query syntax the API reads', async () => {
    const { calls, fetch } = recordingFetch();
    const api = createMovieReviewsClient({ baseUrl, fetch });
    const match = await api.listReviews({
      filters: {
        movie: { year: { $gte: 2010 }, director: { $containsi: 'jonze' } },
        tags: { $in: ['romance', 'sci-fi'] },
      },
      sort: ['rating:desc', 'title'],
      q: 'her',
      pageSize: 5,
    });
    expect(match.data.map((r) => r.slug)).toEqual(['her-2013']);
    expect(match.meta.pagination.pageSize).toBe(5);
    const none = await api.listReviews({ filters: { movie: { year: 1999 } } });
    expect(none.data).toEqual([]);
    expect(decodeURIComponent(calls[0].url)).toContain('filters[tags][$in][1]=sci-fi');
  });

  it('throws a MovieReviewsApiError with the status and the field problems on a 400', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const error = await rejection(api.listReviews({ pageSize: 101 }));
    expect(error).toBeInstanceOf(MovieReviewsApiError);
    const apiError = error as MovieReviewsApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.errorName).toBe('ValidationError');
    expect(apiError.fieldErrors.map((e) => e.path)).toEqual([['pageSize']]);
    expect(apiError.message).toMatch(/pageSize/);
  });
});

describe('getReview', () => {
  it('returns the whole review: body blocks, stills, song embed, JSON-LD and the comment count', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const { data } = await api.getReview('her-2013');
    expect(data.title).toMatch(/^Her/);
    expect(data.body.length).toBeGreaterThan(0);
    expect(data.stills.length).toBeGreaterThan(0);
    expect(data.stills.every((s) => s.alt.length > 0)).toBe(true);
    expect(data.song?.embedUrl).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\//);
    expect(data.structuredData['@type']).toBe('Review');
    expect(data.commentCount).toBe(2);
  });

  it('answers an unknown slug and a draft slug with a 404 error, not a review', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    for (const slug of ['no-such-review', 'the-unfinished-draft-2024']) {
      const error = (await rejection(api.getReview(slug))) as MovieReviewsApiError;
      expect(error).toBeInstanceOf(MovieReviewsApiError);
      expect(error.status).toBe(404);
      expect(error.isNotFound).toBe(true);
      expect(error.errorName).toBe('NotFoundError');
    }
  });

  it('escapes the slug, so a path cannot be smuggled into the URL', async () => {
    const { calls, fetch } = recordingFetch();
    const api = createMovieReviewsClient({ baseUrl, fetch });
    const error = (await rejection(api.getReview('../reviews?x=1'))) as MovieReviewsApiError;
    expect(error.status).toBe(404);
    expect(calls[0].url).toBe(`${baseUrl}/api/movie-reviews/reviews/..%2Freviews%3Fx%3D1`);
  });
});

describe('listComments', () => {
  it('returns the approved thread with its replies and nothing private', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const { data, meta } = await api.listComments('her-2013', { pageSize: 20 });
    expect(meta.pagination.pageSize).toBe(20);
    expect(data.map((c) => c.authorName)).toEqual(['Jonas']);
    expect(data[0].replies.map((c) => c.authorName)).toEqual(['Mara Okafor']);
    expect(JSON.stringify(data)).not.toMatch(/@example\.com|Priya/);
  });
});

describe('postComment', () => {
  it('creates a pending comment, sends the Idempotency-Key and returns the public view', async () => {
    const { calls, fetch } = recordingFetch();
    const api = createMovieReviewsClient({ baseUrl, fetch });
    const { data } = await api.postComment('her-2013', comment(), { idempotencyKey: 'client-test-key-0001' });
    expect(data).toMatchObject({ authorName: 'Ada', status: 'pending', replies: [] });
    expect(data).not.toHaveProperty('authorEmail');
    expect(calls[0].headers.get('idempotency-key')).toBe('client-test-key-0001');
    const stored = await app.strapi.db.query(COMMENT).findOne({ where: { documentId: data.documentId } });
    expect(stored).toMatchObject({ authorEmail: 'ada@example.org', content: comment().content });
  });

  it('throws the 400 with one entry per bad field and stores nothing', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    const before = Number(await app.strapi.db.query(COMMENT).count({}));
    const error = (await rejection(
      api.postComment('her-2013', comment({ authorEmail: 'not-an-email', content: ' ' }))
    )) as MovieReviewsApiError;
    expect(error.status).toBe(400);
    expect(error.fieldErrors.map((e) => e.path[0]).sort()).toEqual(['authorEmail', 'content']);
    expect(Number(await app.strapi.db.query(COMMENT).count({}))).toBe(before);
  });

  it('throws a 429 carrying the seconds to wait once the rate limit is spent', async () => {
    const api = createMovieReviewsClient({ baseUrl });
    let limited: MovieReviewsApiError | undefined;
    for (let i = 0; i < 10 && !limited; i += 1) {
      const error = await rejection(api.postComment('her-2013', comment({ content: '' })));
      if (error instanceof MovieReviewsApiError && error.status === 429) limited = error;
      else expect((error as MovieReviewsApiError).status).toBe(400);
    }
    expect(limited).toBeDefined();
    expect(limited?.retryAfter).toBeGreaterThan(0);
    expect(limited?.retryAfter).toBeLessThanOrEqual(60);
  });
});

describe('revalidation with createEtagCache', () => {
  it('sends If-None-Match with the kept ETag and reuses the kept body on a 304', async () => {
    const { calls, fetch } = recordingFetch();
    const etagCache = createEtagCache();
    const api = createMovieReviewsClient({ baseUrl, fetch, etagCache });
    const first = await api.getReview('her-2013');
    const second = await api.getReview('her-2013');
    expect(calls.map((c) => c.status)).toEqual([200, 304]);
    expect(calls[0].headers.get('if-none-match')).toBeNull();
    expect(calls[1].headers.get('if-none-match')).toMatch(/^(W\/)?"/);
    expect(second).toEqual(first);
    expect(etagCache.size).toBe(1);
  });

  it('keeps at most maxEntries answers, dropping the least recently used', async () => {
    const etagCache = createEtagCache({ maxEntries: 2 });
    const api = createMovieReviewsClient({ baseUrl, etagCache });
    await api.listReviews({ page: 1 });
    await api.listReviews({ page: 2 });
    await api.getReview('her-2013');
    expect(etagCache.size).toBe(2);
    expect(etagCache.get(`${baseUrl}/api/movie-reviews/reviews?page=1`)).toBeUndefined();
  });
});

describe('when the API does not answer', () => {
  it('throws a MovieReviewsNetworkError naming the URL, not a TypeError', async () => {
    const port = await freePort();
    const api = createMovieReviewsClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = (await rejection(api.listReviews())) as MovieReviewsNetworkError;
    expect(error).toBeInstanceOf(MovieReviewsNetworkError);
    expect(error.url).toBe(`http://127.0.0.1:${port}/api/movie-reviews/reviews`);
  });

  it('refuses a base URL that is not absolute when the client is created', () => {
    expect(() => createMovieReviewsClient({ baseUrl: 'cms.example.com' })).toThrow(/absolute URL/);
  });
});
