import type { Core } from '@strapi/strapi';
import { registerCustomFields } from './custom-fields';
import { documentValidationMiddleware } from './middlewares/document-validation';
import { commentBodyReader } from './middlewares/comment-body';
import { registerGraphql } from './graphql';
import { cacheInvalidationMiddleware } from './cache-invalidation';
import { earlyCache } from './middlewares/early-cache';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerCustomFields(strapi);
  strapi.documents.use(documentValidationMiddleware(strapi));
  strapi.documents.use(cacheInvalidationMiddleware(strapi));
  // In front of every global middleware (see early-cache.ts for what it may answer).
  strapi.server.use(earlyCache(strapi));
  strapi.server.use(commentBodyReader(strapi));
  registerGraphql(strapi);
};

export default register;
