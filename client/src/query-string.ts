/**
 * The query strings of the public API, written in the bracket syntax Strapi parses
 * (`filters[movie][year][$gte]=2000`, `filters[tags][$in][0]=drama`).
 */
import type { ReviewSortKey } from 'strapi-plugin-movie-reviews/types';

export type NumberFilter =
  number | { $eq?: number; $ne?: number; $gt?: number; $gte?: number; $lt?: number; $lte?: number; $in?: number[] };
export type TextFilter = string | { $eq?: string; $eqi?: string; $containsi?: string; $in?: string[] };
export type TagFilter = string | { $eq?: string; $in?: string[] };

export interface ReviewFilters {
  movie?: { year?: NumberFilter; director?: TextFilter };
  rating?: NumberFilter;
  tags?: TagFilter;
}

export type ReviewSort = ReviewSortKey | `${ReviewSortKey}:asc` | `${ReviewSortKey}:desc`;

export interface PageParams {
  /** 1 or more (default 1). */
  page?: number;
  /** 1 to 100 (default 10). */
  pageSize?: number;
}

export interface ReviewListParams extends PageParams {
  /** Newest first by default; up to 4 keys. */
  sort?: ReviewSort | ReviewSort[];
  filters?: ReviewFilters;
  /** Searches the review title and the film's title (up to 100 characters). */
  q?: string;
}

type Scalar = string | number;

const appendFilter = (params: URLSearchParams, path: string, value: Scalar | Scalar[] | Record<string, unknown>) => {
  if (Array.isArray(value)) {
    value.forEach((item, index) => params.append(`${path}[${index}]`, String(item)));
  } else if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) appendFilter(params, `${path}[${key}]`, inner as Scalar | Scalar[]);
    }
  } else {
    params.append(path, String(value));
  }
};

export const pageQuery = (params: PageParams = {}): URLSearchParams => {
  const out = new URLSearchParams();
  if (params.page !== undefined) out.set('page', String(params.page));
  if (params.pageSize !== undefined) out.set('pageSize', String(params.pageSize));
  return out;
};

export const reviewListQuery = (params: ReviewListParams = {}): URLSearchParams => {
  const out = pageQuery(params);
  if (params.sort !== undefined) out.set('sort', Array.isArray(params.sort) ? params.sort.join(',') : params.sort);
  if (params.q !== undefined && params.q !== '') out.set('q', params.q);
  const filters = params.filters ?? {};
  if (filters.movie?.year !== undefined) appendFilter(out, 'filters[movie][year]', filters.movie.year);
  if (filters.movie?.director !== undefined) appendFilter(out, 'filters[movie][director]', filters.movie.director);
  if (filters.rating !== undefined) appendFilter(out, 'filters[rating]', filters.rating);
  if (filters.tags !== undefined) appendFilter(out, 'filters[tags]', filters.tags);
  return out;
};
