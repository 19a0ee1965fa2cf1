/**
 * Moderation constants shared by the server and the admin. Pure module: no
 * Strapi, no zod, no Node APIs, so the admin bundle can import it.
 */
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type StatusFilter = CommentStatus | 'all';
export type StatusCounts = Record<CommentStatus, number> & { all: number };

export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'delete'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** At most this many comments per bulk action. */
export const MAX_BULK_IDS = 100;

/** Sort keys of the moderation queue (`status` sorts on the moderation state). */
export const SORTABLE_FIELDS = ['createdAt', 'authorName', 'status', 'moderatedAt'] as const;
export type SortableField = (typeof SORTABLE_FIELDS)[number];

/** Page sizes of the moderation queue. */
export const MAX_QUEUE_PAGE_SIZE = 100;

/** Longest editor reply and reader comment. */
export const MAX_COMMENT_LENGTH = 5000;

/** Why a reader reports a comment (public API) and how the Reported tab groups them. */
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'spoiler', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
