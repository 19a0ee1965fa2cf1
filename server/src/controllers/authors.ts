/**
 * Public REST controller of the author page (`GET /api/movie-reviews/authors/:slug`,
 * contract in docs/api.md). Permission: `plugin::movie-reviews.authors.findOne`.
 */
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { hostErrors } from '../utils/host-errors';
import { getService } from '../utils/get-service';
import { parseCommentPageQuery as parsePageQuery } from '../validation/list-query';
import { addCacheTags } from '../utils/cache-tags';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: Context) {
    const page = parsePageQuery((ctx.query ?? {}) as Record<string, unknown>);
    const tags = new Set<string>();
    const body = await getService(strapi, 'authors').page(ctx.params.slug, page, tags);
    if (!body) throw new (hostErrors().NotFoundError)('No author has this slug');
    addCacheTags(ctx, tags);
    ctx.body = body;
  },
});
