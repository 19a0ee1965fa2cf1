/**
 * The indexes declared in the content-type schemas (`indexes` in schema.json)
 * are created by Strapi's schema sync on every supported database, with the
 * declared columns in the declared order.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { dbClient } from '../helpers/database';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: false });
});
afterAll(async () => {
  await app?.close();
});

const EXPECTED: Record<string, Record<string, string[]>> = {
  movie_reviews: {
    movie_reviews_slug_published_idx: ['slug', 'published_at'],
    movie_reviews_source_id_idx: ['source_id'],
    movie_reviews_published_at_idx: ['published_at'],
    movie_reviews_movie_year_idx: ['movie_year'],
    movie_reviews_rating_idx: ['rating'],
    movie_reviews_movie_director_idx: ['movie_director'],
  },
  movie_review_comments: {
    movie_review_comments_review_moderation_idx: ['review_document_id', 'moderation_status', 'created_at'],
    movie_review_comments_review_updated_idx: ['review_document_id', 'moderation_status', 'updated_at'],
    movie_review_comments_parent_idx: ['parent_document_id'],
    movie_review_comments_source_id_idx: ['source_id'],
  },
  movie_review_comment_reports: {
    movie_review_comment_reports_comment_ip_uq: ['comment_document_id', 'ip_hash'],
    movie_review_comment_reports_created_idx: ['created_at'],
  },
};

type Row = Record<string, unknown>;

/** Index name → ordered column names, read from the database's own catalog. */
const indexesOf = async (table: string): Promise<Record<string, string[]>> => {
  const knex = app.strapi.db.connection;
  const client = dbClient();
  const out: Record<string, string[]> = {};
  if (client === 'sqlite') {
    const list = (await knex.raw(`PRAGMA index_list(??)`, [table])) as Row[];
    for (const idx of list) {
      const name = String(idx.name);
      const cols = (await knex.raw(`PRAGMA index_info(??)`, [name])) as Row[];
      out[name] = cols.sort((a, b) => Number(a.seqno) - Number(b.seqno)).map((c) => String(c.name));
    }
    return out;
  }
  if (client === 'postgres') {
    // pg_indexes gives the definition; pg_index/pg_attribute give the ordered columns.
    const res = (await knex.raw(
      `SELECT i.relname AS name, a.attname AS col, k.ord
         FROM pg_indexes pi
         JOIN pg_class i ON i.relname = pi.indexname
         JOIN pg_index x ON x.indexrelid = i.oid
         JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE pi.schemaname = current_schema() AND pi.tablename = ?
        ORDER BY i.relname, k.ord`,
      [table]
    )) as { rows: Row[] };
    for (const r of res.rows) (out[String(r.name)] ??= []).push(String(r.col));
    return out;
  }
  const [rows] = (await knex.raw(
    `SELECT INDEX_NAME AS name, COLUMN_NAME AS col, SEQ_IN_INDEX AS seq
       FROM information_schema.statistics
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
      ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [table]
  )) as [Row[]];
  for (const r of rows) (out[String(r.name)] ??= []).push(String(r.col));
  return out;
};

describe(`schema indexes (${dbClient()})`, () => {
  it.each(Object.keys(EXPECTED))('creates the declared indexes on %s', async (table) => {
    const actual = await indexesOf(table);
    for (const [name, columns] of Object.entries(EXPECTED[table])) {
      expect({ name, columns: actual[name] }).toEqual({ name, columns });
    }
  });

  it('keeps every declared index name within the 64-character limit of MySQL', () => {
    for (const table of Object.values(EXPECTED)) {
      for (const name of Object.keys(table)) expect(name.length).toBeLessThanOrEqual(64);
    }
  });

  it('declares in the schemas exactly the indexes this test expects', () => {
    const declared = (uid: string) =>
      Object.fromEntries(
        (
          (app.strapi.contentType(uid as never) as unknown as { indexes?: Array<{ name: string; columns: string[] }> })
            .indexes ?? []
        ).map((i) => [i.name, i.columns])
      );
    expect(declared('plugin::movie-reviews.movie-review')).toEqual(EXPECTED.movie_reviews);
    expect(declared('plugin::movie-reviews.comment')).toEqual(EXPECTED.movie_review_comments);
    expect(declared('plugin::movie-reviews.comment-report')).toEqual(EXPECTED.movie_review_comment_reports);
  });

  it('lets the database use the comment index for a review’s approved comments', async () => {
    // Only SQLite's planner is deterministic on an empty table; on the others the catalog check above is the proof.
    if (dbClient() !== 'sqlite') return;
    const plan = (await app.strapi.db.connection.raw(
      `EXPLAIN QUERY PLAN SELECT id FROM movie_review_comments WHERE review_document_id = ? AND moderation_status = ? ORDER BY created_at`,
      ['abc', 'approved']
    )) as Row[];
    expect(plan.map((p) => String(p.detail)).join('\n')).toContain('movie_review_comments_review_moderation_idx');
  });

  // Only SQLite's planner is deterministic on an empty table.
  (dbClient() === 'sqlite' ? it : it.skip)(
    'reads the latest approved comment of a review (the review version) from the index alone',
    async () => {
      const plan = (await app.strapi.db.connection.raw(
        `EXPLAIN QUERY PLAN SELECT max(updated_at) FROM movie_review_comments WHERE review_document_id = ? AND moderation_status = ?`,
        ['abc', 'approved']
      )) as Row[];
      expect(plan.map((p) => String(p.detail)).join('\n')).toContain(
        'COVERING INDEX movie_review_comments_review_updated_idx'
      );
    }
  );
});
