import slugify from 'slugify';
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID, REVIEW_UID } from '../utils/constants';

/** The content types with a public slug. */
type SluggedUid = typeof REVIEW_UID | typeof AUTHOR_UID;

const MAX_SLUG = 200;

/** URL-safe slug from a title and a year: "Her" + 2013 -> "her-2013". */
export const slugFrom = (title: string, year?: number | null): string => {
  const base = slugify(`${title} ${year ?? ''}`, { lower: true, strict: true, trim: true })
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, MAX_SLUG - 6)
    .replace(/-$/, '');
  return base || 'review';
};

/** URL-safe slug from an author's name: "Ada Lovelace" -> "ada-lovelace". */
export const authorSlugFrom = (name: string): string =>
  slugify(name, { lower: true, strict: true, trim: true })
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 130)
    .replace(/-$/, '') || 'author';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  slugFrom,

  /** Whether another document (any status) of `uid` (reviews by default) already uses this slug. */
  async isTaken(slug: string, exceptDocumentId?: string, uid: SluggedUid = REVIEW_UID): Promise<boolean> {
    const where: Record<string, unknown> = { slug };
    if (exceptDocumentId) where.documentId = { $ne: exceptDocumentId };
    const hit = await strapi.db.query(uid).findOne({ select: ['id'], where });
    return Boolean(hit);
  },

  /** The first free slug among base, base-2, base-3, ... */
  async unique(base: string, exceptDocumentId?: string, uid: SluggedUid = REVIEW_UID): Promise<string> {
    const rows = (await strapi.db.query(uid).findMany({
      select: ['slug', 'documentId'],
      where: { slug: { $startsWith: base } },
    })) as Array<{ slug: string; documentId: string }>;
    const taken = new Set(rows.filter((r) => r.documentId !== exceptDocumentId).map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n += 1) {
      const candidate = `${base}-${n}`;
      if (!taken.has(candidate)) return candidate;
    }
  },
});
