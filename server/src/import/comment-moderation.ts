/**
 * The one place the import writes a comment's moderation state. The comment
 * attribute is `status` today; a rename (to `moderationStatus`) changes only
 * this function.
 */
import type { SourceCommentState } from './types';

export const moderationData = (state: SourceCommentState): { status: SourceCommentState } => ({ status: state });
