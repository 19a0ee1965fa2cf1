import { z } from 'zod';
import { COMMENT_STATUSES } from '../utils/constants';
import { optionalPlainText, plainText } from './shared';

export const emailSchema = z
  .string()
  .max(254, { message: 'must be at most 254 characters' })
  .email({ message: 'must be a valid email address' });

/** Rules for every write of a stored comment (admin, document service, public API). */
export const commentWriteSchema = z.object({
  reviewDocumentId: z.string().min(1).max(64).optional(),
  parentDocumentId: z.string().min(1).max(64).nullable().optional(),
  authorName: plainText(1, 80).optional(),
  authorEmail: emailSchema.optional(),
  content: plainText(1, 5000).optional(),
  status: z.enum(COMMENT_STATUSES, { message: `must be one of ${COMMENT_STATUSES.join(', ')}` }).optional(),
  ip: optionalPlainText(64),
  userAgent: z.string().max(512).nullable().optional(),
  moderatedAt: z.union([z.string(), z.date()]).nullable().optional(),
  authorIsEditor: z.boolean().optional(),
});

export const commentRequiredOnCreate = ['reviewDocumentId', 'authorName', 'authorEmail', 'content'] as const;
