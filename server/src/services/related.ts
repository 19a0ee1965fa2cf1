/**
 * Related reviews: the published reviews that share the director, cast members or
 * tags of a published review, ranked by how much they share, then newest first.
 * The one use case behind `GET /reviews/:slug/related` and the GraphQL field
 * `MovieReview.related`.
 *
 * Bounded whatever the catalogue size: one statement reads the review and the
 * `RELATED_CANDIDATES` most recent other published reviews (only the columns the
 * overlap needs), the overlap is counted here, and the chosen ones are loaded as
 * summaries by the reviews service (their rows, their authors with avatars in one
 * statement, then their stills): 4 queries at most.
 * Director, actor and tag names compare case-insensitively after NFC normalisation.
 */
import type { Core } from '@strapi/strapi';
import { REVIEW_UID } from '../utils/constants';
import { getService } from '../utils/get-service';
import { CACHE_TAGS } from '../utils/cache-tags';
import { isPublicSlug } from '../validation/slug';
import type { ReviewSummary } from './review-format';

/** How many of the most recent published reviews are considered. */
export const RELATED_CANDIDATES = 500;

interface FactsRow {
  id: number;
  document_id: string;
  slug: string;
  movie_director: string | null;
  movie_cast: unknown;
  tags: unknown;
}

interface Facts {
  id: number;
  documentId: string;
  director: string | null;
  actors: Set<string>;
  tags: Set<string>;
}

const norm = (value: string) => value.normalize('NFC').trim().toLowerCase();

/** JSON columns come back parsed (PostgreSQL, MySQL) or as text (SQLite, MariaDB). */
const json = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

const actorsOf = (cast: unknown): Set<string> => {
  const list = json(cast);
  if (!Array.isArray(list)) return new Set();
  return new Set(
    list.flatMap((m) => {
      const actor = typeof m === 'object' && m !== null ? (m as { actor?: unknown }).actor : undefined;
      return typeof actor === 'string' && actor.trim() ? [norm(actor)] : [];
    })
  );
};

const tagsOf = (tags: unknown): Set<string> => {
  const list = json(tags);
  if (!Array.isArray(list)) return new Set();
  return new Set(list.flatMap((t) => (typeof t === 'string' && t.trim() ? [norm(t)] : [])));
};

const factsOf = (row: FactsRow): Facts => ({
  id: Number(row.id),
  documentId: row.document_id,
  director: typeof row.movie_director === 'string' && row.movie_director.trim() ? norm(row.movie_director) : null,
  actors: actorsOf(row.movie_cast),
  tags: tagsOf(row.tags),
});

const shared = (a: Set<string>, b: Set<string>): number => {
  let n = 0;
  for (const v of a) if (b.has(v)) n += 1;
  return n;
};

/** How much `candidate` shares with `source`: the director counts one, each actor and each tag one. */
export const overlapOf = (source: Facts, candidate: Facts): number =>
  (source.director !== null && source.director === candidate.director ? 1 : 0) +
  shared(source.actors, candidate.actors) +
  shared(source.tags, candidate.tags);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const column = (attribute: string): string => {
    const meta = strapi.db.metadata.get(REVIEW_UID);
    const attr = meta.attributes[attribute] as { columnName?: string } | undefined;
    return attr?.columnName ?? attribute;
  };

  /**
   * The published row of `slug` first (when there is one), then the most recent
   * other published rows, newest first: one statement on every database.
   */
  const readFacts = async (slug: string): Promise<FactsRow[]> => {
    const meta = strapi.db.metadata.get(REVIEW_UID);
    const knex = strapi.db.connection;
    const published = column('publishedAt');
    const slugColumn = column('slug');
    return (await knex(meta.tableName)
      .select({
        id: 'id',
        document_id: column('documentId'),
        slug: slugColumn,
        movie_director: column('movieDirector'),
        movie_cast: column('movieCast'),
        tags: column('tags'),
      })
      .whereNotNull(published)
      .orderByRaw('CASE WHEN ?? = ? THEN 0 ELSE 1 END', [slugColumn, slug])
      .orderBy(published, 'desc')
      .orderBy('id', 'desc')
      .limit(RELATED_CANDIDATES + 1)) as FactsRow[];
  };

  return {
    /**
     * Up to `limit` related published reviews of the published review `slug`, or null
     * when `slug` is not a published review. `tags`, when given, receives the cache
     * tags of the answer: the review, each listed review, `mr:list` and the files shown.
     */
    async forSlug(slug: unknown, limit: number, tags?: Set<string>): Promise<ReviewSummary[] | null> {
      if (!isPublicSlug(slug)) return null;
      const rows = await readFacts(slug);
      if (!rows.length || rows[0].slug !== slug) return null;
      const source = factsOf(rows[0]);
      const ranked = rows
        .slice(1)
        .map(factsOf)
        .filter((c) => c.documentId !== source.documentId)
        .map((c) => ({ id: c.id, documentId: c.documentId, overlap: overlapOf(source, c) }))
        .filter((c) => c.overlap > 0);
      // Array.prototype.sort is stable: equal overlaps keep the database order (newest first).
      ranked.sort((a, b) => b.overlap - a.overlap);
      const chosen = ranked.slice(0, limit);
      tags?.add(CACHE_TAGS.list);
      tags?.add(CACHE_TAGS.review(source.documentId));
      for (const c of chosen) tags?.add(CACHE_TAGS.review(c.documentId));
      return getService(strapi, 'reviews').summariesByIds(
        chosen.map((c) => c.id),
        tags
      );
    },
  };
};
