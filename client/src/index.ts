/**
 * `strapi-plugin-movie-reviews/client`: a typed, dependency-free client of the
 * plugin's public REST API for sites (Node 20+, browsers, edge runtimes).
 */
export { createMovieReviewsClient } from './client.js';
export type {
  ClientOptions,
  FetchLike,
  MovieReviewsClient,
  PostCommentOptions,
  PreviewOptions,
  RequestOptions,
} from './client.js';
export {
  MovieReviewsApiError,
  MovieReviewsNetworkError,
  isMovieReviewsApiError,
  isMovieReviewsNetworkError,
} from './errors.js';
export type { ApiErrorDetails, FieldError } from './errors.js';
export { createEtagCache } from './etag-cache.js';
export type { EtagCache, EtagEntry } from './etag-cache.js';
export { signPreviewToken, verifyPreviewToken, previewTokenMessage } from './preview-token.js';
export type { PreviewTokenCheck, PreviewTokenInput } from './preview-token.js';
export type {
  NumberFilter,
  PageParams,
  ReviewFilters,
  ReviewListParams,
  ReviewSort,
  TagFilter,
  TextFilter,
} from './query-string.js';
export type * from 'strapi-plugin-movie-reviews/types';
