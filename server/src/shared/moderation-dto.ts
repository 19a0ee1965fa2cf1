/**
 * Shapes of the moderation answers of the admin API, written once for the server
 * (services/moderation/) and the admin (admin/src/api/types.ts). Pure module: types only.
 */
import type { CommentStatus, ReportReason, StatusCounts } from './comment-moderation';

/** One comment as the moderation page shows it, with its review and parent. */
export interface ModerationComment {
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

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** What readers reported about one comment (the Reported tab). */
export interface ReportSummary {
  count: number;
  reasons: Record<ReportReason, number>;
  /** The most recent notes readers wrote (at most five). */
  notes: string[];
  lastReportedAt: string | null;
  /** Hidden from the public because it reached the report threshold. */
  hiddenByReports: boolean;
}

/** A comment of the Reported tab: the moderation row and its readers' reports. */
export interface ReportedComment extends ModerationComment {
  reports: ReportSummary;
}

export interface ReportedPage {
  data: ReportedComment[];
  meta: { pagination: Pagination };
}

/** What the review edit-view panel warns about. */
export type PanelWarning =
  | { code: 'still-missing-alt'; index: number }
  | { code: 'still-file-missing'; fileIds: number[] }
  | { code: 'song-unparseable'; url: string | null }
  | { code: 'avatar-missing-alt' };

/**
 * The review edit-view panel's answer. The server fills `StructuredData` and `Seo` with
 * its own builders' types; the admin reads them as plain records and the preview subset.
 */
export interface ReviewOverview<StructuredData, Seo> {
  documentId: string;
  status: 'draft' | 'published';
  title: string | null;
  counts: StatusCounts;
  published: boolean;
  publishedAt: string | null;
  publicUrl: string | null;
  structuredData: StructuredData;
  /** The search-result and social-card values of this version (the panel's previews). */
  seo: Seo;
  warnings: PanelWarning[];
}
