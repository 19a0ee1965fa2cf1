/** Shapes of the plugin's admin API (server/src/controllers/moderation.ts, admin-settings.ts). */
import type { StatusCounts, StatusFilter, ModerationAction } from '../../../server/src/shared/comment-moderation';
import type {
  ModerationComment,
  Pagination,
  ReviewOverview as SharedReviewOverview,
} from '../../../server/src/shared/moderation-dto';

// Written once for the server and the admin (pure modules of server/src/shared/).
export {
  COMMENT_STATUSES,
  REPORT_REASONS,
  type CommentStatus,
  type StatusFilter,
  type ModerationAction,
  type StatusCounts,
  type ReportReason,
} from '../../../server/src/shared/comment-moderation';
export type {
  ModerationComment,
  Pagination,
  ReportSummary,
  ReportedComment,
  ReportedPage,
  PanelWarning,
} from '../../../server/src/shared/moderation-dto';

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

export type ReviewOverview = SharedReviewOverview<Record<string, unknown>, PanelSeo>;

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
