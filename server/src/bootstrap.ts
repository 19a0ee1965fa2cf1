import type { Core } from '@strapi/strapi';

const bootstrap = (_: { strapi: Core.Strapi }) => {
  // Public permissions, caches and admin actions are set up by their own modules (see index.ts).
};

export default bootstrap;
