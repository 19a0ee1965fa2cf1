/**
 * Public REST controller (content API, `/api/movie-reviews/...`). Actions are the
 * permissions granted to the Public role: `plugin::movie-reviews.reviews.find`,
 * `.findOne`, `.comments` and `.createComment`.
 */
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { hostErrors } from '../utils/host-errors';
import { addCacheTags, CACHE_TAGS } from '../utils/cache-tags';
import { assertNoQuery, parseCommentPageQuery, parseReviewListQuery } from '../services/reviews-query';
import type reviewsService from '../services/reviews';
import type commentsService from '../services/comments';

type Reviews = ReturnType<typeof reviewsService>;
type Comments = ReturnType<typeof commentsService>;

const query = (ctx: Context) => (ctx.query ?? {}) as Record<string, unknown>;

/** The published review a comment request is about: 404 for drafts and unknown slugs. */
export const publishedReviewOr404 = async (strapi: Core.Strapi, slug: unknown) => {
  const review = await (strapi.plugin(PLUGIN_ID).service('reviews') as Reviews).findPublishedRef(slug);
  if (!review) throw new (hostErrors().NotFoundError)('No published review has this slug');
  return review;
};

export const COMMENTS_CLOSED = 'Comments are closed on this review';

/** Refuses comments on a review closed to comments (403, for GraphQL). */
export const assertOpenForComments = (review: { commentsEnabled: boolean }) => {
  if (!review.commentsEnabled) throw new (hostErrors().ForbiddenError)(COMMENTS_CLOSED);
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reviews = () => strapi.plugin(PLUGIN_ID).service('reviews') as Reviews;
  const comments = () => strapi.plugin(PLUGIN_ID).service('comments') as Comments;

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

    async comments(ctx: Context) {
      const page = parseCommentPageQuery(query(ctx));
      const review = await publishedReviewOr404(strapi, ctx.params.slug);
      ctx.body = await comments().listApproved(review.documentId, page);
      addCacheTags(ctx, CACHE_TAGS.review(review.documentId), CACHE_TAGS.comments(review.documentId));
    },

    async createComment(ctx: Context) {
      assertNoQuery(query(ctx));
      const review = await publishedReviewOr404(strapi, ctx.params.slug);
      // Not thrown: Strapi's route authorization turns a thrown ForbiddenError into a bare "Forbidden".
      if (!review.commentsEnabled) return (ctx as Context & { forbidden(message: string, details: object): void }).forbidden(COMMENTS_CLOSED, {});
      const created = await comments().create(review, ctx.request.body, {
        ip: ctx.request.ip || null,
        userAgent: ctx.get('user-agent') || null,
      });
      ctx.status = 201;
      ctx.body = { data: created, meta: {} };
    },
  };
};
