/**
 * What a write gets filled in once its input passed the rules: unique slugs (checked
 * when sent, generated when empty), the default for comments on new reviews, and the
 * Author entry of a deprecated inline author.
 */
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID, REVIEW_UID } from '../../utils/constants';
import { validationError } from '../../utils/host-errors';
import { authorSlugFrom, slugFrom } from '../../services/slug';
import { getService } from '../../utils/get-service';
import { documentIdOf, isRecord, type Context, type Data } from './validation';

/** The upload file id of a media value as written (`3`, `{ id: 3 }`), or null. */
const fileIdOf = (value: unknown): number | null => {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (isRecord(value) && typeof value.id === 'number') return value.id;
  return null;
};

/** A 400 on `slug` when another entry of the same type has it. */
const slugTaken = (slug: string, what: 'author' | 'review') =>
  validationError([
    { path: ['slug'], name: 'ValidationError', message: `slug "${slug}" is already used by another ${what}` },
  ]);

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

export const authorDefaults = async (strapi: Core.Strapi, ctx: Context, data: Data) => {
  const documentId = documentIdOf(ctx);
  const slugs = getService(strapi, 'slug');
  const slug = data.slug as string | null | undefined;
  if (typeof slug === 'string' && slug !== '') {
    if (await slugs.isTaken(slug, documentId, AUTHOR_UID)) throw slugTaken(slug, 'author');
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

export const reviewDefaults = async (strapi: Core.Strapi, ctx: Context, data: Data) => {
  const documentId = documentIdOf(ctx);
  const slugs = getService(strapi, 'slug');

  const current =
    ctx.action === 'update' && documentId
      ? ((await strapi.db.query(REVIEW_UID).findOne({
          select: ['title', 'movieYear', 'slug'],
          where: { documentId },
          orderBy: { publishedAt: 'desc' },
        })) as Data | null)
      : null;

  const slug = data.slug as string | null | undefined;
  if (typeof slug === 'string' && slug !== '') {
    if (await slugs.isTaken(slug, documentId)) throw slugTaken(slug, 'review');
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
