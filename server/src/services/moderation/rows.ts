/**
 * What the moderation concerns share: the admin row of a comment (with its review and
 * parent), the per-status counts, the pagination block, and the one way an editor's
 * decision is written. Reads of a page are a bounded number of queries whatever its size.
 */
import type { Core } from '@strapi/strapi';
import { COMMENT_STATUSES, COMMENT_UID, REPORT_UID, REVIEW_UID, type CommentStatus } from '../../utils/constants';
import type { StatusCounts } from '../../shared/comment-moderation';
import type { ModerationComment } from '../../shared/moderation-dto';

/** The database column of the comment attribute `moderationStatus`. */
export const MODERATION_COLUMN = 'moderation_status';

/** One comment as the moderation page shows it (shared with the admin). */
export type ModerationRow = ModerationComment;

export type Row = Record<string, unknown>;
export type Filters = Record<string, unknown>;

/** The comment columns a moderation row is built from. */
export const COMMENT_FIELDS = [
  'documentId',
  'reviewDocumentId',
  'parentDocumentId',
  'authorName',
  'authorEmail',
  'ip',
  'userAgent',
  'content',
  'moderationStatus',
  'authorIsEditor',
  'hiddenByReports',
  'createdAt',
  'moderatedAt',
];

export const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null;

/** The `meta.pagination` block of a page of `total` items. */
export const paginationOf = (query: { page: number; pageSize: number }, total: number) => ({
  page: query.page,
  pageSize: query.pageSize,
  pageCount: Math.ceil(total / query.pageSize),
  total,
});

/** The reads and the decision write every moderation concern uses. */
export const moderationRows = (strapi: Core.Strapi) => {
  const comments = () => strapi.documents(COMMENT_UID);
  type CommentUpdate = Parameters<ReturnType<typeof comments>['update']>[0]['data'];
  /** The generated content-type registry does not know the plugin's attributes; the middleware validates them. */
  const commentData = (data: Record<string, unknown>) => data as unknown as CommentUpdate;

  /** The rows of `uid` with one of `documentIds` (one query; none without ids). */
  const findByDocumentIds = async <T>(
    uid: typeof COMMENT_UID | typeof REVIEW_UID,
    select: string[],
    documentIds: string[]
  ): Promise<T[]> =>
    documentIds.length
      ? ((await strapi.db.query(uid).findMany({ select, where: { documentId: { $in: documentIds } } })) as T[])
      : [];

  /** Comments per status under `where`, in one grouped query; `all` is their sum. */
  const countByStatus = async (where: Filters): Promise<StatusCounts> => {
    const knex = strapi.db.connection;
    const rows = (await strapi.db
      .queryBuilder(COMMENT_UID)
      .select([knex.raw('?? AS ??', [MODERATION_COLUMN, 'status']), knex.raw('COUNT(*) AS ??', ['n'])])
      .where(where)
      .groupBy([MODERATION_COLUMN])
      .execute({ mapResults: false })) as Array<{ status: string; n: number | string }>;
    const counts = { pending: 0, approved: 0, rejected: 0, spam: 0, all: 0 } as StatusCounts;
    for (const row of rows) {
      if ((COMMENT_STATUSES as readonly string[]).includes(row.status)) {
        counts[row.status as CommentStatus] = Number(row.n);
        counts.all += Number(row.n);
      }
    }
    return counts;
  };

  /** Title and published state of the reviews a page of comments belongs to (one query). */
  const reviewsFor = async (documentIds: string[]) => {
    const map = new Map<string, { documentId: string; title: string; published: boolean }>();
    const rows = await findByDocumentIds<{ documentId: string; title: string; publishedAt: unknown }>(
      REVIEW_UID,
      ['documentId', 'title', 'publishedAt'],
      documentIds
    );
    for (const row of rows) {
      const prev = map.get(row.documentId);
      const published = Boolean(row.publishedAt) || Boolean(prev?.published);
      // The draft row carries the latest title.
      const title = !row.publishedAt || !prev ? row.title : prev.title;
      map.set(row.documentId, { documentId: row.documentId, title, published });
    }
    return map;
  };

  /** Author and status of the comments a page of replies answers (one query). */
  const parentsFor = async (documentIds: string[]) => {
    const rows = await findByDocumentIds<{ documentId: string; authorName: string; moderationStatus: CommentStatus }>(
      COMMENT_UID,
      ['documentId', 'authorName', 'moderationStatus'],
      documentIds
    );
    return new Map<string, { documentId: string; authorName: string; status: CommentStatus }>(
      rows.map((row) => [
        row.documentId,
        { documentId: row.documentId, authorName: row.authorName, status: row.moderationStatus },
      ])
    );
  };

  const toRows = async (list: Row[]): Promise<ModerationRow[]> => {
    const reviewIds = [...new Set(list.map((c) => c.reviewDocumentId as string).filter(Boolean))];
    const parentIds = [...new Set(list.map((c) => c.parentDocumentId as string).filter(Boolean))];
    const [reviews, parents] = await Promise.all([reviewsFor(reviewIds), parentsFor(parentIds)]);
    return list.map((c) => ({
      id: c.documentId as string,
      documentId: c.documentId as string,
      authorName: c.authorName as string,
      authorEmail: (c.authorEmail as string) ?? null,
      ip: (c.ip as string) ?? null,
      userAgent: (c.userAgent as string) ?? null,
      content: c.content as string,
      status: c.moderationStatus as CommentStatus,
      authorIsEditor: Boolean(c.authorIsEditor),
      hiddenByReports: c.hiddenByReports === true,
      createdAt: str(c.createdAt),
      moderatedAt: str(c.moderatedAt),
      review: reviews.get(c.reviewDocumentId as string) ?? null,
      parent: c.parentDocumentId ? (parents.get(c.parentDocumentId as string) ?? null) : null,
    }));
  };

  /** An editor's decision on one comment; it replaces what readers' reports did. */
  const decide = (documentId: string, status: CommentStatus, moderatedAt: string) =>
    comments().update({
      documentId,
      data: commentData({ moderationStatus: status, moderatedAt, hiddenByReports: false }),
    });

  /** Clears the readers' reports of the given comments (the count starts again). */
  const clearReports = (documentIds: string[]) =>
    strapi.db.query(REPORT_UID).deleteMany({ where: { commentDocumentId: { $in: documentIds } } });

  return { comments, findByDocumentIds, countByStatus, reviewsFor, toRows, decide, clearReports };
};

export type ModerationRows = ReturnType<typeof moderationRows>;
