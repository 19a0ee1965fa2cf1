import type { Core } from '@strapi/strapi';
import { registerCustomFields } from './custom-fields';
import { documentValidationMiddleware } from './middlewares/document-validation';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerCustomFields(strapi);
  strapi.documents.use(documentValidationMiddleware(strapi));
};

export default register;
