/**
 * Comment rules: what a reader may post (`commentInputSchema`, REST and GraphQL
 * alike), what any stored write must satisfy (`commentWriteSchema`, checked by the
 * document-service middleware for every write path), and how deep threads go.
 */
import { z } from 'zod';
import { COMMENT_STATUSES } from '../utils/constants';
import { optionalPlainText, plainText } from './plain-text';

export const MAX_AUTHOR_NAME = 80;
export const MAX_COMMENT_CONTENT = 5000;

/**
 * Replies nest at most this deep: the public thread shows this many levels, and a
 * new parent is checked for loops over at most this many ancestors.
 */
export const MAX_THREAD_DEPTH = 20;

export const emailSchema = z
  .string()
  .max(254, { message: 'must be at most 254 characters' })
  .email({ message: 'must be a valid email address' });

export const documentIdSchema = z.string().min(1).max(64);

export const authorNameSchema = plainText(1, MAX_AUTHOR_NAME);
export const commentContentSchema = plainText(1, MAX_COMMENT_CONTENT);

/** The body of `POST /reviews/:slug/comments` and the GraphQL `data` input: anything else (status, ip...) is a 400. */
export const commentInputSchema = z.strictObject({
  authorName: authorNameSchema,
  authorEmail: emailSchema,
  content: commentContentSchema,
  parent: documentIdSchema.nullable().optional(),
  // Honeypot: hidden from people by the site's form, filled in by bots.
  website: z.string().max(2048).nullable().optional(),
});

export type CommentInput = z.infer<typeof commentInputSchema>;

/** Rules for every write of a stored comment (admin, document service, public API). */
export const commentWriteSchema = z.object({
  reviewDocumentId: documentIdSchema.optional(),
  parentDocumentId: documentIdSchema.nullable().optional(),
  authorName: authorNameSchema.optional(),
  authorEmail: emailSchema.optional(),
  content: commentContentSchema.optional(),
  moderationStatus: z.enum(COMMENT_STATUSES, { message: `must be one of ${COMMENT_STATUSES.join(', ')}` }).optional(),
  ip: optionalPlainText(64),
  userAgent: z.string().max(512).nullable().optional(),
  moderatedAt: z.union([z.string(), z.date()]).nullable().optional(),
  authorIsEditor: z.boolean().optional(),
  /** Set when readers' reports hid the comment (moved it back to pending); an approval clears it. */
  hiddenByReports: z.boolean().optional(),
});

export const commentRequiredOnCreate = ['reviewDocumentId', 'authorName', 'authorEmail', 'content'] as const;
