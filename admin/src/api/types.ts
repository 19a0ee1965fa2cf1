/** Shapes of the plugin's admin API (server/src/controllers/moderation.ts, admin-settings.ts). */
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type StatusFilter = CommentStatus | 'all';
export type ModerationAction = 'approve' | 'reject' | 'spam' | 'delete';
export type StatusCounts = Record<CommentStatus, number> & { all: number };

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

export interface CommentPage {
  data: ModerationComment[];
  meta: {
    pagination: Pagination;
    counts: StatusCounts;
    /** Comments in the Reported tab. */
    reported: number;
    review?: { documentId: string; title: string; published: boolean } | null;
  };
}

export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'spoiler', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A comment of the Reported tab: the moderation row and its readers' reports. */
export interface ReportedComment extends ModerationComment {
  reports: {
    count: number;
    reasons: Record<ReportReason, number>;
    /** The most recent notes readers wrote (at most five). */
    notes: string[];
    lastReportedAt: string | null;
    /** Hidden from the public because it reached the report threshold. */
    hiddenByReports: boolean;
  };
}

export interface ReportedPage {
  data: ReportedComment[];
  meta: { pagination: Pagination };
}

export interface QueueQuery {
  status: StatusFilter;
  q?: string;
  review?: string;
  page: number;
  pageSize: number;
  sort: string;
}

export interface ReviewOption {
  documentId: string;
  title: string;
  movieTitle: string;
  movieYear: number;
}

export interface ActionResult {
  action: ModerationAction;
  changed: string[];
  unchanged: string[];
  missing: string[];
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
  structuredData: Record<string, unknown>;
  seo: PanelSeo;
  warnings: PanelWarning[];
}

/** The search-result and social-card values the panel previews (a subset of the public `seo`). */
export interface PanelSeo {
  title: string;
  description: string;
  canonicalUrl: string | null;
  image: { url: string; width: number | null; height: number | null; alt: string } | null;
  openGraph: { siteName: string | null };
  twitter: { card: 'summary_large_image' | 'summary' };
}

export interface Settings {
  autoApprove: boolean;
  rateLimitPoints: number;
  cacheMaxAge: number;
  embedProviders: string[];
  commentsEnabledByDefault: boolean;
  grantPublicPermissions: boolean;
  siteUrl: string | null;
  reviewUrlPattern: string | null;
  siteName: string | null;
  siteLogoUrl: string | null;
  mediaBaseUrl: string | null;
  /** e.g. `https://example.com/authors/{slug}`; null when unset. */
  authorUrlPattern: string | null;
  reportThreshold: number;
}

/** One field problem of a 400 ValidationError (`error.details.errors`). */
export interface FieldError {
  path: string[];
  message: string;
}
