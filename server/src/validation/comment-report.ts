/**
 * The body of `POST /reviews/:slug/comments/:documentId/report` and the arguments
 * of the GraphQL `reportMovieReviewComment` mutation: a reason from a fixed list
 * and an optional plain-text note. Anything else is a 400 naming the field.
 */
import { z } from 'zod';
import { optionalPlainText } from './plain-text';
import { documentIdParam } from './moderation';
import { REPORT_REASONS, type ReportReason } from '../shared/comment-moderation';

export { REPORT_REASONS, type ReportReason };

export const MAX_REPORT_NOTE = 500;

export const commentReportInputSchema = z.strictObject({
  reason: z.enum(REPORT_REASONS, { message: `must be one of ${REPORT_REASONS.join(', ')}` }),
  note: optionalPlainText(MAX_REPORT_NOTE),
});

export type CommentReportInput = z.infer<typeof commentReportInputSchema>;

/** The `:documentId` route parameter: the reported comment. */
export const reportedCommentParam = documentIdParam;
