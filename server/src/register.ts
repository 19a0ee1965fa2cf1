import type { Core } from '@strapi/strapi';
import { registerCustomFields } from './custom-fields';
import { documentValidationMiddleware } from './middlewares/document-validation';
import { commentBodyReader } from './middlewares/comment-body';
import { registerGraphql } from './graphql';
import { databaseUnavailableGuard } from './middlewares/database-errors';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerCustomFields(strapi);
  strapi.documents.use(documentValidationMiddleware(strapi));
  strapi.server.use(databaseUnavailableGuard(strapi));
  strapi.server.use(commentBodyReader(strapi));
  registerGraphql(strapi);
};

export default register;
