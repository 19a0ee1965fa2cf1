/**
 * The benchmark's naive baseline (see bench/README in the root README, "Benchmark"):
 * what a Strapi user writes by hand to serve the same review data. Only routed when
 * DEMO_BENCH=true, so the normal demo exposes nothing extra.
 */
const enabled = process.env.DEMO_BENCH === 'true';

export default {
  routes: enabled
    ? [
        { method: 'GET', path: '/naive/reviews', handler: 'naive-review.list', config: { auth: false } },
        { method: 'GET', path: '/naive/reviews/:slug', handler: 'naive-review.findOne', config: { auth: false } },
      ]
    : [],
};
