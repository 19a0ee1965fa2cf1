import type { Core, Modules } from '@strapi/strapi';
import { AUTHOR_UID, COMMENT_UID, REPORT_UID, REVIEW_UID } from '../utils/constants';
import { validatorFor } from '../custom-fields';
import { movieReviewWriteSchema, requiredOnCreate } from '../validation/movie-review';
import { commentRequiredOnCreate, commentWriteSchema, MAX_THREAD_DEPTH } from '../validation/comment';
import { zodToValidationError } from '../utils/zod-issues';
import { validationError } from '../utils/host-errors';
import { authorRequiredOnCreate, authorWriteSchema } from '../validation/author';
import { authorSlugFrom, slugFrom } from '../services/slug';
import { getService } from '../utils/get-service';

type Data = Record<string, unknown>;
type Middleware = Modules.Documents.Middleware.Middleware;
type Context = Modules.Documents.Middleware.Context;

const WRITE_ACTIONS = new Set(['create', 'update']);

const missing = (data: Data, fields: readonly string[]) =>
  fields.filter(
    (f) =>
      data[f] === undefined || data[f] === null || (typeof data[f] === 'string' && (data[f] as string).trim() === '')
  );

const requireFields = (data: Data, fields: readonly string[]) => {
  const absent = missing(data, fields);
  if (absent.length) {
    throw validationError(
      absent.map((f) => ({ path: [f], name: 'ValidationError' as const, message: `${f} is required` }))
    );
  }
};

/** Runs this plugin's custom-field validators on any content type that uses them, and stores their normalised value. */
const validateCustomFields = async (strapi: Core.Strapi, uid: string, data: Data) => {
  const model = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]);
  if (!model) return;
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (!(name in data)) continue;
    const validate = validatorFor(attribute as { customField?: string });
    if (validate) data[name] = await validate(data[name], name, strapi);
  }
};

const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a relation value names at least one entry (a documentId, an id, `{ connect | set: [...] }`, a list). */
const namesEntry = (value: unknown): boolean => {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.length > 0;
  if (!isRecord(value)) return false;
  if ('documentId' in value || 'id' in value) return true;
  return ['connect', 'set'].some((k) => Array.isArray(value[k]) && (value[k] as unknown[]).length > 0);
};

/** The upload file id of a media value as written (`3`, `{ id: 3 }`), or null. */
const fileIdOf = (value: unknown): number | null => {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (isRecord(value) && typeof value.id === 'number') return value.id;
  return null;
};

/**
 * `authorName` (deprecated, kept for one release): a write that names its author
 * the old way, without the `author` relation, is linked to the Author entry of that
 * name, created with the inline bio and avatar when there is none.
 */
const linkInlineAuthor = async (strapi: Core.Strapi, data: Data) => {
  if (data.author !== undefined && data.author !== null) return;
  const name = typeof data.authorName === 'string' ? data.authorName.trim() : '';
  if (!name) return;
  const author = await getService(strapi, 'authors').findOrCreate({
    name,
    bio: typeof data.authorBio === 'string' ? data.authorBio : null,
    avatar: fileIdOf(data.authorAvatar),
  });
  data.author = author.documentId;
};

const validateAuthor = async (strapi: Core.Strapi, ctx: Context, data: Data) => {
  const parsed = authorWriteSchema.safeParse(data);
  if (!parsed.success) throw zodToValidationError(parsed.error);
  Object.assign(data, parsed.data);
  const documentId = (ctx.params as { documentId?: string }).documentId;
  if (ctx.action === 'create') requireFields(data, authorRequiredOnCreate);
  const slugs = getService(strapi, 'slug');
  const slug = data.slug as string | null | undefined;
  if (typeof slug === 'string' && slug !== '') {
    if (await slugs.isTaken(slug, documentId, AUTHOR_UID)) {
      throw validationError([
        { path: ['slug'], name: 'ValidationError', message: `slug "${slug}" is already used by another author` },
      ]);
    }
    return;
  }
  let name = data.name as string | undefined;
  if (ctx.action === 'update' && documentId) {
    const current = (await strapi.db
      .query(AUTHOR_UID)
      .findOne({ select: ['name', 'slug'], where: { documentId } })) as Data | null;
    // An update that does not send a slug keeps the one the author has.
    if (slug === undefined && current?.slug) return;
    name ??= current?.name as string | undefined;
  }
  if (name) data.slug = await slugs.unique(authorSlugFrom(name), documentId, AUTHOR_UID);
};

const validateReview = async (strapi: Core.Strapi, ctx: Context, data: Data) => {
  const parsed = movieReviewWriteSchema.safeParse(data);
  if (!parsed.success) throw zodToValidationError(parsed.error);
  Object.assign(data, parsed.data);

  const documentId = (ctx.params as { documentId?: string }).documentId;
  const slugs = getService(strapi, 'slug');

  let current: Data | null = null;
  if (ctx.action === 'update' && documentId) {
    current = (await strapi.db.query(REVIEW_UID).findOne({
      select: ['title', 'movieYear', 'slug'],
      where: { documentId },
      orderBy: { publishedAt: 'desc' },
    })) as Data | null;
  } else {
    // A review has an author: the `author` relation, or (deprecated) an inline `authorName` linked below.
    const hasAuthor = namesEntry(data.author) || (typeof data.authorName === 'string' && data.authorName.trim() !== '');
    // `author` may be present yet name nobody (`{ connect: [] }` from an untouched relation input).
    const absent = [...missing(data, requiredOnCreate), ...(hasAuthor ? [] : ['author'])];
    if (absent.length) {
      throw validationError(
        absent.map((f) => ({ path: [f], name: 'ValidationError' as const, message: `${f} is required` }))
      );
    }
  }

  const slug = data.slug as string | null | undefined;
  if (typeof slug === 'string' && slug !== '') {
    if (await slugs.isTaken(slug, documentId)) {
      throw validationError([
        { path: ['slug'], name: 'ValidationError', message: `slug "${slug}" is already used by another review` },
      ]);
    }
  } else if (ctx.action === 'create' || slug === '' || slug === null || !current?.slug) {
    // Generated only when empty: an update that does not send a slug keeps the one the review has.
    const title = (data.title ?? current?.title) as string | undefined;
    const year = (data.movieYear ?? current?.movieYear) as number | undefined;
    if (title) data.slug = await slugs.unique(slugFrom(title, year), documentId);
  }

  // Settings → "Comments enabled on new reviews" decides when a create does not say.
  if (ctx.action === 'create' && (data.commentsEnabled === undefined || data.commentsEnabled === null)) {
    const settings = await getService(strapi, 'settings').get();
    data.commentsEnabled = settings.commentsEnabledByDefault;
  }

  // Last, once everything else passed: linking an inline author may create that author.
  await linkInlineAuthor(strapi, data);
};

const validateComment = async (strapi: Core.Strapi, ctx: Context, data: Data) => {
  const parsed = commentWriteSchema.safeParse(data);
  if (!parsed.success) throw zodToValidationError(parsed.error);
  if (ctx.action === 'create') requireFields(data, commentRequiredOnCreate);
  const documentId = (ctx.params as { documentId?: string }).documentId;

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
      select: ['reviewDocumentId', 'parentDocumentId'],
      where: { documentId: parentDocumentId },
    })) as Data | null;
    if (!parent || parent.reviewDocumentId !== reviewDocumentId || parentDocumentId === documentId) {
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

/** Deletes a review's comments with the review, and a comment's replies with the comment, so nothing points at nothing. */
const cascadeDelete = async (strapi: Core.Strapi, uid: string, documentId: string) => {
  if (uid === REVIEW_UID) {
    const stillThere = await strapi.db.query(REVIEW_UID).findOne({ select: ['id'], where: { documentId } });
    if (!stillThere) await strapi.db.query(COMMENT_UID).deleteMany({ where: { reviewDocumentId: documentId } });
    return;
  }
  let frontier = [documentId];
  const deleted = [documentId];
  while (frontier.length) {
    const children = (await strapi.db.query(COMMENT_UID).findMany({
      select: ['documentId'],
      where: { parentDocumentId: { $in: frontier } },
    })) as Array<{ documentId: string }>;
    frontier = children.map((c) => c.documentId);
    deleted.push(...frontier);
    if (frontier.length) await strapi.db.query(COMMENT_UID).deleteMany({ where: { documentId: { $in: frontier } } });
  }
  // Readers' reports of the deleted comments go too.
  await strapi.db.query(REPORT_UID).deleteMany({ where: { commentDocumentId: { $in: deleted } } });
};

/**
 * One document-service middleware guards every write path: the Content Manager,
 * the REST and GraphQL APIs and any code calling `strapi.documents()`.
 */
export const documentValidationMiddleware =
  (strapi: Core.Strapi): Middleware =>
  async (ctx, next) => {
    const params = ctx.params as { data?: Data; documentId?: string };
    if (WRITE_ACTIONS.has(ctx.action) && params.data && typeof params.data === 'object') {
      const data = params.data;
      await validateCustomFields(strapi, ctx.uid, data);
      if (ctx.uid === REVIEW_UID) await validateReview(strapi, ctx, data);
      else if (ctx.uid === COMMENT_UID) await validateComment(strapi, ctx, data);
      else if (ctx.uid === AUTHOR_UID) await validateAuthor(strapi, ctx, data);
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
