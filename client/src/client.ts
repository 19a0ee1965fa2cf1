/**
 * Typed client of the plugin's public REST API (`/api/movie-reviews`), on `fetch`
 * only: Node 20+, browsers and edge runtimes, no dependencies.
 *
 *   const api = createMovieReviewsClient({ baseUrl: 'https://cms.example.com' });
 *   const { data, meta } = await api.listReviews({ page: 2 });
 */
import type {
  AuthorPageResponse,
  CommentInput,
  CommentListResponse,
  CommentReportInput,
  CommentReportResponse,
  CreateCommentResponse,
  PreviewReviewResponse,
  PreviewStatus,
  RelatedReviewsResponse,
  ReviewListResponse,
  ReviewResponse,
} from 'strapi-plugin-movie-reviews/types';
import { apiErrorFrom, MovieReviewsNetworkError } from './errors.js';
import type { EtagCache } from './etag-cache.js';
import { pageQuery, reviewListQuery, type PageParams, type ReviewListParams } from './query-string.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Origin of the Strapi app (`https://cms.example.com`), optionally with a path before `/api`. */
  baseUrl: string;
  /** The API prefix of the plugin's routes (default `/api/movie-reviews`). */
  prefix?: string;
  /** Another fetch (a mock, one with a proxy agent...). Default: the global fetch. */
  fetch?: FetchLike;
  /** Headers sent with every request (an API token, a forwarded client address...). */
  headers?: Record<string, string>;
  /**
   * Keeps GET answers with their ETag and revalidates them with `If-None-Match`
   * (see `createEtagCache`). Off by default.
   */
  etagCache?: EtagCache;
  /** Aborts a request that takes longer (default 10,000 ms; 0 for none). */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface PostCommentOptions extends RequestOptions {
  /**
   * Sent as `Idempotency-Key`: a retry of the same submission (a double click, a
   * resent form) with the same key creates one comment. Use a fresh random value
   * per submission, e.g. `crypto.randomUUID()`.
   */
  idempotencyKey?: string;
}

export interface PreviewOptions extends RequestOptions {
  /** The signed token from the preview URL. */
  token: string;
  status?: PreviewStatus;
}

export interface MovieReviewsClient {
  /** GET /reviews: published reviews, newest first, paginated. */
  listReviews(params?: ReviewListParams, options?: RequestOptions): Promise<ReviewListResponse>;
  /** GET /reviews/:slug: one published review with its body, JSON-LD and comment count. 404 → MovieReviewsApiError. */
  getReview(slug: string, options?: RequestOptions): Promise<ReviewResponse>;
  /** GET /reviews/:slug/comments: approved comments, threaded, oldest first. */
  listComments(slug: string, params?: PageParams, options?: RequestOptions): Promise<CommentListResponse>;
  /** POST /reviews/:slug/comments: the comment as stored (`status` pending or approved). */
  postComment(slug: string, input: CommentInput, options?: PostCommentOptions): Promise<CreateCommentResponse>;
  /** GET /reviews/:slug/related: other published reviews close to this one (limit 1 to 12, default 4). */
  relatedReviews(slug: string, params?: { limit?: number }, options?: RequestOptions): Promise<RelatedReviewsResponse>;
  /** GET /authors/:slug: the author and their published reviews, paginated. */
  getAuthor(slug: string, params?: PageParams, options?: RequestOptions): Promise<AuthorPageResponse>;
  /** POST /reviews/:slug/comments/:documentId/report: a reader's report of a comment. */
  reportComment(
    slug: string,
    commentId: string,
    input: CommentReportInput,
    options?: RequestOptions
  ): Promise<CommentReportResponse>;
  /** GET /preview/:documentId: a draft (or published) version for the editor's preview; needs the signed token. */
  getPreview(documentId: string, options: PreviewOptions): Promise<PreviewReviewResponse>;
}

const segment = (value: string, what: string) => {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${what} must be a non-empty string`);
  return encodeURIComponent(value);
};

const timeoutSignal = (timeoutMs: number, signal: AbortSignal | undefined): AbortSignal | undefined => {
  if (!timeoutMs) return signal;
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
};

export const createMovieReviewsClient = (options: ClientOptions): MovieReviewsClient => {
  let origin: URL;
  try {
    origin = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL such as https://cms.example.com (got "${options.baseUrl}")`);
  }
  const base = `${origin.origin}${origin.pathname.replace(/\/+$/, '')}${options.prefix ?? '/api/movie-reviews'}`;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const cache = options.etagCache;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const send = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await doFetch(url, init);
    } catch (error) {
      // An abort the caller asked for stays an AbortError; everything else means no answer.
      if (
        error instanceof Error &&
        error.name === 'AbortError' &&
        (init.signal as AbortSignal | undefined)?.reason?.name !== 'TimeoutError'
      ) {
        throw error;
      }
      throw new MovieReviewsNetworkError(url, error);
    }
  };

  const headersFor = (extra: Record<string, string> | undefined, own: Record<string, string>) => ({
    accept: 'application/json',
    ...options.headers,
    ...extra,
    ...own,
  });

  const get = async <T>(path: string, query: URLSearchParams | null, request: RequestOptions = {}): Promise<T> => {
    const qs = query?.toString();
    const url = `${base}${path}${qs ? `?${qs}` : ''}`;
    const kept = cache?.get(url);
    const response = await send(url, {
      method: 'GET',
      headers: headersFor(request.headers, kept ? { 'if-none-match': kept.etag } : {}),
      signal: timeoutSignal(timeoutMs, request.signal),
    });
    if (response.status === 304 && kept) return kept.body as T;
    if (!response.ok) {
      if (response.status === 404) cache?.delete(url);
      throw await apiErrorFrom(response, url);
    }
    const body = (await response.json()) as T;
    const etag = response.headers.get('etag');
    if (cache && etag) cache.set(url, { etag, body });
    return body;
  };

  const post = async <T>(
    path: string,
    body: unknown,
    request: RequestOptions,
    own: Record<string, string> = {}
  ): Promise<T> => {
    const url = `${base}${path}`;
    const response = await send(url, {
      method: 'POST',
      headers: headersFor(request.headers, { 'content-type': 'application/json', ...own }),
      body: JSON.stringify(body),
      signal: timeoutSignal(timeoutMs, request.signal),
    });
    if (!response.ok) throw await apiErrorFrom(response, url);
    return (await response.json()) as T;
  };

  return {
    listReviews: (params, request) => get('/reviews', reviewListQuery(params), request),
    getReview: (slug, request) => get(`/reviews/${segment(slug, 'slug')}`, null, request),
    listComments: (slug, params, request) =>
      get(`/reviews/${segment(slug, 'slug')}/comments`, pageQuery(params), request),
    postComment: (slug, input, request = {}) =>
      post(
        `/reviews/${segment(slug, 'slug')}/comments`,
        input,
        request,
        request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}
      ),
    relatedReviews: (slug, params = {}, request) =>
      get(
        `/reviews/${segment(slug, 'slug')}/related`,
        params.limit === undefined ? null : new URLSearchParams({ limit: String(params.limit) }),
        request
      ),
    getAuthor: (slug, params, request) => get(`/authors/${segment(slug, 'author slug')}`, pageQuery(params), request),
    reportComment: (slug, commentId, input, request = {}) =>
      post(
        `/reviews/${segment(slug, 'slug')}/comments/${segment(commentId, 'comment documentId')}/report`,
        input,
        request
      ),
    getPreview: (documentId, request) => {
      const query = new URLSearchParams({ status: request.status ?? 'draft', token: request.token });
      // A preview is never kept: it changes with every save and must not outlive its token.
      const url = `${base}/preview/${segment(documentId, 'documentId')}?${query}`;
      return (async () => {
        const response = await send(url, {
          method: 'GET',
          headers: headersFor(request.headers, { 'cache-control': 'no-cache' }),
          signal: timeoutSignal(timeoutMs, request.signal),
        });
        if (!response.ok) throw await apiErrorFrom(response, url);
        return (await response.json()) as PreviewReviewResponse;
      })();
    },
  };
};
