/** Query and body rules of the admin moderation routes (queue, review filter, bulk, reply, edit-view panel). */
import { z } from 'zod';
import {
  COMMENT_STATUSES,
  MAX_BULK_IDS,
  MAX_COMMENT_LENGTH,
  MAX_QUEUE_PAGE_SIZE,
  MODERATION_ACTIONS,
  SORTABLE_FIELDS,
} from '../shared/comment-moderation';
import { plainText } from './plain-text';

export const documentIdParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a documentId' });

/** `page` and `pageSize` of the admin's paged lists (queue and Reported tab). */
const adminPageParams = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_QUEUE_PAGE_SIZE, { message: `must be at most ${MAX_QUEUE_PAGE_SIZE}` })
    .default(10),
};

const SORT_PATTERN = new RegExp(`^(${SORTABLE_FIELDS.join('|')}):(asc|desc)$`, 'i');
const STATUS_FILTERS = [...COMMENT_STATUSES, 'all'] as const;

export const queueQuerySchema = z.strictObject({
  status: z.enum(STATUS_FILTERS, { message: `must be one of ${STATUS_FILTERS.join(', ')}` }).default('pending'),
  q: z.string().trim().max(200, { message: 'must be at most 200 characters' }).optional(),
  review: documentIdParam.optional(),
  ...adminPageParams,
  sort: z
    .string()
    .regex(SORT_PATTERN, { message: `must be one of ${SORTABLE_FIELDS.join(', ')} with :asc or :desc` })
    .default('createdAt:desc'),
});

export const bulkBodySchema = z.strictObject({
  action: z.enum(MODERATION_ACTIONS, { message: `must be one of ${MODERATION_ACTIONS.join(', ')}` }),
  ids: z
    .array(documentIdParam)
    .min(1, { message: 'must hold at least one id' })
    .max(MAX_BULK_IDS, { message: `must hold at most ${MAX_BULK_IDS} ids` }),
});

export const replyBodySchema = z.strictObject({ content: plainText(1, MAX_COMMENT_LENGTH) });

export const reviewOptionsQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const overviewQuerySchema = z.strictObject({ status: z.enum(['draft', 'published']).default('draft') });

/** The Reported tab's page query. */
export const reportedQuerySchema = z.strictObject(adminPageParams);
