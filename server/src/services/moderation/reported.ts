/**
 * The Reported tab: comments with readers' reports that still await an editor's decision,
 * with a summary of the reports of each.
 */
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, REPORT_UID, type CommentStatus } from '../../utils/constants';
import { REPORT_REASONS, type ReportReason } from '../../shared/comment-moderation';
import { COMMENT_FIELDS, MODERATION_COLUMN, paginationOf, type ModerationRows, type Row } from './rows';
import type { ReportedPage, ReportSummary } from '../../shared/moderation-dto';

export type { ReportedPage, ReportSummary };

/** Statuses of comments whose reports still await an editor's decision. */
const AWAITING_DECISION: CommentStatus[] = ['approved', 'pending'];
/** Reports read per listed comment (reasons and notes); the count is exact whatever this is. */
const MAX_REPORTS_READ_PER_COMMENT = 100;
const MAX_NOTES_SHOWN = 5;

export interface ReportedQuery {
  page: number;
  pageSize: number;
}

/** A MAX() of a datetime column: a Date, text or (SQLite) epoch milliseconds, as ISO text. */
const isoOf = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

export const reportedTab = (strapi: Core.Strapi, rows: ModerationRows) => {
  /** Reports whose comment still awaits an editor's decision (a join of reports and comments), and its columns. */
  const reportsAwaitingDecision = () => {
    const knex = strapi.db.connection;
    const reportMeta = strapi.db.metadata.get(REPORT_UID);
    const commentMeta = strapi.db.metadata.get(COMMENT_UID);
    const col = (meta: typeof reportMeta, attribute: string) =>
      (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? attribute;
    const r = {
      comment: `r.${col(reportMeta, 'commentDocumentId')}`,
      created: `r.${col(reportMeta, 'createdAt')}`,
    };
    const c = { documentId: `c.${col(commentMeta, 'documentId')}`, status: `c.${MODERATION_COLUMN}` };
    const open = () =>
      knex(`${reportMeta.tableName} as r`)
        .join(`${commentMeta.tableName} as c`, c.documentId, r.comment)
        .whereIn(c.status, AWAITING_DECISION);
    return { open, r };
  };

  /** How many comments the Reported tab lists (one query). */
  const reportedTotal = async (): Promise<number> => {
    const { open, r } = reportsAwaitingDecision();
    const result = (await open().countDistinct({ total: r.comment })) as Array<{ total?: number | string }>;
    return Number(result[0]?.total ?? 0);
  };

  /**
   * The Reported tab: comments with readers' reports that still await a decision
   * (approved ones under the threshold, and pending ones, hidden by reports or not),
   * most reported first, then most recently reported. A page costs the same number
   * of queries whatever its size: the grouped page, its total, the page's reports,
   * its comments, and their reviews and parents.
   */
  const reported = async (query: ReportedQuery): Promise<ReportedPage> => {
    const { open, r } = reportsAwaitingDecision();
    const [page, total] = await Promise.all([
      open()
        .select({ commentDocumentId: r.comment })
        .count({ n: '*' })
        .max({ last: r.created })
        .groupBy(r.comment)
        .orderBy([
          { column: 'n', order: 'desc' },
          { column: 'last', order: 'desc' },
          { column: 'commentDocumentId', order: 'asc' },
        ])
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .then((result: unknown) => result as Array<{ commentDocumentId: string; n: number | string; last: unknown }>),
      reportedTotal(),
    ]);
    const ids = page.map((p) => p.commentDocumentId);
    const [details, list] = ids.length
      ? await Promise.all([
          strapi.db.query(REPORT_UID).findMany({
            select: ['commentDocumentId', 'reason', 'note', 'createdAt'],
            where: { commentDocumentId: { $in: ids } },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            limit: ids.length * MAX_REPORTS_READ_PER_COMMENT,
          }) as Promise<Array<{ commentDocumentId: string; reason: string; note: string | null; createdAt: unknown }>>,
          rows.findByDocumentIds<Row>(COMMENT_UID, COMMENT_FIELDS, ids),
        ])
      : [[], []];
    const listed = await rows.toRows(list);
    const byId = new Map(listed.map((row) => [row.documentId, row]));
    const summaries = new Map<string, ReportSummary>();
    for (const p of page) {
      summaries.set(p.commentDocumentId, {
        count: Number(p.n),
        reasons: Object.fromEntries(REPORT_REASONS.map((reason) => [reason, 0])) as Record<ReportReason, number>,
        notes: [],
        lastReportedAt: isoOf(p.last),
        hiddenByReports: byId.get(p.commentDocumentId)?.hiddenByReports ?? false,
      });
    }
    for (const d of details) {
      const summary = summaries.get(d.commentDocumentId);
      if (!summary) continue;
      if ((REPORT_REASONS as readonly string[]).includes(d.reason)) summary.reasons[d.reason as ReportReason] += 1;
      if (d.note && summary.notes.length < MAX_NOTES_SHOWN) summary.notes.push(d.note);
    }
    return {
      data: page.flatMap((p) => {
        const row = byId.get(p.commentDocumentId);
        const reports = summaries.get(p.commentDocumentId);
        return row && reports ? [{ ...row, reports }] : [];
      }),
      meta: { pagination: paginationOf(query, total) },
    };
  };

  return { reported, reportedTotal };
};
