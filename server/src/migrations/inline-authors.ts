/**
 * Reviews used to carry their author inline (`authorName`, `authorBio`,
 * `authorAvatar`). They now point at an Author entry (`author` relation). At
 * bootstrap, every review row (draft and published alike) that has an inline
 * author name and no author is linked to the author of that name (matched trimmed
 * and case-insensitively), created with the inline bio and avatar when there is
 * none yet. The inline fields are left as they are (deprecated, kept for one release).
 *
 * Idempotent: a linked row is never read again, and a name that already has an
 * author reuses it, so running it again (every boot) creates nothing.
 * Runs after Strapi's schema sync (the relation's table must exist), in bootstrap.
 */
import type { Core } from '@strapi/strapi';
import { REVIEW_UID } from '../utils/constants';
import { getService } from '../utils/get-service';
import { authorMatchName } from '../validation/author';
import type { AuthorRef } from '../services/authors';

const BATCH = 200;

interface InlineRow {
  id: number;
  authorName: string | null;
  authorBio: string | null;
  authorAvatar?: { id: number } | null;
  author?: { id: number } | null;
}

export interface InlineAuthorsResult {
  linked: number;
  authorsCreated: number;
  skipped: number;
}

export const migrateInlineAuthors = async (strapi: Core.Strapi): Promise<InlineAuthorsResult> => {
  const authors = getService(strapi, 'authors');
  const byName = new Map<string, AuthorRef>();
  const result: InlineAuthorsResult = { linked: 0, authorsCreated: 0, skipped: 0 };
  let lastId = 0;
  for (;;) {
    const rows = (await strapi.db.query(REVIEW_UID).findMany({
      select: ['id', 'authorName', 'authorBio'],
      where: { id: { $gt: lastId }, authorName: { $notNull: true } },
      orderBy: { id: 'asc' },
      limit: BATCH,
      populate: { authorAvatar: { select: ['id'] }, author: { select: ['id'] } },
    })) as InlineRow[];
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    for (const row of rows) {
      const name = authorMatchName(row.authorName ?? '');
      if (row.author || !name) continue;
      const key = name.toLowerCase();
      try {
        let author = byName.get(key) ?? (await authors.findByName(name));
        if (!author) {
          author = await authors.findOrCreate({ name, bio: row.authorBio, avatar: row.authorAvatar?.id ?? null });
          result.authorsCreated += 1;
        }
        byName.set(key, author);
        await strapi.db.query(REVIEW_UID).update({ where: { id: row.id }, data: { author: author.id } });
        result.linked += 1;
      } catch (error) {
        // An inline author the Author rules refuse (e.g. control characters) stays inline; an editor picks one.
        result.skipped += 1;
        strapi.log.warn(
          `[movie-reviews] review row ${row.id}: inline author "${name}" not migrated: ${(error as Error).message}`
        );
      }
    }
  }
  if (result.linked || result.skipped) {
    strapi.log.info(
      `[movie-reviews] inline authors: ${result.linked} review rows linked, ${result.authorsCreated} authors created, ${result.skipped} skipped`
    );
  }
  return result;
};
