/**
 * Admin controllers for the moderation page and the review edit-view panel.
 * Every query and body is parsed with a strict zod schema: unknown keys and
 * out-of-range values are a 400 in Strapi's error shape, never a 500.
 */
import { z } from 'zod';
import type { Core } from '@strapi/strapi';
import { COMMENT_STATUSES, PLUGIN_ID, REVIEW_UID } from '../utils/constants';
import { zodToValidationError } from '../utils/zod-issues';
import { plainText } from '../validation/shared';
import {
  MAX_BULK_IDS,
  MODERATION_ACTIONS,
  SORTABLE_FIELDS,
  type AdminUserLike,
  type ListQuery,
  type ReviewAccess,
  type SortableField,
} from '../services/moderation';
import type moderationService from '../services/moderation';

type Ctx = {
  query: unknown;
  params: Record<string, string>;
  request: { body?: unknown };
  state: { user?: AdminUserLike; userAbility?: unknown };
  body: unknown;
  status: number;
  notFound: (message?: string) => void;
};

interface PermissionCheckerService {
  create(options: { userAbility: unknown; model: string }): {
    cannot: { read(entity: Record<string, unknown>): boolean };
    sanitizeOutput(entity: Record<string, unknown>): Promise<unknown>;
  };
}

const documentId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a documentId' });

const SORT_PATTERN = new RegExp(`^(${SORTABLE_FIELDS.join('|')}):(asc|desc)$`, 'i');

export const listQuerySchema = z.strictObject({
  status: z.enum([...COMMENT_STATUSES, 'all'], { message: `must be one of ${[...COMMENT_STATUSES, 'all'].join(', ')}` }).default('pending'),
  q: z.string().trim().max(200, { message: 'must be at most 200 characters' }).optional(),
  review: documentId.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'must be at most 100' }).default(10),
  sort: z
    .string()
    .regex(SORT_PATTERN, { message: `must be one of ${SORTABLE_FIELDS.join(', ')} with :asc or :desc` })
    .default('createdAt:desc'),
});

export const bulkBodySchema = z.strictObject({
  action: z.enum(MODERATION_ACTIONS, { message: `must be one of ${MODERATION_ACTIONS.join(', ')}` }),
  ids: z
    .array(documentId)
    .min(1, { message: 'must hold at least one id' })
    .max(MAX_BULK_IDS, { message: `must hold at most ${MAX_BULK_IDS} ids` }),
});

export const replyBodySchema = z.strictObject({ content: plainText(1, 5000) });

const reviewOptionsQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const overviewQuery = z.strictObject({ status: z.enum(['draft', 'published']).default('draft') });

const parse = <T extends z.ZodType>(schema: T, value: unknown, prefix: string[]): z.infer<T> => {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw zodToValidationError(parsed.error, prefix);
  return parsed.data;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('moderation') as ReturnType<typeof moderationService>;

  /** The Content Manager's own permission checker: entry conditions and field-level read rights. */
  const reviewAccess = (userAbility: unknown): ReviewAccess | undefined => {
    if (!userAbility) return undefined;
    const checker = (strapi.plugin('content-manager').service('permission-checker') as unknown as PermissionCheckerService).create({
      userAbility,
      model: REVIEW_UID,
    });
    return {
      cannotRead: (review) => checker.cannot.read(review),
      sanitize: async (review) => (await checker.sanitizeOutput(review)) as Record<string, unknown>,
    };
  };

  return {
    async list(ctx: Ctx) {
      const query = parse(listQuerySchema, ctx.query, ['query']);
      const [field, order] = query.sort.split(':');
      const listQuery: ListQuery = {
        status: query.status,
        q: query.q || undefined,
        review: query.review,
        page: query.page,
        pageSize: query.pageSize,
        sort: {
          field: SORTABLE_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase()) as SortableField,
          order: order.toLowerCase() as 'asc' | 'desc',
        },
      };
      ctx.body = await service().list(listQuery);
    },

    async reviews(ctx: Ctx) {
      const query = parse(reviewOptionsQuery, ctx.query, ['query']);
      ctx.body = { data: await service().reviewOptions(query.q || undefined, query.limit) };
    },

    async bulk(ctx: Ctx) {
      const body = parse(bulkBodySchema, ctx.request.body, []);
      ctx.body = { data: await service().apply(body.action, body.ids) };
    },

    async reply(ctx: Ctx) {
      const parent = parse(documentId, ctx.params.documentId, ['params', 'documentId']);
      const body = parse(replyBodySchema, ctx.request.body, []);
      const user = ctx.state.user ?? {};
      const result = await service().reply(parent, body.content, user);
      ctx.status = 201;
      ctx.body = { data: result.reply, meta: { parentApproved: result.parentApproved } };
    },

    async overview(ctx: Ctx) {
      const id = parse(documentId, ctx.params.documentId, ['params', 'documentId']);
      const query = parse(overviewQuery, ctx.query, ['query']);
      const overview = await service().overview(id, query.status, reviewAccess(ctx.state.userAbility));
      if (!overview) return ctx.notFound(`review ${id} does not exist`);
      ctx.body = { data: overview };
    },
  };
};
