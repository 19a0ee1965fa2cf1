/**
 * One document-service middleware guards every write path: the Content Manager,
 * the REST and GraphQL APIs and any code calling `strapi.documents()`. Each concern
 * has its file under `documents/`: the input rules (validation.ts), what a valid
 * write gets filled in (defaults.ts: slugs, defaults, inline authors) and the deletes
 * that follow a delete (cascade.ts).
 */
import type { Core, Modules } from '@strapi/strapi';
import { AUTHOR_UID, COMMENT_UID, REVIEW_UID } from '../utils/constants';
import {
  validateAuthor,
  validateComment,
  validateCustomFields,
  validateReview,
  type Data,
} from './documents/validation';
import { authorDefaults, reviewDefaults } from './documents/defaults';
import { cascadeDelete } from './documents/cascade';

type Middleware = Modules.Documents.Middleware.Middleware;

const WRITE_ACTIONS = new Set(['create', 'update']);

export const documentValidationMiddleware =
  (strapi: Core.Strapi): Middleware =>
  async (ctx, next) => {
    const params = ctx.params as { data?: Data; documentId?: string };
    if (WRITE_ACTIONS.has(ctx.action) && params.data && typeof params.data === 'object') {
      const data = params.data;
      await validateCustomFields(strapi, ctx.uid, data);
      if (ctx.uid === REVIEW_UID) {
        validateReview(ctx, data);
        await reviewDefaults(strapi, ctx, data);
      } else if (ctx.uid === COMMENT_UID) {
        await validateComment(strapi, ctx, data);
      } else if (ctx.uid === AUTHOR_UID) {
        validateAuthor(ctx, data);
        await authorDefaults(strapi, ctx, data);
      }
    } else if (ctx.action === 'clone' && params.data && typeof params.data === 'object') {
      // A clone copies the source and overlays `data` (the Content Manager's "duplicate"): its custom fields are new input.
      await validateCustomFields(strapi, ctx.uid, params.data);
    }
    const result = await next();
    if (ctx.action === 'delete' && params.documentId && (ctx.uid === REVIEW_UID || ctx.uid === COMMENT_UID)) {
      await cascadeDelete(strapi, ctx.uid, params.documentId);
    }
    return result;
  };
