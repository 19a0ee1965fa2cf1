/**
 * Reads published reviews for the public API (REST and GraphQL) with a bounded
 * number of queries whatever the page size: the page, its count (with the page on
 * PostgreSQL), one statement for the authors with their avatars (review-authors.ts) and
 * one files query for every still of the page.
 */
import type { Core } from '@strapi/strapi';
import { REVIEW_UID } from '../utils/constants';
import { isPublicSlug } from '../validation/slug';
import { expandStillsBatch } from '../custom-fields/read';
import type { SongProvider } from '../custom-fields/song-providers';
import { getService } from '../utils/get-service';
import { storedStills } from '../custom-fields/read';
import { readAuthorsOfReviews } from './review-authors';
import { CACHE_TAGS } from '../utils/cache-tags';
import {
  SUMMARY_COLUMNS,
  toDetail,
  type DetailParts,
  toSummary,
  type Pagination,
  type ReviewDetail,
  type ReviewRow,
  type ReviewSummary,
} from './review-format';
import { buildReviewWhere, isUnfiltered, pageCount, tagsMatch } from './reviews-query';
import { reviewRows } from './review-rows';
import { DEFAULT_SORT, type PageQuery, type ReviewListQuery, type SortOrder } from '../validation/list-query';

type Where = Record<string, unknown>;
type OrderBy = Array<Record<string, 'asc' | 'desc'>>;

export interface ReviewPage {
  data: ReviewSummary[];
  meta: { pagination: Pagination };
}

/** The stable order: the requested keys, then newest row first as a tie-breaker. */
const orderByOf = (sort: SortOrder[]): OrderBy => [...sort.map((s) => ({ [s.column]: s.direction })), { id: 'desc' }];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reviews = () => strapi.db.query(REVIEW_UID);
  /** The common reads as compiled statements (review-rows.ts), made once the schema is loaded. */
  let rows: ReturnType<typeof reviewRows> | undefined;
  const compiledRows = () => (rows ??= reviewRows(strapi));

  /** The rows, without their author (see `withAuthors`). */
  const findRows = async (where: Where, orderBy: OrderBy, offset: number, limit: number): Promise<ReviewRow[]> =>
    limit <= 0
      ? []
      : ((await reviews().findMany({ select: [...SUMMARY_COLUMNS], where, orderBy, offset, limit })) as ReviewRow[]);

  /**
   * `rows` with their author and its avatar, read in one statement (review-authors.ts)
   * where the query engine's populate would cost two queries (author, then avatar).
   */
  const withAuthors = async <Row extends ReviewRow>(rows: Row[]): Promise<Row[]> => {
    if (!rows.length) return rows;
    const authors = await readAuthorsOfReviews(
      strapi,
      rows.map((r) => r.id)
    );
    // The rows were just read for this answer: the author is set on them rather than on copies.
    for (const row of rows) row.author = authors.get(row.id) ?? null;
    return rows;
  };

  /**
   * Rating is the one sortable column that can be empty, and databases disagree on
   * where NULL sorts; unrated reviews always come last here, on every database.
   */
  const pageSortedByRating = async (where: Where, orderBy: OrderBy, offset: number, limit: number) => {
    const rated: Where = { $and: [where, { rating: { $notNull: true } }] };
    const unrated: Where = { $and: [where, { rating: { $null: true } }] };
    const [ratedTotal, unratedTotal] = await Promise.all([
      reviews().count({ where: rated }),
      reviews().count({ where: unrated }),
    ]);
    const first = offset < ratedTotal ? await findRows(rated, orderBy, offset, limit) : [];
    const rest = await findRows(unrated, orderBy, Math.max(0, offset - ratedTotal), limit - first.length);
    return { rows: [...first, ...rest], total: Number(ratedTotal) + Number(unratedTotal) };
  };

  /**
   * Tags are a JSON array, which SQLite, PostgreSQL and MySQL query in three different
   * ways; the candidates' ids and tags are read with the other filters applied, matched
   * here, and only the requested page is loaded in full.
   */
  const pageFilteredByTags = async (
    query: ReviewListQuery,
    where: Where,
    orderBy: OrderBy,
    offset: number,
    limit: number
  ) => {
    const candidates = (await reviews().findMany({ select: ['id', 'tags', 'rating'], where, orderBy })) as Array<{
      id: number;
      tags: unknown;
      rating: unknown;
    }>;
    let matching = candidates.filter((c) => tagsMatch(c.tags, query.filters.tags ?? {}));
    if (query.sort[0]?.key === 'rating') {
      // Same rule as pageSortedByRating: unrated last (a stable partition keeps the database order).
      matching = [...matching.filter((c) => c.rating !== null), ...matching.filter((c) => c.rating === null)];
    }
    const ids = matching.slice(offset, offset + limit).map((c) => c.id);
    const rows = ids.length ? await findRows({ id: { $in: ids } }, orderBy, 0, ids.length) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { rows: ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as ReviewRow] : [])), total: matching.length };
  };

  /** Song providers the site allows (Settings → Movie Reviews): a song from another one is not embedded. */
  const allowedProviders = async (): Promise<readonly SongProvider[]> =>
    (await getService(strapi, 'settings').current()).embedProviders;

  /**
   * The site's addresses (media base, canonical URLs), from the settings memo. Settings
   * changes invalidate every cached answer (`mr:all`, see cache-invalidation.ts).
   */
  const site = () => getService(strapi, 'siteUrls').context();

  /** Adds the cache tags of what `rows` show besides themselves (stills, authors, avatars) to `tags`. */
  const tagFiles = (rows: ReviewRow[], tags: Set<string> | undefined) => {
    if (!tags) return;
    for (const row of rows) {
      for (const still of storedStills(row.stills)) tags.add(CACHE_TAGS.file(still.file));
      if (row.author?.documentId) tags.add(CACHE_TAGS.author(row.author.documentId));
      if (row.author?.avatar?.id !== undefined) tags.add(CACHE_TAGS.file(row.author.avatar.id));
    }
  };

  /**
   * `read` as summaries (their authors in one statement unless `authored` says they
   * are there already, their stills in one files query); their files and authors join `tags`.
   */
  const summaries = async (
    read: ReviewRow[],
    tags: Set<string> | undefined,
    authored = false
  ): Promise<ReviewSummary[]> => {
    const [rows, stills, providers, siteContext] = await Promise.all([
      authored ? read : withAuthors(read),
      expandStillsBatch(
        strapi,
        read.map((r) => r.stills)
      ),
      allowedProviders(),
      site(),
    ]);
    tagFiles(rows, tags);
    return rows.map((row, i) => toSummary(row, stills[i], providers, siteContext));
  };

  /** The page of summaries for `rows` (stills in one query), with its pagination. */
  const toPage = async (
    rows: ReviewRow[],
    total: number,
    page: PageQuery,
    tags: Set<string> | undefined
  ): Promise<ReviewPage> => {
    tags?.add(CACHE_TAGS.list);
    return {
      data: await summaries(rows, tags),
      meta: {
        pagination: {
          page: page.page,
          pageSize: page.pageSize,
          pageCount: pageCount(total, page.pageSize),
          total,
        },
      },
    };
  };

  return {
    /**
     * One page of published reviews as summaries. `tags`, when given, receives the
     * cache tags of the answer (`mr:list` and the files shown).
     */
    async list(query: ReviewListQuery, tags?: Set<string>): Promise<ReviewPage> {
      const where = buildReviewWhere(query);
      const orderBy = orderByOf(query.sort);
      const offset = (query.page - 1) * query.pageSize;
      const limit = query.pageSize;

      let result: { rows: ReviewRow[]; total: number };
      if (query.filters.tags) result = await pageFilteredByTags(query, where, orderBy, offset, limit);
      else if (query.sort[0]?.key === 'rating') result = await pageSortedByRating(where, orderBy, offset, limit);
      else if (isUnfiltered(query)) {
        // The page and the count: one statement on PostgreSQL, two side by side elsewhere.
        result = await compiledRows().publishedPageWithTotal(query.sort, offset, limit);
      } else {
        const [rows, total] = await Promise.all([findRows(where, orderBy, offset, limit), reviews().count({ where })]);
        result = { rows, total: Number(total) };
      }

      return toPage(result.rows, result.total, query, tags);
    },

    /** One page of an author's published reviews, newest first (`tags` as for `list`). */
    async listByAuthor(authorId: number, page: PageQuery, tags?: Set<string>): Promise<ReviewPage> {
      const where: Where = { $and: [{ publishedAt: { $notNull: true } }, { author: { id: authorId } }] };
      const orderBy = orderByOf(DEFAULT_SORT);
      const [rows, total] = await Promise.all([
        findRows(where, orderBy, (page.page - 1) * page.pageSize, page.pageSize),
        reviews().count({ where }),
      ]);
      return toPage(rows, Number(total), page, tags);
    },

    /**
     * Published reviews by row id as summaries, in the order of `ids` (ids that are
     * not a published row are left out), in three queries: the rows, their authors with
     * the avatars (one statement, see review-authors.ts: the related route has a budget
     * of 4 queries, and the populate would cost two), then one files query for their
     * stills. `tags`, when given, receives the authors and files shown.
     */
    async summariesByIds(ids: number[], tags?: Set<string>): Promise<ReviewSummary[]> {
      if (!ids.length) return [];
      const [rows, authors] = await Promise.all([
        findRows({ id: { $in: ids }, publishedAt: { $notNull: true } }, [{ id: 'desc' }], 0, ids.length),
        readAuthorsOfReviews(strapi, ids),
      ]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const ordered = ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [{ ...row, author: authors.get(id) ?? null }] : [];
      });
      return summaries(ordered, tags, true);
    },

    /** The published version of a review (id, documentId, commentsEnabled), or null for drafts and unknown slugs. */
    async findPublishedRef(
      slug: unknown
    ): Promise<{ id: number; documentId: string; commentsEnabled: boolean } | null> {
      if (!isPublicSlug(slug)) return null;
      const row = (await reviews().findOne({
        select: ['id', 'documentId', 'commentsEnabled'],
        where: { slug, publishedAt: { $notNull: true } },
      })) as { id: number; documentId: string; commentsEnabled: boolean | null } | null;
      return row ? { id: row.id, documentId: row.documentId, commentsEnabled: row.commentsEnabled !== false } : null;
    },

    /** The body of `GET /reviews/:slug` (REST), or null for drafts and unknown slugs (one place for its shape). */
    async detailBody(
      slug: unknown,
      tags?: Set<string>
    ): Promise<{ data: ReviewDetail; meta: Record<string, never> } | null> {
      const review = await this.findOne(slug, tags);
      return review ? { data: review, meta: {} } : null;
    },

    /**
     * The same body, for the published row already read (services/review-version.ts `read`),
     * with the parts that read knows.
     */
    async detailBodyOf(
      row: ReviewRow,
      tags?: Set<string>,
      known: DetailParts = {}
    ): Promise<{ data: ReviewDetail; meta: Record<string, never> }> {
      return { data: await this.expandDetail(row, tags, known), meta: {} };
    },

    /**
     * One published review with everything expanded, or null for drafts and unknown
     * slugs. `tags`, when given, receives the cache tags of the answer.
     */
    async findOne(slug: unknown, tags?: Set<string>): Promise<ReviewDetail | null> {
      if (!isPublicSlug(slug)) return null;
      const found = await compiledRows().publishedBySlug(slug);
      return found ? this.expandDetail(found, tags) : null;
    },

    /** A published row with the detail's columns, expanded (author, stills, comment count, SEO...). */
    async expandDetail(found: ReviewRow, tags?: Set<string>, known: DetailParts = {}): Promise<ReviewDetail> {
      const [[row], [stills], commentCount, providers, siteContext] = await Promise.all([
        // The early detail's row comes with its author (services/review-version.ts `read`).
        found.author === undefined ? withAuthors([found]) : [found],
        expandStillsBatch(strapi, [found.stills], known.stillFiles),
        known.visibleComments ?? getService(strapi, 'comments').countVisible(found.documentId),
        allowedProviders(),
        site(),
      ]);
      tags?.add(CACHE_TAGS.review(row.documentId));
      tags?.add(CACHE_TAGS.fileDeletions);
      tagFiles([row], tags);
      return toDetail(row, stills, commentCount, providers, siteContext);
    },
  };
};
