/**
 * Errors the client throws. An answer of the API that is not a success becomes a
 * `MovieReviewsApiError` carrying Strapi's error shape; a request that never got an
 * answer (server down, DNS, timeout, abort) becomes a `MovieReviewsNetworkError`.
 */
import type { ErrorResponse } from 'strapi-plugin-movie-reviews/types';

export type ApiErrorDetails = ErrorResponse['error']['details'];

/** One field problem of a 400, as Strapi lists them in `details.errors`. */
export interface FieldError {
  path: string[];
  message: string;
  name: string;
}

export class MovieReviewsApiError extends Error {
  /** HTTP status of the answer (400, 401, 403, 404, 413, 415, 429, 5xx). */
  readonly status: number;
  /** Strapi's error name (`ValidationError`, `NotFoundError`, `RateLimitError`...). */
  readonly errorName: string;
  readonly details: ApiErrorDetails;
  /** Seconds to wait before retrying, from `details.retryAfter` or the `Retry-After` header (429). */
  readonly retryAfter: number | null;
  readonly url: string;

  constructor(init: {
    status: number;
    errorName: string;
    message: string;
    details: ApiErrorDetails;
    retryAfter: number | null;
    url: string;
  }) {
    super(init.message);
    this.name = 'MovieReviewsApiError';
    this.status = init.status;
    this.errorName = init.errorName;
    this.details = init.details;
    this.retryAfter = init.retryAfter;
    this.url = init.url;
  }

  /** The field problems of a validation error (empty for other errors). */
  get fieldErrors(): FieldError[] {
    const errors = this.details.errors;
    return Array.isArray(errors) ? errors : [];
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export class MovieReviewsNetworkError extends Error {
  readonly url: string;
  override readonly cause: unknown;

  constructor(url: string, cause: unknown) {
    super(`The movie reviews API did not answer (${url}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MovieReviewsNetworkError';
    this.url = url;
    this.cause = cause;
  }
}

export const isMovieReviewsApiError = (error: unknown): error is MovieReviewsApiError =>
  error instanceof MovieReviewsApiError;
export const isMovieReviewsNetworkError = (error: unknown): error is MovieReviewsNetworkError =>
  error instanceof MovieReviewsNetworkError;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const retryAfterOf = (headers: Headers, details: ApiErrorDetails): number | null => {
  if (typeof details.retryAfter === 'number') return details.retryAfter;
  const header = headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? seconds : null;
};

/** Builds the typed error from a non-2xx answer, whatever its body (Strapi's shape, other JSON, HTML from a proxy). */
export const apiErrorFrom = async (response: Response, url: string): Promise<MovieReviewsApiError> => {
  let body: unknown = null;
  const text = await response.text().catch(() => '');
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const details: ApiErrorDetails = error && isRecord(error.details) ? (error.details as ApiErrorDetails) : {};
  return new MovieReviewsApiError({
    status: response.status,
    errorName: error && typeof error.name === 'string' ? error.name : 'HttpError',
    message: error && typeof error.message === 'string' ? error.message : `HTTP ${response.status} from ${url}`,
    details,
    retryAfter: retryAfterOf(response.headers, details),
    url,
  });
};
