/**
 * Authors (`plugin::movie-reviews.author`): the public author page, and the one
 * find-or-create by name that the inline-author migration, the importer and old
 * clients still sending `authorName` all use.
 */
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID } from '../utils/constants';
import { isPublicSlug } from '../validation/slug';
import { authorMatchName } from '../validation/author';
import { CACHE_TAGS } from '../utils/cache-tags';
import type { PageQuery } from '../validation/list-query';
import { getService } from '../utils/get-service';
import { migrateInlineAuthors, type InlineAuthorsResult } from '../migrations/inline-authors';
import {
  AUTHOR_AVATAR_POPULATE,
  AUTHOR_COLUMNS,
  toPublicAuthor,
  type AuthorRow,
  type Pagination,
  type PublicAuthor,
  type ReviewSummary,
} from './review-format';

export interface AuthorRef {
  id: number;
  documentId: string;
}

export interface AuthorPage {
  data: { author: PublicAuthor; reviews: ReviewSummary[] };
  meta: { pagination: Pagination };
}

/** What an inline author brings along when it becomes an Author entry. */
export interface InlineAuthor {
  name: string;
  bio?: string | null;
  /** Upload file id of the avatar. */
  avatar?: number | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const authors = () => strapi.db.query(AUTHOR_UID);

  return {
    /** The author whose name matches `name` (trimmed, case-insensitively), or null. */
    async findByName(name: string): Promise<AuthorRef | null> {
      const match = authorMatchName(name);
      if (!match) return null;
      return (await authors().findOne({
        select: ['id', 'documentId'],
        where: { name: { $eqi: match } },
        orderBy: { id: 'asc' },
      })) as AuthorRef | null;
    },

    /**
     * The author named `inline.name`, created (through the document service, so with
     * the same validation as an editor's) with its bio and avatar when there is none.
     */
    async findOrCreate(inline: InlineAuthor): Promise<AuthorRef> {
      const existing = await this.findByName(inline.name);
      if (existing) return existing;
      const created = await strapi.documents(AUTHOR_UID).create({
        data: {
          name: authorMatchName(inline.name),
          bio: inline.bio ?? null,
          ...(inline.avatar ? { avatar: inline.avatar } : {}),
        },
      });
      // The document service types ids as number | string; rows of Strapi's SQL databases have numeric ids.
      return { id: Number(created.id), documentId: created.documentId };
    },

    /**
     * Links every review row that still names its author inline (`authorName`) to
     * the Author entry of that name (bootstrap runs it; so can a bulk loader).
     */
    linkInlineAuthors(): Promise<InlineAuthorsResult> {
      return migrateInlineAuthors(strapi);
    },

    /**
     * The body of `GET /authors/:slug`: the author and one page of their published
     * reviews, or null for an unknown slug. `tags` receives the answer's cache tags.
     */
    async page(slug: unknown, page: PageQuery, tags?: Set<string>): Promise<AuthorPage | null> {
      if (!isPublicSlug(slug)) return null;
      const row = (await authors().findOne({
        select: [...AUTHOR_COLUMNS],
        where: { slug },
        populate: AUTHOR_AVATAR_POPULATE,
      })) as AuthorRow | null;
      const author = toPublicAuthor(row);
      if (!row || !author) return null;
      tags?.add(CACHE_TAGS.author(row.documentId));
      if (row.avatar?.id !== undefined) tags?.add(CACHE_TAGS.file(row.avatar.id));
      const reviews = await getService(strapi, 'reviews').listByAuthor(row.id, page, tags);
      return { data: { author, reviews: reviews.data }, meta: reviews.meta };
    },
  };
};
