/** Input rules of document writes: custom-field values, and each content type's schema, required fields and references. */
import type { Core, Modules } from '@strapi/strapi';
import { COMMENT_UID, REVIEW_UID } from '../../utils/constants';
import { validatorFor } from '../../custom-fields';
import { movieReviewWriteSchema, requiredOnCreate } from '../../validation/movie-review';
import { commentRequiredOnCreate, commentWriteSchema, MAX_THREAD_DEPTH } from '../../validation/comment';
import { authorRequiredOnCreate, authorWriteSchema } from '../../validation/author';
import { zodToValidationError } from '../../utils/zod-issues';
import { validationError } from '../../utils/host-errors';

export type Data = Record<string, unknown>;
export type Context = Modules.Documents.Middleware.Context;

/** The documentId a write names (updates), if any. */
export const documentIdOf = (ctx: Context) => (ctx.params as { documentId?: string }).documentId;

const missing = (data: Data, fields: readonly string[]) =>
  fields.filter(
    (f) =>
      data[f] === undefined || data[f] === null || (typeof data[f] === 'string' && (data[f] as string).trim() === '')
  );

/** A 400 naming each absent field. */
const throwIfAbsent = (absent: readonly string[]) => {
  if (absent.length) {
    throw validationError(
      absent.map((f) => ({ path: [f], name: 'ValidationError' as const, message: `${f} is required` }))
    );
  }
};

/** Runs this plugin's custom-field validators on any content type that uses them, and stores their normalised value. */
export const validateCustomFields = async (strapi: Core.Strapi, uid: string, data: Data) => {
  const model = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]);
  if (!model) return;
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (!(name in data)) continue;
    const validate = validatorFor(attribute as { customField?: string });
    if (validate) data[name] = await validate(data[name], name, strapi);
  }
};

export const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a relation value names at least one entry (a documentId, an id, `{ connect | set: [...] }`, a list). */
const namesEntry = (value: unknown): boolean => {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.length > 0;
  if (!isRecord(value)) return false;
  if ('documentId' in value || 'id' in value) return true;
  return ['connect', 'set'].some((k) => Array.isArray(value[k]) && (value[k] as unknown[]).length > 0);
};

export const validateAuthor = (ctx: Context, data: Data) => {
  const parsed = authorWriteSchema.safeParse(data);
  if (!parsed.success) throw zodToValidationError(parsed.error);
  Object.assign(data, parsed.data);
  if (ctx.action === 'create') throwIfAbsent(missing(data, authorRequiredOnCreate));
};

export const validateReview = (ctx: Context, data: Data) => {
  const parsed = movieReviewWriteSchema.safeParse(data);
  if (!parsed.success) throw zodToValidationError(parsed.error);
  Object.assign(data, parsed.data);
  if (ctx.action === 'update' && documentIdOf(ctx)) return;
  // A review has an author: the `author` relation, or (deprecated) an inline `authorName` linked later.
  const hasAuthor = namesEntry(data.author) || (typeof data.authorName === 'string' && data.authorName.trim() !== '');
  // `author` may be present yet name nobody (`{ connect: [] }` from an untouched relation input).
  throwIfAbsent([...missing(data, requiredOnCreate), ...(hasAuthor ? [] : ['author'])]);
};

export const validateComment = async (strapi: Core.Strapi, ctx: Context, data: Data) => {
  const parsed = commentWriteSchema.safeParse(data);
  if (!parsed.success) throw zodToValidationError(parsed.error);
  if (ctx.action === 'create') throwIfAbsent(missing(data, commentRequiredOnCreate));
  const documentId = documentIdOf(ctx);

  const self =
    ctx.action === 'update' && documentId
      ? ((await strapi.db
          .query(COMMENT_UID)
          .findOne({ select: ['reviewDocumentId'], where: { documentId } })) as Data | null)
      : null;
  // A comment stays under its review: moving it would leave its thread behind.
  if (self && data.reviewDocumentId !== undefined && data.reviewDocumentId !== self.reviewDocumentId) {
    throw validationError([
      {
        path: ['reviewDocumentId'],
        name: 'ValidationError',
        message: 'reviewDocumentId cannot change: a comment stays under its review',
      },
    ]);
  }

  const reviewDocumentId = (data.reviewDocumentId ?? self?.reviewDocumentId) as string | undefined;
  if (data.reviewDocumentId !== undefined) {
    const review = await strapi.db
      .query(REVIEW_UID)
      .findOne({ select: ['id'], where: { documentId: reviewDocumentId } });
    if (!review) {
      throw validationError([
        {
          path: ['reviewDocumentId'],
          name: 'ValidationError',
          message: `reviewDocumentId: review ${reviewDocumentId} does not exist`,
        },
      ]);
    }
  }
  const parentDocumentId = data.parentDocumentId as string | null | undefined;
  if (parentDocumentId) {
    const parent = (await strapi.db.query(COMMENT_UID).findOne({
      select: ['documentId', 'reviewDocumentId', 'parentDocumentId'],
      where: { documentId: parentDocumentId },
    })) as Data | null;
    // The id exactly as stored: MySQL / MariaDB compare text ignoring case, the threads are read by exact id.
    if (
      !parent ||
      parent.documentId !== parentDocumentId ||
      parent.reviewDocumentId !== reviewDocumentId ||
      parentDocumentId === documentId
    ) {
      throw validationError([
        {
          path: ['parentDocumentId'],
          name: 'ValidationError',
          message: 'parentDocumentId must be a comment of the same review',
        },
      ]);
    }
    // On update, the new parent must not be one of this comment's own replies (a loop hides both).
    if (documentId && ctx.action === 'update') {
      let ancestor = parent.parentDocumentId as string | null | undefined;
      for (let depth = 0; ancestor && depth < MAX_THREAD_DEPTH; depth += 1) {
        if (ancestor === documentId) {
          throw validationError([
            {
              path: ['parentDocumentId'],
              name: 'ValidationError',
              message: 'parentDocumentId must not be a reply to this comment',
            },
          ]);
        }
        const next = (await strapi.db
          .query(COMMENT_UID)
          .findOne({ select: ['parentDocumentId'], where: { documentId: ancestor } })) as Data | null;
        ancestor = next?.parentDocumentId as string | null | undefined;
      }
    }
  }
};
