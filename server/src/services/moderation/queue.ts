/** The moderation queue: server-side filter, search, sort and pagination with per-status counts. */
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, REVIEW_UID, type CommentStatus } from '../../utils/constants';
import type { SortableField } from '../../shared/comment-moderation';
import { COMMENT_FIELDS, paginationOf, type Filters, type ModerationRows, type Row } from './rows';

export interface ListQuery {
  status: CommentStatus | 'all';
  q?: string;
  review?: string;
  page: number;
  pageSize: number;
  sort: { field: SortableField; order: 'asc' | 'desc' };
}

const baseFilters = (query: Pick<ListQuery, 'q' | 'review'>): Filters[] => {
  const and: Filters[] = [];
  if (query.review) and.push({ reviewDocumentId: query.review });
  if (query.q) and.push({ $or: [{ authorName: { $containsi: query.q } }, { content: { $containsi: query.q } }] });
  return and;
};

export const moderationQueue = (strapi: Core.Strapi, rows: ModerationRows, reportedTotal: () => Promise<number>) => ({
  /** A page of the queue, the counts per status under the same search/review filter, and the filtered review. */
  async list(query: ListQuery) {
    const and = baseFilters(query);
    const where = query.status === 'all' ? { $and: and } : { $and: [...and, { moderationStatus: query.status }] };
    const { field, order } = query.sort;
    // Reads go to the query engine directly (one statement each, no transaction around them).
    const [page, counts, reviewFilter, reported] = await Promise.all([
      strapi.db.query(COMMENT_UID).findMany({
        select: COMMENT_FIELDS,
        where,
        orderBy: [{ [field === 'status' ? 'moderationStatus' : field]: order }, { id: order }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }) as Promise<Row[]>,
      rows.countByStatus({ $and: and }),
      query.review ? rows.reviewsFor([query.review]) : Promise.resolve(null),
      reportedTotal(),
    ]);
    return {
      data: await rows.toRows(page),
      meta: {
        pagination: paginationOf(query, counts[query.status]),
        counts,
        /** Comments in the Reported tab (not narrowed by the search or review filter). */
        reported,
        review: query.review ? (reviewFilter?.get(query.review) ?? null) : undefined,
      },
    };
  },

  /** Reviews for the queue's review filter: title search, at most `limit`, newest first. */
  async reviewOptions(q: string | undefined, limit: number) {
    const where: Filters = q ? { $or: [{ title: { $containsi: q } }, { movieTitle: { $containsi: q } }] } : {};
    // Draft rows exist for every review (published ones too), so they list each review once.
    const found = (await strapi.db.query(REVIEW_UID).findMany({
      select: ['documentId', 'title', 'movieTitle', 'movieYear'],
      where: { ...where, publishedAt: { $null: true } },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      limit,
    })) as Array<{ documentId: string; title: string; movieTitle: string; movieYear: number }>;
    return found.map((r) => ({
      documentId: r.documentId,
      title: r.title,
      movieTitle: r.movieTitle,
      movieYear: r.movieYear,
    }));
  },
});
