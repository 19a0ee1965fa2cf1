/**
 * Admin controllers for the moderation page and the review edit-view panel.
 * Every query and body is parsed with a strict zod schema: unknown keys and
 * out-of-range values are a 400 in Strapi's error shape, never a 500.
 */
import { z } from 'zod';
import type { Core } from '@strapi/strapi';
import { REVIEW_UID } from '../utils/constants';
import { zodToValidationError } from '../utils/zod-issues';
import { getService } from '../utils/get-service';
import { SORTABLE_FIELDS, type SortableField } from '../shared/comment-moderation';
import {
  bulkBodySchema,
  documentIdParam,
  overviewQuerySchema,
  queueQuerySchema,
  replyBodySchema,
  reportedQuerySchema,
  reviewOptionsQuerySchema,
} from '../validation/moderation';
import type { AdminUserLike, ListQuery, ReviewAccess } from '../services/moderation';

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

const parse = <T extends z.ZodType>(schema: T, value: unknown, prefix: string[]): z.infer<T> => {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw zodToValidationError(parsed.error, prefix);
  return parsed.data;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'moderation');

  /** The Content Manager's own permission checker: entry conditions and field-level read rights. */
  const reviewAccess = (userAbility: unknown): ReviewAccess | undefined => {
    if (!userAbility) return undefined;
    // Strapi types another plugin's services as unknown-ish; this is the Content Manager's permission checker.
    const checker = (
      strapi.plugin('content-manager').service('permission-checker') as unknown as PermissionCheckerService
    ).create({
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
      const query = parse(queueQuerySchema, ctx.query, ['query']);
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

    async reported(ctx: Ctx) {
      const query = parse(reportedQuerySchema, ctx.query, ['query']);
      ctx.body = await service().reported(query);
    },

    async reviews(ctx: Ctx) {
      const query = parse(reviewOptionsQuerySchema, ctx.query, ['query']);
      ctx.body = { data: await service().reviewOptions(query.q || undefined, query.limit) };
    },

    async bulk(ctx: Ctx) {
      const body = parse(bulkBodySchema, ctx.request.body, []);
      ctx.body = { data: await service().apply(body.action, body.ids) };
    },

    async reply(ctx: Ctx) {
      const parent = parse(documentIdParam, ctx.params.documentId, ['params', 'documentId']);
      const body = parse(replyBodySchema, ctx.request.body, []);
      const user = ctx.state.user ?? {};
      const result = await service().reply(parent, body.content, user);
      ctx.status = 201;
      ctx.body = { data: result.reply, meta: { parentApproved: result.parentApproved } };
    },

    async overview(ctx: Ctx) {
      const id = parse(documentIdParam, ctx.params.documentId, ['params', 'documentId']);
      const query = parse(overviewQuerySchema, ctx.query, ['query']);
      const overview = await service().overview(id, query.status, reviewAccess(ctx.state.userAbility));
      if (!overview) return ctx.notFound(`review ${id} does not exist`);
      ctx.body = { data: overview };
    },
  };
};
