export const PLUGIN_ID = 'movie-reviews';
export const REVIEW_UID = 'plugin::movie-reviews.movie-review' as const;
export const AUTHOR_UID = 'plugin::movie-reviews.author' as const;
export const COMMENT_UID = 'plugin::movie-reviews.comment' as const;
export const IDEMPOTENCY_UID = 'plugin::movie-reviews.idempotency-key' as const;
export const REPORT_UID = 'plugin::movie-reviews.comment-report' as const;
export { COMMENT_STATUSES, type CommentStatus } from '../shared/comment-moderation';
