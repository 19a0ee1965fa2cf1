import type { Core } from '@strapi/strapi';

/** Closes what the plugin opened (connections, timers); each module registers its own cleanup in bootstrap. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.plugin('movie-reviews').service('rateLimit').close();
  await strapi.plugin('movie-reviews').service('responseCache').close();
  await strapi.plugin('movie-reviews').service('importer').stop();
  await strapi.plugin('movie-reviews').service('cacheBus').close();
};

export default destroy;
