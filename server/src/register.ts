import type { Core } from '@strapi/strapi';
import { registerCustomFields } from './custom-fields';
import { documentValidationMiddleware } from './middlewares/document-validation';
import { commentBodyReader } from './middlewares/comment-body';
import { registerGraphql } from './graphql';
import { earlyCache } from './middlewares/early-cache';
import { databaseUnavailableGuard } from './middlewares/database-errors';
import { registerMigrations } from './migrations/comment-moderation-status';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerMigrations(strapi);
  registerCustomFields(strapi);
  strapi.documents.use(documentValidationMiddleware(strapi));
  // Koa middlewares in front of Strapi's stack, in this order: cached answers need no database
  // (see early-cache.ts), then database outages on the plugin's routes become 503s, then the
  // comment body is read with the plugin's own size limit.
  strapi.server.use(earlyCache(strapi));
  strapi.server.use(databaseUnavailableGuard(strapi));
  strapi.server.use(commentBodyReader(strapi));
  registerGraphql(strapi);
};

export default register;
