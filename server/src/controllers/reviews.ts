/**
 * Public REST controller (content API, `/api/movie-reviews/...`; contract in
 * docs/api.md). Actions are the permissions granted to the Public role:
 * `plugin::movie-reviews.reviews.find`, `.findOne`, `.related`, `.comments`, `.createComment`
 * and `.reportComment`.
 */
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { hostErrors } from '../utils/host-errors';
import { getService } from '../utils/get-service';
import { assertNoQuery, parseCommentPageQuery, parseReviewListQuery } from '../validation/list-query';
import { clientIpOf, requesterOf } from '../utils/requester';
import { setRetryAfter } from '../utils/retry-after';
import { addCacheTags, CACHE_TAGS } from '../utils/cache-tags';
import { parseRelatedQuery } from '../validation/related';

const query = (ctx: Context) => (ctx.query ?? {}) as Record<string, unknown>;

type StrapiContext = Context & { forbidden(message: string, details: object): void };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reviews = () => getService(strapi, 'reviews');
  const comments = () => getService(strapi, 'comments');

  return {
    async find(ctx: Context) {
      const parsed = parseReviewListQuery(query(ctx));
      const tags = new Set<string>();
      ctx.body = await reviews().list(parsed, tags);
      addCacheTags(ctx, tags);
    },

    async findOne(ctx: Context) {
      assertNoQuery(query(ctx));
      const tags = new Set<string>();
      const body = await reviews().detailBody(ctx.params.slug, tags);
      if (!body) throw new (hostErrors().NotFoundError)('No published review has this slug');
      addCacheTags(ctx, tags);
      ctx.body = body;
    },

    async related(ctx: Context) {
      const { limit } = parseRelatedQuery(query(ctx));
      const tags = new Set<string>();
      const data = await getService(strapi, 'related').forSlug(ctx.params.slug, limit, tags);
      if (!data) throw new (hostErrors().NotFoundError)('No published review has this slug');
      addCacheTags(ctx, tags);
      ctx.body = { data };
    },

    async comments(ctx: Context) {
      const page = parseCommentPageQuery(query(ctx));
      const review = await reviews().findPublishedRef(ctx.params.slug);
      if (!review) throw new (hostErrors().NotFoundError)('No published review has this slug');
      ctx.body = await comments().listApproved(review.documentId, page);
      addCacheTags(ctx, CACHE_TAGS.review(review.documentId), CACHE_TAGS.comments(review.documentId));
    },

    async createComment(ctx: Context) {
      assertNoQuery(query(ctx));
      const errors = hostErrors();
      try {
        const created = await comments().submit(ctx.params.slug, ctx.request.body, requesterOf(ctx));
        ctx.status = 201;
        ctx.body = { data: created, meta: {} };
      } catch (error) {
        if (error instanceof errors.RateLimitError) setRetryAfter(ctx, error);
        // Answered, not rethrown: Strapi's route authorization turns a thrown ForbiddenError into a bare "Forbidden".
        if (error instanceof errors.ForbiddenError) return (ctx as StrapiContext).forbidden(error.message, {});
        throw error;
      }
    },

    async reportComment(ctx: Context) {
      assertNoQuery(query(ctx));
      try {
        const outcome = await getService(strapi, 'commentReports').report(
          ctx.params.slug,
          ctx.params.documentId,
          ctx.request.body,
          clientIpOf(ctx)
        );
        ctx.status = outcome.created ? 201 : 200;
        ctx.body = { data: outcome.data };
      } catch (error) {
        if (error instanceof hostErrors().RateLimitError) setRetryAfter(ctx, error);
        throw error;
      }
    },
  };
};
