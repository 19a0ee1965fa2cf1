import type { Core } from '@strapi/strapi';
import { configureContentManager } from './content-manager-layout';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Public permissions, caches and admin actions are set up by their own modules (see index.ts).
  await configureContentManager(strapi);
};

export default bootstrap;
