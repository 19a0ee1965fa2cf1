/** Public routes under /api/movie-reviews (see CONTRACT.md, REST). */
const GET_MIDDLEWARES = ['plugin::movie-reviews.cache-headers'];

export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'GET',
      path: '/reviews',
      handler: 'reviews.find',
      config: { middlewares: GET_MIDDLEWARES },
    },
    {
      method: 'GET',
      path: '/reviews/:slug',
      handler: 'reviews.findOne',
      // The detail's ETag is the review's version (one query), so unchanged reviews get a cheap 304.
      config: { middlewares: [{ name: 'plugin::movie-reviews.cache-headers', config: { validator: 'review' } }] },
    },
    {
      method: 'GET',
      path: '/reviews/:slug/comments',
      handler: 'reviews.comments',
      config: { middlewares: GET_MIDDLEWARES },
    },
    {
      method: 'POST',
      path: '/reviews/:slug/comments',
      handler: 'reviews.createComment',
      // Rate limit first (every attempt counts, valid or not), then the body checks (413/400/415).
      config: { middlewares: ['plugin::movie-reviews.comment-rate-limit', 'plugin::movie-reviews.comment-body'] },
    },
  ] as Array<Record<string, unknown>>,
};
