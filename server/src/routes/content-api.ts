/**
 * Public routes under /api/movie-reviews. The contract (shapes, errors, caching)
 * is docs/api.md.
 *
 * Each route declares what it accepts in `request`, the way Strapi 5's own
 * content-API routes do (upload, users-permissions), with the rules from
 * validation/. In Strapi 5.54 the router only checks that a declaration is
 * well-formed: the declared schemas are enforced by core-api controllers
 * (`validateQuery`/`validateInput`), not for custom plugin controllers. So the
 * controllers here apply the same rules themselves (through the same parsers);
 * the declarations document the routes and feed tools that read them.
 */
import type { Core } from '@strapi/strapi';
import type { ZodType } from 'zod';
import { commentPageQueryRequest, reviewListQueryRequest } from '../validation/list-query';
import { commentInputSchema } from '../validation/comment';
import { commentReportInputSchema, reportedCommentParam } from '../validation/comment-report';
import { slugParam } from '../validation/slug';
import { relatedQueryRequest } from '../validation/related';

const GET_MIDDLEWARES = ['plugin::movie-reviews.cache-headers'];
const slug = { slug: slugParam };

/**
 * Strapi's `RouteInput`, with `request` typed against the plugin's zod: Strapi's
 * route type names the zod copy bundled with @strapi/utils (another minor
 * version), whose types do not accept schemas built with this one.
 */
type Route = Omit<Core.RouteInput, 'request'> & {
  request?: { query?: Record<string, ZodType>; params?: Record<string, ZodType>; body?: Record<string, ZodType> };
};

/** A public GET answered through the response cache, ETag and Cache-Control (cache-headers middleware). */
const cachedGet = (path: string, handler: string, request: Route['request']): Route => ({
  method: 'GET',
  path,
  handler,
  request,
  config: { middlewares: GET_MIDDLEWARES },
});

const router: { type: 'content-api'; routes: Route[] } = {
  type: 'content-api',
  routes: [
    {
      ...cachedGet('/reviews', 'reviews.find', { query: reviewListQueryRequest }),
      // Uncached pages are answered before Strapi's stack once one went through it (early-cache.ts).
      config: {
        middlewares: [{ name: 'plugin::movie-reviews.cache-headers', config: { early: 'list' } }] as never,
      },
    },
    {
      method: 'GET',
      path: '/reviews/:slug',
      handler: 'reviews.findOne',
      request: { params: slug, query: {} },
      // The detail's ETag is the review's version (one query), so unchanged reviews get a cheap 304.
      // Strapi's router accepts a `{ name, config }` middleware; its route type lists only names and handlers.
      config: {
        middlewares: [{ name: 'plugin::movie-reviews.cache-headers', config: { validator: 'review' } }] as never,
      },
    },
    cachedGet('/reviews/:slug/related', 'reviews.related', { params: slug, query: relatedQueryRequest }),
    cachedGet('/reviews/:slug/comments', 'reviews.comments', { params: slug, query: commentPageQueryRequest }),
    {
      method: 'POST',
      path: '/reviews/:slug/comments',
      handler: 'reviews.createComment',
      request: {
        params: slug,
        query: {},
        body: { 'application/json': commentInputSchema },
      },
      // Optional `Idempotency-Key` header: validation/idempotency-key.ts (Strapi's route schema has no headers).
      // Body checks (413/400/415) before the controller; the use case counts the attempt against the rate limit.
      config: { middlewares: ['plugin::movie-reviews.comment-body'] },
    },
    {
      method: 'POST',
      path: '/reviews/:slug/comments/:documentId/report',
      handler: 'reviews.reportComment',
      request: {
        params: { ...slug, documentId: reportedCommentParam },
        query: {},
        body: { 'application/json': commentReportInputSchema },
      },
      // Same body reader and limits as comment posts (413/400/415); a refused body counts against the report budget.
      config: {
        middlewares: [{ name: 'plugin::movie-reviews.comment-body', config: { bucket: 'comment-reports' } }] as never,
      },
    },
    cachedGet('/authors/:slug', 'authors.findOne', { params: slug, query: commentPageQueryRequest }),
    {
      method: 'GET',
      path: '/preview/:documentId',
      handler: 'preview.findOne',
      // The signed token is the credential (checked in the controller), so no role permission is involved.
      config: { auth: false },
    },
  ],
};

export default router;
