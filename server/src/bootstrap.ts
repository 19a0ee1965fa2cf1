import type { Core } from '@strapi/strapi';
import { setupPublicPermissions } from './permissions';
import { configureContentManager } from './content-manager-layout';
import { registerAdminActions } from './rbac';
import { setupCacheInvalidation } from './cache-invalidation';
import { watchFileDeletions } from './files-stamp';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Each concern lives in its own module; this only calls them in order.
  await registerAdminActions(strapi);
  await configureContentManager(strapi);
  await setupPublicPermissions(strapi);
  await getService(strapi, 'authors').linkInlineAuthors();
  strapi.plugin('movie-reviews').service('rateLimit').init();
  setupCacheInvalidation(strapi);
  watchFileDeletions(strapi);
  strapi.plugin('movie-reviews').service('importer').resumeInBackground();
};

export default bootstrap;
