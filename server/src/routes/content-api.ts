/** Public routes under /api/movie-reviews (see CONTRACT.md, REST). */
export default {
  type: 'content-api' as const,
  routes: [] as Array<Record<string, unknown>>,
};
