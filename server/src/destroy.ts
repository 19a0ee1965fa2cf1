import type { Core } from '@strapi/strapi';

/** Closes what the plugin opened (connections, timers); each module registers its own cleanup in bootstrap. */
const destroy = async (_: { strapi: Core.Strapi }) => {};

export default destroy;
