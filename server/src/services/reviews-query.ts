/**
 * Query Engine conditions for a validated list query (see validation/list-query.ts).
 */
import type { ReviewListQuery, TagFilter } from '../validation/list-query';

const normaliseTag = (tag: string) => tag.normalize('NFC').toLowerCase().trim();

/** Whether a review's tags (a JSON array) satisfy a tag filter; tags compare case-insensitively. */
export const tagsMatch = (stored: unknown, filter: TagFilter): boolean => {
  const tags = new Set(
    Array.isArray(stored) ? stored.filter((t): t is string => typeof t === 'string').map(normaliseTag) : []
  );
  if (filter.$eq !== undefined && !tags.has(normaliseTag(filter.$eq))) return false;
  if (filter.$in !== undefined && !filter.$in.some((t) => tags.has(normaliseTag(t)))) return false;
  return true;
};

/**
 * Query Engine conditions for everything but tags (a JSON column, filtered in
 * the service, see README "Design notes").
 */
export const buildReviewWhere = (query: Pick<ReviewListQuery, 'filters' | 'q'>): Record<string, unknown> => {
  const and: Array<Record<string, unknown>> = [{ publishedAt: { $notNull: true } }];
  const { movieYear, movieDirector, rating } = query.filters;
  if (movieYear) and.push({ movieYear });
  if (movieDirector) and.push({ movieDirector });
  if (rating) and.push({ rating });
  if (query.q) {
    and.push({
      $or: [
        { title: { $containsi: query.q } },
        { movieTitle: { $containsi: query.q } },
        { movieOriginalTitle: { $containsi: query.q } },
      ],
    });
  }
  return { $and: and };
};

/** Whether the query only pages and sorts: no filter, no search (the list most sites show). */
export const isUnfiltered = (query: Pick<ReviewListQuery, 'filters' | 'q'>): boolean =>
  !query.q && Object.values(query.filters).every((value) => value === undefined);

export const pageCount = (total: number, pageSize: number) => Math.ceil(total / pageSize);
