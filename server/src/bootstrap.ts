import type { Core } from '@strapi/strapi';
import { registerAdminActions } from './rbac';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Public permissions, caches and admin actions are set up by their own modules (see index.ts).
  await registerAdminActions(strapi);
};

export default bootstrap;
