import type { Core } from '@strapi/strapi';
import { setupPublicPermissions } from './permissions';
import { setupCacheInvalidation } from './cache-invalidation';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Public permissions, caches and admin actions are set up by their own modules (see index.ts).
  await setupPublicPermissions(strapi);
  strapi.plugin('movie-reviews').service('rateLimit').init();
  setupCacheInvalidation(strapi);
};

export default bootstrap;
