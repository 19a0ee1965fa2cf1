/**
 * `GET /api/movie-reviews/preview/:documentId?status=draft|published&token=...`: the
 * version of a review the editor previews, for the site's draft route. The signed,
 * expiring token is the only credential (the route needs no role permission); a
 * missing, expired or forged token is a 401 and nothing about the review is read.
 */
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { hostErrors } from '../utils/host-errors';
import { zodToValidationError } from '../utils/zod-issues';
import { getService } from '../utils/get-service';
import { documentIdSchema, previewQuerySchema } from '../validation/preview';

const REASONS = {
  missing: 'A preview token is required',
  malformed: 'The preview token is malformed',
  expired: 'The preview link has expired; open the preview again from the Content Manager',
  forged: 'The preview token is not valid for this review',
} as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: Context) {
    const preview = getService(strapi, 'preview');
    if (!preview.isEnabled()) throw new (hostErrors().NotFoundError)('Preview is not set up');
    const id = documentIdSchema.safeParse(ctx.params.documentId);
    if (!id.success) throw zodToValidationError(id.error, ['documentId']);
    const query = previewQuerySchema.safeParse(ctx.query ?? {});
    if (!query.success) throw zodToValidationError(query.error);

    // Nothing may be cached on the way: a draft changes with every save and outlives no token.
    ctx.set('Cache-Control', 'private, no-store');
    const check = preview.checkToken(id.data, query.data.status, query.data.token);
    // Not thrown: Strapi's route authorization turns a thrown UnauthorizedError into a bare "Unauthorized".
    if (!check.valid)
      return (ctx as Context & { unauthorized(message: string, details: object): void }).unauthorized(
        REASONS[check.reason],
        {}
      );

    const review = await preview.findVersion(id.data, query.data.status);
    if (!review) throw new (hostErrors().NotFoundError)(`This review has no ${query.data.status} version`);
    ctx.body = { data: review, meta: { status: query.data.status } };
  },
});
