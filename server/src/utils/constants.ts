export const PLUGIN_ID = 'movie-reviews';
export const REVIEW_UID = 'plugin::movie-reviews.movie-review' as const;
export const COMMENT_UID = 'plugin::movie-reviews.comment' as const;
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
