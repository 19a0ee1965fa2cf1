/**
 * Comment moderation for the admin panels: the queue (server-side filter, search,
 * sort and pagination with per-status counts), bulk status changes and deletes,
 * editor replies, and the numbers the review edit-view panel shows.
 *
 * Every write goes through `strapi.documents()` so the validation middleware (and
 * anything else hooked into the document service, like cache invalidation) sees it.
 * Reads of a page are a bounded number of queries whatever the page size.
 */
import type { Core } from '@strapi/strapi';
import { COMMENT_STATUSES, COMMENT_UID, REPORT_UID, REVIEW_UID, type CommentStatus } from '../utils/constants';
import { hostErrors } from '../utils/host-errors';
import { pluginApiPrefix } from '../utils/plugin-path';
import { expandStillsBatch, missingStillFiles, toPublicSong } from '../custom-fields/read';
import { buildStructuredData, type StructuredData, type StructuredDataInput } from './structured-data';
import { buildSeo, type ReviewSeo } from './seo';
import { absoluteMediaUrl, reviewPageUrl } from './site-urls';
import { getService } from '../utils/get-service';

import {
  MAX_BULK_IDS,
  REPORT_REASONS,
  type ReportReason,
  type ModerationAction,
  type SortableField,
  type StatusCounts,
} from '../shared/comment-moderation';

/** The database column of the comment attribute `moderationStatus`. */
const MODERATION_COLUMN = 'moderation_status';

const STATUS_FOR: Record<Exclude<ModerationAction, 'delete'>, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
};

export interface ListQuery {
  status: CommentStatus | 'all';
  q?: string;
  review?: string;
  page: number;
  pageSize: number;
  sort: { field: SortableField; order: 'asc' | 'desc' };
}

export interface ModerationRow {
  id: string;
  documentId: string;
  authorName: string;
  authorEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  content: string;
  status: CommentStatus;
  authorIsEditor: boolean;
  /** Moved back to pending because readers' reports reached the threshold. */
  hiddenByReports: boolean;
  createdAt: string | null;
  moderatedAt: string | null;
  review: { documentId: string; title: string; published: boolean } | null;
  parent: { documentId: string; authorName: string; status: CommentStatus } | null;
}

export interface AdminUserLike {
  id?: number | string;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

export type PanelWarning =
  | { code: 'still-missing-alt'; index: number }
  | { code: 'still-file-missing'; fileIds: number[] }
  | { code: 'song-unparseable'; url: string | null }
  | { code: 'avatar-missing-alt' };

export interface ReviewOverview {
  documentId: string;
  status: 'draft' | 'published';
  title: string | null;
  counts: StatusCounts;
  published: boolean;
  publishedAt: string | null;
  publicUrl: string | null;
  structuredData: StructuredData;
  /** The search-result and social-card values of this version (the panel's previews). */
  seo: ReviewSeo;
  warnings: PanelWarning[];
}

type Row = Record<string, unknown>;

/** Statuses of comments whose reports still await an editor's decision. */
const AWAITING_DECISION: CommentStatus[] = ['approved', 'pending'];
/** Reports read per listed comment (reasons and notes); the count is exact whatever this is. */
const MAX_REPORTS_READ_PER_COMMENT = 100;
const MAX_NOTES_SHOWN = 5;

export interface ReportedQuery {
  page: number;
  pageSize: number;
}

export interface ReportSummary {
  count: number;
  reasons: Record<ReportReason, number>;
  /** The most recent notes readers wrote (at most five). */
  notes: string[];
  lastReportedAt: string | null;
  hiddenByReports: boolean;
}

export interface ReportedPage {
  data: Array<ModerationRow & { reports: ReportSummary }>;
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

/** The signed-in admin's Content Manager rights on one review (entry conditions, readable fields). */
export interface ReviewAccess {
  cannotRead(review: Row): boolean;
  sanitize(review: Row): Promise<Row>;
}
type Filters = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null);

/** A MAX() of a datetime column: a Date, text or (SQLite) epoch milliseconds, as ISO text. */
const isoOf = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

/** The name a reply is attributed to: the admin user's username, else first + last name, else email. */
export const editorName = (user: AdminUserLike): string => {
  const full = [user.firstname, user.lastname]
    .filter((p) => typeof p === 'string' && p.trim())
    .join(' ')
    .trim();
  const name = (user.username && user.username.trim()) || full || user.email || 'Editor';
  return name.slice(0, 80);
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => strapi.documents(COMMENT_UID);
  type CommentUpdate = Parameters<ReturnType<typeof comments>['update']>[0]['data'];
  /** The generated content-type registry does not know the plugin's attributes; the middleware validates them. */
  const commentData = (data: Record<string, unknown>) => data as unknown as CommentUpdate;

  const baseFilters = (query: Pick<ListQuery, 'q' | 'review'>): Filters[] => {
    const and: Filters[] = [];
    if (query.review) and.push({ reviewDocumentId: query.review });
    if (query.q) and.push({ $or: [{ authorName: { $containsi: query.q } }, { content: { $containsi: query.q } }] });
    return and;
  };

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
    if (!documentIds.length) return map;
    const rows = (await strapi.db.query(REVIEW_UID).findMany({
      select: ['documentId', 'title', 'publishedAt'],
      where: { documentId: { $in: documentIds } },
    })) as Array<{ documentId: string; title: string; publishedAt: unknown }>;
    for (const row of rows) {
      const prev = map.get(row.documentId);
      const published = Boolean(row.publishedAt) || Boolean(prev?.published);
      // The draft row carries the latest title.
      const title = !row.publishedAt || !prev ? row.title : prev.title;
      map.set(row.documentId, { documentId: row.documentId, title, published });
    }
    return map;
  };

  const parentsFor = async (documentIds: string[]) => {
    const map = new Map<string, { documentId: string; authorName: string; status: CommentStatus }>();
    if (!documentIds.length) return map;
    const rows = (await strapi.db.query(COMMENT_UID).findMany({
      select: ['documentId', 'authorName', 'moderationStatus'],
      where: { documentId: { $in: documentIds } },
    })) as Array<{ documentId: string; authorName: string; moderationStatus: CommentStatus }>;
    for (const row of rows)
      map.set(row.documentId, { documentId: row.documentId, authorName: row.authorName, status: row.moderationStatus });
    return map;
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
    const rows = (await open().countDistinct({ total: r.comment })) as Array<{ total?: number | string }>;
    return Number(rows[0]?.total ?? 0);
  };

  const FIELDS = [
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

  return {
    /** A page of the queue, the counts per status under the same search/review filter, and the filtered review. */
    async list(query: ListQuery) {
      const and = baseFilters(query);
      const where = query.status === 'all' ? { $and: and } : { $and: [...and, { moderationStatus: query.status }] };
      const { field, order } = query.sort;
      // Reads go to the query engine directly (one statement each, no transaction around them).
      const [page, counts, reviewFilter, reported] = await Promise.all([
        strapi.db.query(COMMENT_UID).findMany({
          select: FIELDS,
          where,
          orderBy: [{ [field === 'status' ? 'moderationStatus' : field]: order }, { id: order }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }) as Promise<Row[]>,
        countByStatus({ $and: and }),
        query.review ? reviewsFor([query.review]) : Promise.resolve(null),
        reportedTotal(),
      ]);
      const total = counts[query.status];
      return {
        data: await toRows(page),
        meta: {
          pagination: {
            page: query.page,
            pageSize: query.pageSize,
            pageCount: Math.ceil(total / query.pageSize),
            total,
          },
          counts,
          /** Comments in the Reported tab (not narrowed by the search or review filter). */
          reported,
          review: query.review ? (reviewFilter?.get(query.review) ?? null) : undefined,
        },
      };
    },

    /**
     * The Reported tab: comments with readers' reports that still await a decision
     * (approved ones under the threshold, and pending ones, hidden by reports or not),
     * most reported first, then most recently reported. A page costs the same number
     * of queries whatever its size: the grouped page, its total, the page's reports,
     * its comments, and their reviews and parents.
     */
    async reported(query: ReportedQuery): Promise<ReportedPage> {
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
          .then((rows: unknown) => rows as Array<{ commentDocumentId: string; n: number | string; last: unknown }>),
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
            }) as Promise<
              Array<{ commentDocumentId: string; reason: string; note: string | null; createdAt: unknown }>
            >,
            strapi.db.query(COMMENT_UID).findMany({
              select: FIELDS,
              where: { documentId: { $in: ids } },
            }) as Promise<Row[]>,
          ])
        : [[], []];
      const rows = await toRows(list);
      const byId = new Map(rows.map((row) => [row.documentId, row]));
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
        meta: {
          pagination: {
            page: query.page,
            pageSize: query.pageSize,
            pageCount: Math.ceil(total / query.pageSize),
            total,
          },
        },
      };
    },

    /** Reviews for the queue's review filter: title search, at most `limit`, newest first. */
    async reviewOptions(q: string | undefined, limit: number) {
      const where: Filters = q ? { $or: [{ title: { $containsi: q } }, { movieTitle: { $containsi: q } }] } : {};
      // Draft rows exist for every review (published ones too), so they list each review once.
      const rows = (await strapi.db.query(REVIEW_UID).findMany({
        select: ['documentId', 'title', 'movieTitle', 'movieYear'],
        where: { ...where, publishedAt: { $null: true } },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        limit,
      })) as Array<{ documentId: string; title: string; movieTitle: string; movieYear: number }>;
      return rows.map((r) => ({
        documentId: r.documentId,
        title: r.title,
        movieTitle: r.movieTitle,
        movieYear: r.movieYear,
      }));
    },

    /**
     * Applies one action to up to MAX_BULK_IDS comments in one transaction.
     * Ids that no longer exist (deleted meanwhile, or with a deleted parent) are reported, not an error.
     */
    async apply(action: ModerationAction, ids: string[]) {
      const unique = [...new Set(ids)].slice(0, MAX_BULK_IDS);
      return strapi.db.transaction(async () => {
        const existing = (await strapi.db.query(COMMENT_UID).findMany({
          select: ['documentId', 'moderationStatus'],
          where: { documentId: { $in: unique } },
          limit: unique.length,
        })) as Array<{ documentId: string; moderationStatus: CommentStatus }>;
        const byId = new Map(existing.map((c) => [c.documentId, c]));
        const missing = unique.filter((id) => !byId.has(id));
        const changed: string[] = [];
        const unchanged: string[] = [];
        if (action === 'delete') {
          for (const id of unique) {
            if (!byId.has(id)) continue;
            // Replies go with their parent (document middleware); a reply already gone counts as deleted.
            await comments().delete({ documentId: id });
            changed.push(id);
          }
        } else {
          const status = STATUS_FOR[action];
          const moderatedAt = new Date().toISOString();
          for (const id of unique) {
            const current = byId.get(id);
            if (!current) continue;
            if (current.moderationStatus === status) {
              unchanged.push(id);
              continue;
            }
            // An editor's decision replaces what readers' reports did.
            await comments().update({
              documentId: id,
              data: commentData({ moderationStatus: status, moderatedAt, hiddenByReports: false }),
            });
            changed.push(id);
          }
        }
        // Approving is the editor's answer to the reports: they are cleared (the count starts again), as are
        // the reports of deleted comments. Rejected and spam comments keep theirs (they are not public anyway).
        if (action === 'approve' || action === 'delete') {
          const decided = unique.filter((id) => byId.has(id));
          if (decided.length) {
            await strapi.db.query(REPORT_UID).deleteMany({ where: { commentDocumentId: { $in: decided } } });
          }
        }
        return { action, changed, unchanged, missing };
      });
    },

    /**
     * Creates an approved reply by the signed-in editor under `parentDocumentId`, in the parent's review.
     * Replying to a pending comment approves it too (a visible reply under an invisible comment makes no sense);
     * rejected and spam comments cannot be replied to.
     */
    async reply(parentDocumentId: string, content: string, user: AdminUserLike) {
      const { NotFoundError, ValidationError } = hostErrors();
      return strapi.db.transaction(async () => {
        const parent = (await comments().findOne({
          documentId: parentDocumentId,
          fields: ['documentId', 'reviewDocumentId', 'moderationStatus'],
        })) as { documentId: string; reviewDocumentId: string; moderationStatus: CommentStatus } | null;
        if (!parent) throw new NotFoundError(`comment ${parentDocumentId} does not exist`);
        if (parent.moderationStatus === 'rejected' || parent.moderationStatus === 'spam') {
          throw new ValidationError(`cannot reply to a comment marked ${parent.moderationStatus}; approve it first`);
        }
        const now = new Date().toISOString();
        let parentApproved = false;
        if (parent.moderationStatus === 'pending') {
          await comments().update({
            documentId: parent.documentId,
            data: commentData({ moderationStatus: 'approved', moderatedAt: now, hiddenByReports: false }),
          });
          await strapi.db.query(REPORT_UID).deleteMany({ where: { commentDocumentId: parent.documentId } });
          parentApproved = true;
        }
        const created = (await comments().create({
          data: {
            reviewDocumentId: parent.reviewDocumentId,
            parentDocumentId: parent.documentId,
            authorName: editorName(user),
            authorEmail: user.email,
            content,
            moderationStatus: 'approved',
            authorIsEditor: true,
            moderatedAt: now,
          },
        })) as Row;
        const [row] = await toRows([created]);
        return { reply: row, parentApproved };
      });
    },

    /** What the review edit-view panel shows for one review (the version being edited: draft or published). */
    async overview(
      documentId: string,
      status: 'draft' | 'published',
      access?: ReviewAccess
    ): Promise<ReviewOverview | null> {
      const review = (await strapi.documents(REVIEW_UID).findOne({
        documentId,
        status,
        populate: {
          authorAvatar: { fields: ['alternativeText', 'url'] },
          author: { fields: ['name', 'slug', 'links'], populate: { avatar: { fields: ['alternativeText', 'url'] } } },
        },
      })) as (StructuredDataInput & Row) | null;
      const published = (await strapi.db.query(REVIEW_UID).findOne({
        select: ['slug', 'publishedAt'],
        where: { documentId, publishedAt: { $notNull: true } },
      })) as { slug: string | null; publishedAt: unknown } | null;
      if (!review && !published) return null;
      if (review && access?.cannotRead(review)) {
        throw new (hostErrors().ForbiddenError)('you cannot read this review');
      }

      const counts = await countByStatus({ reviewDocumentId: documentId });
      // Only what the viewer may read in the Content Manager feeds the preview and the warnings.
      const source = (review ? (access ? await access.sanitize(review) : review) : {}) as StructuredDataInput & Row;

      const warnings: PanelWarning[] = [];
      const stills = Array.isArray(source.stills) ? (source.stills as Array<{ alt?: unknown }>) : [];
      stills.forEach((still, index) => {
        if (typeof still?.alt !== 'string' || still.alt.trim() === '')
          warnings.push({ code: 'still-missing-alt', index });
      });
      const missing = await missingStillFiles(strapi, source.stills);
      if (missing.length) warnings.push({ code: 'still-file-missing', fileIds: missing });
      if (source.song && typeof source.song === 'object' && !toPublicSong(source.song)) {
        const url = (source.song as { url?: unknown }).url;
        warnings.push({ code: 'song-unparseable', url: typeof url === 'string' ? url : null });
      }
      const avatar = ((source.author as { avatar?: unknown } | null | undefined)?.avatar ?? source.authorAvatar) as
        { alternativeText?: string | null } | null | undefined;
      if (avatar && !(avatar.alternativeText && avatar.alternativeText.trim()))
        warnings.push({ code: 'avatar-missing-alt' });

      const serverUrl = ((strapi.config.get('server.url', '') as string) || '').replace(/\/$/, '');
      const publicUrl = published?.slug
        ? `${serverUrl}${pluginApiPrefix(strapi)}/reviews/${encodeURIComponent(published.slug)}`
        : null;

      const site = await getService(strapi, 'siteUrls').context();
      const [expandedStills] = await expandStillsBatch(strapi, [source.stills]);
      const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
      const synopsis = source.synopsis as { text?: unknown } | null | undefined;
      const slug = textOf(source.slug) ?? textOf(published?.slug);
      const seo = buildSeo(
        {
          title: textOf(source.title) ?? '',
          seoTitle: textOf(source.seoTitle),
          seoDescription: textOf(source.seoDescription),
          synopsis: textOf(synopsis?.text) ? { text: synopsis?.text as string } : null,
          body: source.body,
          stills: expandedStills.map((still) => ({
            ...still,
            image: { ...still.image, url: absoluteMediaUrl(still.image.url, site.mediaBase) },
          })),
          tags: Array.isArray(source.tags) ? source.tags.filter((t): t is string => typeof t === 'string') : [],
          publishedAt: str(source.publishedAt ?? published?.publishedAt) ?? '',
          updatedAt: str(source.updatedAt) ?? '',
        },
        slug ? reviewPageUrl(slug, site) : null,
        site.siteName,
        str(source.updatedAt) ?? ''
      );

      return {
        documentId,
        status,
        seo,
        title: (source.title as string) ?? null,
        counts,
        published: Boolean(published),
        publishedAt: str(published?.publishedAt),
        publicUrl,
        structuredData: buildStructuredData(
          { ...source, publishedAt: source.publishedAt ?? (published?.publishedAt as string | null) ?? null },
          counts.approved,
          {
            url: seo.canonicalUrl,
            siteName: site.siteName,
            siteLogoUrl: site.siteLogoUrl,
            authorUrlPattern: site.authorUrlPattern,
          }
        ),
        warnings,
      };
    },
  };
};
