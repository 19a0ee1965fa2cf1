/** Admin-panel routes under /movie-reviews (moderation, settings, edit-view panel). */
export default {
  type: 'admin' as const,
  routes: [] as Array<Record<string, unknown>>,
};
