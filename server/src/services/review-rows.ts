/**
 * The review reads every public page makes, as compiled statements
 * (utils/compiled-statement.ts) whose rows are converted as the query engine
 * converts them (utils/row-reader.ts): the published row of a slug, a page of
 * published rows without filters in a given order, and how many are published.
 * Building these through the query engine cost more than running them; the
 * filtered lists (rare, and of many shapes) keep using it (services/reviews.ts).
 */
import type { Core } from '@strapi/strapi';
import { REVIEW_UID } from '../utils/constants';
import { columnOf } from '../utils/table-columns';
import { compileStatement, literalLimit, type CompiledStatement } from '../utils/compiled-statement';
import { rowReader } from '../utils/row-reader';
import { DETAIL_COLUMNS, SUMMARY_COLUMNS, type ReviewRow } from './review-format';
import type { SortOrder } from '../validation/list-query';

/**
 * Distinct orders kept compiled (and prepared on the database connections). Sites use a
 * handful; a query may combine up to four sort keys (hundreds of orders), and orders past
 * this many are compiled, and prepared, per call.
 */
export const MAX_ORDERS = 64;

/** The column a page statement selects beside the summary's on PostgreSQL: how many are published. */
const PUBLISHED_TOTAL = 'published_total';

/** A page of published rows and how many reviews are published. */
export interface PublishedPage {
  rows: ReviewRow[];
  total: number;
}

export const reviewRows = (strapi: Core.Strapi) => {
  const meta = strapi.db.metadata.get(REVIEW_UID);
  const knex = () => strapi.db.connection;
  const isPg = () => knex().client.driverName === 'pg';
  const summary = rowReader(meta, SUMMARY_COLUMNS);
  const detail = rowReader(meta, DETAIL_COLUMNS);
  const published = columnOf(meta, 'publishedAt');
  const asRows = (rows: Array<Record<string, unknown>>, reader: typeof summary | typeof detail) =>
    rows.map((row) => reader.convert<ReviewRow>(row));

  let bySlug: CompiledStatement<'slug'> | undefined;
  let count: CompiledStatement<never> | undefined;
  const pages = new Map<string, CompiledStatement<'limit' | 'offset'>>();

  /**
   * The statement of a page in `sort` order. Its LIMIT stays bound, unlike the one-row
   * statements': written into the SQL it saved about 15 µs of a page of 10 (standalone),
   * and made one statement per order and page size, each kept prepared on every connection.
   */
  const pageStatement = (sort: readonly SortOrder[]) => {
    const key = sort.map((s) => `${s.column}:${s.direction}`).join(',');
    let statement = pages.get(key);
    if (!statement) {
      // Past MAX_ORDERS a statement serves this call only, and is not kept prepared on the connections.
      const keep = pages.size < MAX_ORDERS;
      statement = compileStatement<'limit' | 'offset'>(
        strapi.db,
        (_param, numberParam) => {
          const query = knex()(meta.tableName).select(summary.select).whereNotNull(published);
          if (isPg()) {
            // One round trip fewer on PostgreSQL: the published count comes with the rows (a count
            // with no row to carry it is read apart). Not the stills' files as the detail has them:
            // for a page of 100 that subquery cost PostgreSQL more than the files query (A/B).
            query.select({ [PUBLISHED_TOTAL]: knex()(meta.tableName).count('*').whereNotNull(published) });
          }
          for (const s of sort) query.orderBy(columnOf(meta, s.column), s.direction);
          return query.orderBy(columnOf(meta, 'id'), 'desc').limit(numberParam('limit')).offset(numberParam('offset'));
        },
        { keep }
      );
      if (keep) pages.set(key, statement);
    }
    return statement;
  };

  return {
    /** The published row of `slug` with the detail's columns, or null. */
    async publishedBySlug(slug: string): Promise<ReviewRow | null> {
      bySlug ??= compileStatement<'slug'>(strapi.db, (param) =>
        literalLimit(
          knex()(meta.tableName)
            .select(detail.select)
            .where(columnOf(meta, 'slug'), param('slug'))
            .whereNotNull(published),
          1
        )
      );
      const [row] = await bySlug.run({ slug });
      return row ? asRows([row], detail)[0] : null;
    },

    /** Published rows with the summary's columns in `sort` order (then newest row first), unfiltered. */
    async publishedPage(sort: readonly SortOrder[], offset: number, limit: number): Promise<ReviewRow[]> {
      return (await this.publishedPageWithTotal(sort, offset, limit)).rows;
    },

    /**
     * `publishedPage` with how many reviews are published: one statement on PostgreSQL (where a
     * round trip costs most), the page and the count side by side elsewhere.
     */
    async publishedPageWithTotal(sort: readonly SortOrder[], offset: number, limit: number): Promise<PublishedPage> {
      if (limit <= 0) return { rows: [], total: await this.publishedCount() };
      const [driverRows, counted] = await Promise.all([
        pageStatement(sort).run({ limit, offset }),
        isPg() ? undefined : this.publishedCount(),
      ]);
      const carried = driverRows.length ? driverRows[0][PUBLISHED_TOTAL] : undefined;
      const total = counted ?? (carried === undefined ? await this.publishedCount() : Number(carried));
      return { rows: asRows(driverRows, summary), total };
    },

    /** How many reviews are published. */
    async publishedCount(): Promise<number> {
      count ??= compileStatement<never>(strapi.db, () =>
        knex()(meta.tableName).count({ count: '*' }).whereNotNull(published)
      );
      const [row] = await count.run({});
      return Number(row?.count ?? 0);
    },
  };
};
