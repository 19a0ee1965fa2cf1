/**
 * The one place the import writes a comment's moderation state (the comment
 * attribute `moderationStatus`).
 */
import type { SourceCommentState } from './types';

export const moderationData = (state: SourceCommentState): { moderationStatus: SourceCommentState } => ({
  moderationStatus: state,
});
