/**
 * The public list query of reviews: what `GET /reviews` and GraphQL `movieReviews`
 * accept (and the page query of `GET /reviews/:slug/comments`), checked strictly:
 * unknown keys, wrong types and out-of-range values are a 400 that names the
 * parameter. Both APIs go through `parseReviewListQuery`, so they accept exactly
 * the same things; the routes declare the same rules as zod schemas
 * (`reviewListQueryRequest`), built from the same parsers.
 */
import { z } from 'zod';
import { validationError, type FieldIssue } from '../utils/host-errors';
import { hasControlCharacters } from './control-characters';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 1_000_000;
export const MAX_Q_LENGTH = 100;
const MAX_SORT_KEYS = 4;
const MAX_LIST_VALUES = 100;
const MAX_STRING_FILTER = 200;

/** Public sort keys and the columns they sort on. */
export const SORT_FIELDS = {
  publishedAt: 'publishedAt',
  title: 'title',
  rating: 'rating',
  'movie.year': 'movieYear',
} as const;
export type SortKey = keyof typeof SORT_FIELDS;
export type SortColumn = (typeof SORT_FIELDS)[SortKey];
export type SortDirection = 'asc' | 'desc';

export interface SortOrder {
  key: SortKey;
  column: SortColumn;
  direction: SortDirection;
}

export const NUMBER_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in'] as const;
export const STRING_OPERATORS = ['$eq', '$eqi', '$containsi', '$in'] as const;
export const TAG_OPERATORS = ['$eq', '$in'] as const;

export type NumberOperator = (typeof NUMBER_OPERATORS)[number];
export type StringOperator = (typeof STRING_OPERATORS)[number];
export type TagOperator = (typeof TAG_OPERATORS)[number];

export type NumberFilter = Partial<Record<Exclude<NumberOperator, '$in'>, number>> & { $in?: number[] };
export type StringFilter = Partial<Record<Exclude<StringOperator, '$in'>, string>> & { $in?: string[] };
export type TagFilter = { $eq?: string; $in?: string[] };

export interface ReviewFilters {
  movieYear?: NumberFilter;
  movieDirector?: StringFilter;
  rating?: NumberFilter;
  tags?: TagFilter;
}

export interface PageQuery {
  page: number;
  pageSize: number;
}

export interface ReviewListQuery extends PageQuery {
  sort: SortOrder[];
  filters: ReviewFilters;
  q: string | null;
}

export const DEFAULT_SORT: SortOrder[] = [{ key: 'publishedAt', column: 'publishedAt', direction: 'desc' }];

/** The public filter paths, as written in a query string (`filters[movie][year]` or `filters[movie.year]`). */
const FILTER_FIELDS = {
  'movie.year': { column: 'movieYear', kind: 'year' },
  'movie.director': { column: 'movieDirector', kind: 'string' },
  rating: { column: 'rating', kind: 'rating' },
  tags: { column: 'tags', kind: 'tag' },
} as const;
type FilterPath = keyof typeof FILTER_FIELDS;
type FilterKind = (typeof FILTER_FIELDS)[FilterPath]['kind'];

const OPERATORS_BY_KIND: Record<FilterKind, readonly string[]> = {
  year: NUMBER_OPERATORS,
  rating: NUMBER_OPERATORS,
  string: STRING_OPERATORS,
  tag: TAG_OPERATORS,
};

const NUMBER_TEXT = /^-?\d{1,7}(\.\d{1,4})?$/;

export class Issues {
  readonly list: FieldIssue[] = [];

  add(path: string[], message: string) {
    this.list.push({ path, name: 'ValidationError', message: `${path.join('.')} ${message}` });
  }

  throwIfAny() {
    if (this.list.length) throw validationError(this.list);
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string => {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
};

/** A single text value: a query-string array or object where one value is expected is an error. */
const scalarText = (value: unknown, path: string[], issues: Issues): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  issues.add(path, `must be a single value, not ${describe(value)}`);
  return undefined;
};

export const wholeNumber = (
  value: unknown,
  path: string[],
  issues: Issues,
  min: number,
  max: number
): number | undefined => {
  const text = scalarText(value, path, issues);
  if (text === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(text.trim())) {
    issues.add(path, 'must be a whole number');
    return undefined;
  }
  const n = Number(text.trim());
  if (n < min || n > max) {
    issues.add(path, `must be between ${min} and ${max}`);
    return undefined;
  }
  return n;
};

export const parsePageQuery = (raw: { page?: unknown; pageSize?: unknown }, issues: Issues): PageQuery => ({
  page: raw.page === undefined ? 1 : (wholeNumber(raw.page, ['page'], issues, 1, MAX_PAGE) ?? 1),
  pageSize:
    raw.pageSize === undefined
      ? DEFAULT_PAGE_SIZE
      : (wholeNumber(raw.pageSize, ['pageSize'], issues, 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE),
});

const parseSort = (raw: unknown, issues: Issues): SortOrder[] => {
  if (raw === undefined) return DEFAULT_SORT;
  let items: unknown[];
  if (typeof raw === 'string') items = raw.split(',');
  else if (Array.isArray(raw)) items = raw.flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));
  else {
    issues.add(['sort'], `must be text such as "publishedAt:desc" or a list of them, not ${describe(raw)}`);
    return DEFAULT_SORT;
  }
  if (items.length > MAX_SORT_KEYS) {
    issues.add(['sort'], `must list at most ${MAX_SORT_KEYS} keys`);
    return DEFAULT_SORT;
  }
  const orders: SortOrder[] = [];
  items.forEach((item, index) => {
    const path = items.length > 1 ? ['sort', String(index)] : ['sort'];
    if (typeof item !== 'string') {
      issues.add(path, `must be text, not ${describe(item)}`);
      return;
    }
    const [key, direction = 'asc', ...rest] = item.trim().split(':');
    // Own keys only: `in` would also accept `constructor`, `__proto__`, `toString`...
    if (!Object.hasOwn(SORT_FIELDS, key)) {
      issues.add(
        path,
        `"${item.trim().slice(0, 50)}" is not sortable; use one of ${Object.keys(SORT_FIELDS).join(', ')}`
      );
      return;
    }
    const dir = direction.toLowerCase();
    if (rest.length || (dir !== 'asc' && dir !== 'desc')) {
      issues.add(path, `direction must be :asc or :desc`);
      return;
    }
    if (orders.some((o) => o.key === key)) {
      issues.add(path, `sorts on ${key} twice`);
      return;
    }
    orders.push({ key: key as SortKey, column: SORT_FIELDS[key as SortKey], direction: dir });
  });
  return orders.length ? orders : DEFAULT_SORT;
};

const parseQ = (raw: unknown, issues: Issues): string | null => {
  if (raw === undefined) return null;
  const text = scalarText(raw, ['q'], issues);
  if (text === undefined) return null;
  const q = text.trim();
  if (q.length > MAX_Q_LENGTH) {
    issues.add(['q'], `must be at most ${MAX_Q_LENGTH} characters`);
    return null;
  }
  if (hasControlCharacters(q, { allowLineBreaks: false }) || !q.isWellFormed()) {
    issues.add(['q'], 'must not contain control characters');
    return null;
  }
  return q === '' ? null : q;
};

const parseFilterValue = (
  kind: FilterKind,
  value: unknown,
  path: string[],
  issues: Issues
): number | string | undefined => {
  const text = scalarText(value, path, issues);
  if (text === undefined) return undefined;
  if (kind === 'year') {
    if (!/^\d{1,4}$/.test(text.trim())) {
      issues.add(path, 'must be a year such as 2013');
      return undefined;
    }
    return Number(text.trim());
  }
  if (kind === 'rating') {
    if (!NUMBER_TEXT.test(text.trim())) {
      issues.add(path, 'must be a number');
      return undefined;
    }
    return Number(text.trim());
  }
  const max = kind === 'tag' ? 50 : MAX_STRING_FILTER;
  if (text.length === 0 || text.length > max) {
    issues.add(path, `must be 1 to ${max} characters`);
    return undefined;
  }
  if (hasControlCharacters(text, { allowLineBreaks: false }) || !text.isWellFormed()) {
    issues.add(path, 'must not contain control characters');
    return undefined;
  }
  return text;
};

const parseFieldFilter = (
  kind: FilterKind,
  raw: unknown,
  path: string[],
  issues: Issues
): Record<string, number | string | Array<number | string>> | undefined => {
  // filters[tags]=drama is short for filters[tags][$eq]=drama
  const operators = isPlainObject(raw) ? raw : { $eq: raw };
  const allowed = OPERATORS_BY_KIND[kind];
  const out: Record<string, number | string | Array<number | string>> = {};
  const entries = Object.entries(operators);
  if (!entries.length) {
    issues.add(path, `needs an operator (${allowed.join(', ')})`);
    return undefined;
  }
  for (const [op, value] of entries) {
    const opPath = isPlainObject(raw) ? [...path, op] : path;
    if (!allowed.includes(op)) {
      issues.add(opPath, `is not a supported operator here; use ${allowed.join(', ')}`);
      continue;
    }
    if (op === '$in') {
      if (!Array.isArray(value)) {
        issues.add(opPath, `must be a list such as ${path.join('.')}.$in[]=a&${path.join('.')}.$in[]=b`);
        continue;
      }
      if (value.length === 0 || value.length > MAX_LIST_VALUES) {
        issues.add(opPath, `must list 1 to ${MAX_LIST_VALUES} values`);
        continue;
      }
      const values = value.map((v, i) => parseFilterValue(kind, v, [...opPath, String(i)], issues));
      if (values.every((v) => v !== undefined)) out.$in = values as Array<number | string>;
      continue;
    }
    const parsed = parseFilterValue(kind, value, opPath, issues);
    if (parsed !== undefined) out[op] = parsed;
  }
  return out;
};

const parseFilters = (raw: unknown, issues: Issues): ReviewFilters => {
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) {
    issues.add(['filters'], `must be an object such as filters[movie][year]=2013, not ${describe(raw)}`);
    return {};
  }
  // Flatten filters[movie][year] into "movie.year"; filters[movie.year] is accepted as written.
  const flat: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'movie') {
      if (!isPlainObject(value)) {
        issues.add(['filters', 'movie'], 'must name a field: year or director');
        continue;
      }
      for (const [sub, subValue] of Object.entries(value)) flat.push([`movie.${sub}`, subValue]);
    } else flat.push([key, value]);
  }
  const filters: ReviewFilters = {};
  const seen = new Set<string>();
  for (const [key, value] of flat) {
    const path = ['filters', ...key.split('.')];
    if (!(key in FILTER_FIELDS)) {
      issues.add(path, `is not a filter; use one of ${Object.keys(FILTER_FIELDS).join(', ')}`);
      continue;
    }
    if (seen.has(key)) {
      issues.add(path, 'is given twice');
      continue;
    }
    seen.add(key);
    const field = FILTER_FIELDS[key as FilterPath];
    if (value === null || value === '') {
      issues.add(path, 'needs a value');
      continue;
    }
    const parsed = parseFieldFilter(field.kind, value, path, issues);
    if (!parsed) continue;
    (filters as Record<string, unknown>)[field.column] = parsed;
  }
  return filters;
};

export const LIST_QUERY_KEYS = ['page', 'pageSize', 'sort', 'filters', 'q'] as const;

/** Validates the query of `GET /reviews`; throws one ValidationError listing every problem. */
export const parseReviewListQuery = (raw: Record<string, unknown>): ReviewListQuery => {
  const issues = new Issues();
  for (const key of Object.keys(raw)) {
    if (!(LIST_QUERY_KEYS as readonly string[]).includes(key)) {
      issues.add([key], `is not a known query parameter; use ${LIST_QUERY_KEYS.join(', ')}`);
    }
  }
  const { page, pageSize } = parsePageQuery(raw, issues);
  const sort = parseSort(raw.sort, issues);
  const filters = parseFilters(raw.filters, issues);
  const q = parseQ(raw.q, issues);
  issues.throwIfAny();
  return { page, pageSize, sort, filters, q };
};

/** Validates the query of `GET /reviews/:slug/comments` (page, pageSize only). */
export const parseCommentPageQuery = (raw: Record<string, unknown>): PageQuery => {
  const issues = new Issues();
  for (const key of Object.keys(raw)) {
    if (key !== 'page' && key !== 'pageSize') issues.add([key], 'is not a known query parameter; use page, pageSize');
  }
  const result = parsePageQuery(raw, issues);
  issues.throwIfAny();
  return result;
};

/** `GET /reviews/:slug` takes no query parameters. */
export const assertNoQuery = (raw: Record<string, unknown>): void => {
  const issues = new Issues();
  for (const key of Object.keys(raw)) issues.add([key], 'is not a known query parameter; this endpoint takes none');
  issues.throwIfAny();
};

/**
 * One query parameter as a zod schema backed by the parser above, for the routes'
 * `request.query` declarations: the route file documents the contract with the
 * very rule the controller enforces.
 */
const paramSchema = <T>(parse: (value: unknown, issues: Issues) => T) =>
  z.unknown().transform((value, ctx) => {
    const issues = new Issues();
    const out = parse(value, issues);
    for (const issue of issues.list) ctx.addIssue({ code: 'custom', message: issue.message });
    return out;
  });

const pageParam = paramSchema((v, issues) => parsePageQuery({ page: v }, issues).page);
const pageSizeParam = paramSchema((v, issues) => parsePageQuery({ pageSize: v }, issues).pageSize);

/** `request.query` of `GET /reviews`. */
export const reviewListQueryRequest = {
  page: pageParam.optional(),
  pageSize: pageSizeParam.optional(),
  sort: paramSchema(parseSort).optional(),
  filters: paramSchema(parseFilters).optional(),
  q: paramSchema(parseQ).optional(),
};

/** `request.query` of `GET /reviews/:slug/comments`. */
export const commentPageQueryRequest = { page: pageParam.optional(), pageSize: pageSizeParam.optional() };
