/**
 * The version of a published review's public detail, read in ONE SQL query and
 * used as its ETag, so a conditional GET of an unchanged review is answered 304
 * without building the answer (nor, on the early path, running Strapi's stack).
 *
 * The version covers everything the detail shows:
 * - the published row (its id changes on every publish, `updatedAt` on any write);
 * - its approved comments (how many, and the latest `updatedAt` among them:
 *   approving, hiding, editing or deleting one changes one or the other);
 * - the upload files (the latest `updatedAt`, and the stamp every file deletion
 *   renews, files-stamp.ts: a file created, updated or deleted may be a still or
 *   the avatar shown);
 * - its author (the latest `updatedAt` of the author it is linked to: an edit of
 *   the author's name, bio, links or avatar choice);
 * - the plugin settings (their hash, memoised: song providers and Cache-Control).
 * It is computed BEFORE the answer is read, so a write in between can only make the
 * ETag older than the body (next request: 200), never newer (a stale 304).
 *
 * A field added to the detail from another table must add that table to the query.
 *
 * The same statement returns the review's row with the detail's columns and its
 * author with the avatar (and, on PostgreSQL, the files of its stills), so the early
 * path (middlewares/early-cache.ts) builds an uncached detail without reading them again.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID, COMMENT_UID, REVIEW_UID } from '../utils/constants';
import { getService } from '../utils/get-service';
import { authorsOfRows, joinAuthorAndAvatar, reviewAuthorLink, type LinkedAuthorRow } from './review-authors';
import { isPublicSlug } from '../validation/slug';
import { FILES_STAMP_KEY } from '../files-stamp';
import { compileStatement, literalLimit, type CompiledStatement, type Row } from '../utils/compiled-statement';
import { rowReader, type RowReader } from '../utils/row-reader';
import { DETAIL_COLUMNS, type DetailParts, type ReviewRow } from './review-format';
import { stillFilesOf, stillFilesSubquery } from '../custom-fields/read';

/** Prefix of the detail row's columns in the version statement (beside the version's own). */
const ROW_PREFIX = 'row_';

const FILE_UID = 'plugin::upload.file';
const CORE_STORE_UID = 'strapi::core-store';

interface Names {
  reviews: string;
  comments: string;
  files: string;
  authors: string;
  coreStore: string;
  /** The review → author link table. */
  authorLink: ReturnType<typeof reviewAuthorLink>;
  col: (uid: string, attribute: string) => string;
}

/**
 * Whether a jsonb column, as Strapi has node-postgres return it (its text, unparsed), holds the
 * value itself: a value stored twice-encoded (Strapi 5 before rc.7) is a JSON string, `"[...]"`,
 * which `fromJson` parses a second time. jsonb prints without leading spaces.
 */
const isOnceEncoded = (value: unknown): boolean => !(typeof value === 'string' && value.startsWith('"'));

/** What the version statement read of a published review besides its ETag. */
export interface VersionedDetailRow {
  etag: string;
  /** The detail's row, with its author and avatar. */
  row: ReviewRow;
  known: DetailParts;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let names: Names | undefined;
  const namesOf = (): Names => {
    if (names) return names;
    const meta = (uid: string) => strapi.db.metadata.get(uid);
    names = {
      reviews: meta(REVIEW_UID).tableName,
      comments: meta(COMMENT_UID).tableName,
      files: meta(FILE_UID).tableName,
      authors: meta(AUTHOR_UID).tableName,
      coreStore: meta(CORE_STORE_UID).tableName,
      authorLink: reviewAuthorLink(strapi),
      col: (uid, attribute) => {
        const attr = meta(uid).attributes[attribute] as { columnName?: string } | undefined;
        return attr?.columnName ?? attribute;
      },
    };
    return names;
  };

  /**
   * The version statement, compiled once (utils/compiled-statement.ts): only the slug
   * changes between requests, and building this query costs more than running it.
   * Two forms: the version alone (a conditional GET, answered 304 without the row),
   * and the version with the detail row (an early detail, built from that row).
   */
  let versionOnly: CompiledStatement<'slug'> | undefined;
  let versionWithRow: CompiledStatement<'slug'> | undefined;
  let detailRow: RowReader<(typeof DETAIL_COLUMNS)[number]> | undefined;
  const rowOf = () =>
    (detailRow ??= rowReader(strapi.db.metadata.get(REVIEW_UID), DETAIL_COLUMNS, { table: 'r', prefix: ROW_PREFIX }));
  const compile = (withRow: boolean): CompiledStatement<'slug'> =>
    compileStatement<'slug'>(strapi.db, (param) => {
      const n = namesOf();
      const knex = strapi.db.connection;
      const r = (a: string) => `r.${n.col(REVIEW_UID, a)}`;
      const c = (a: string) => `c.${n.col(COMMENT_UID, a)}`;
      const approved = (select: string) =>
        knex(`${n.comments} as c`)
          .select(knex.raw(select))
          .whereRaw('?? = ??', [c('reviewDocumentId'), r('documentId')])
          .andWhere(c('moderationStatus'), 'approved');
      const link = n.authorLink;
      const authorUpdated = knex(`${n.authors} as a`)
        .max(`a.${n.col(AUTHOR_UID, 'updatedAt')}`)
        .join(`${link.name} as l`, `l.${link.inverseJoinColumn.name}`, `a.${n.col(AUTHOR_UID, 'id')}`)
        .whereRaw('?? = ??', [`l.${link.joinColumn.name}`, r('id')]);
      const query = knex(`${n.reviews} as r`)
        .select(
          knex.raw('?? as id', [r('id')]),
          knex.raw('?? as updated', [r('updatedAt')]),
          approved('count(*)').as('comment_count'),
          approved(`max(${knex.ref(c('updatedAt')).toQuery()})`).as('comment_updated'),
          knex(n.coreStore)
            .max(n.col(CORE_STORE_UID, 'value'))
            .where(n.col(CORE_STORE_UID, 'key'), FILES_STAMP_KEY)
            .as('file_stamp'),
          knex(n.files).max(n.col(FILE_UID, 'updatedAt')).as('file_updated'),
          authorUpdated.as('author_updated')
        )
        .where(r('slug'), param('slug'))
        .whereNotNull(r('publishedAt'));
      if (!withRow) return literalLimit(query, 1);
      // Approved replies that are not the reply of an approved top-level comment of the review:
      // when there are none, every approved comment is visible and the count above is the
      // visible count (comments.countVisible walks the threads otherwise).
      const deepReplies = approved('count(*)')
        .whereNotNull(c('parentDocumentId'))
        .whereNotExists(
          knex(`${n.comments} as p`)
            .select(knex.raw('1'))
            .whereRaw('?? = ??', [`p.${n.col(COMMENT_UID, 'documentId')}`, c('parentDocumentId')])
            .whereRaw('?? = ??', [`p.${n.col(COMMENT_UID, 'reviewDocumentId')}`, r('documentId')])
            .andWhere(`p.${n.col(COMMENT_UID, 'moderationStatus')}`, 'approved')
            .whereNull(`p.${n.col(COMMENT_UID, 'parentDocumentId')}`)
        );
      query.select(deepReplies.as('deep_replies'));
      // The row, and its author and the author's avatar (normally one row; more only when
      // the author has several avatar links, folded as the authors' own statement does).
      query.select(rowOf().select).leftJoin(`${link.name} as l`, `l.${link.joinColumn.name}`, r('id'));
      // On PostgreSQL, the files of its stills too (custom-fields/read.ts `stillFilesSubquery`).
      const stillFiles = stillFilesSubquery(strapi, r('stills'));
      if (stillFiles) query.select({ still_files: stillFiles });
      return joinAuthorAndAvatar(strapi, query, 'leftJoin');
    });

  /** The ETag of a version row (the statement's version columns). */
  const etagOf = async (row: Record<string, unknown>): Promise<string> => {
    const stamp = (v: unknown) => (v instanceof Date ? v.getTime() : String(v ?? ''));
    const parts = [
      row.id,
      stamp(row.updated),
      row.comment_count,
      stamp(row.comment_updated),
      stamp(row.file_stamp),
      stamp(row.file_updated),
      stamp(row.author_updated),
    ];
    const settingsHash = await getService(strapi, 'settings').hash();
    return `"v${createHash('sha256')
      .update(`${parts.map(String).join('|')}|${settingsHash}`)
      .digest('base64url')
      .slice(0, 30)}"`;
  };

  return {
    /**
     * The ETag and the detail row of `slug` with its author, or null when no published
     * review has it (one query). `known.visibleComments` when every approved comment is visible
     * (top-level comments and replies to them), else undefined (comments.countVisible counts
     * them); `known.stillFiles` on PostgreSQL, else undefined (the files query reads them).
     */
    async read(slug: unknown): Promise<VersionedDetailRow | null> {
      if (!isPublicSlug(slug)) return null;
      const rows = await (versionWithRow ??= compile(true)).run<Row & LinkedAuthorRow>({ slug });
      const [row] = rows;
      if (!row) return null;
      // The row's columns, converted as the query engine's select of them (utils/row-reader.ts).
      const review = rowOf().convert<ReviewRow>(row);
      return {
        etag: await etagOf(row),
        row: { ...review, author: authorsOfRows(rows).get(review.id) ?? null },
        known: {
          visibleComments: Number(row.deep_replies) === 0 ? Number(row.comment_count) : undefined,
          // Not for stills stored twice-encoded: the files query reads those.
          stillFiles:
            'still_files' in row && isOnceEncoded(row[`${ROW_PREFIX}stills`])
              ? stillFilesOf(row.still_files)
              : undefined,
        },
      };
    },

    /** The detail's ETag for `slug`, or null when no published review has it (one query, without the row). */
    async etag(slug: unknown): Promise<string | null> {
      if (!isPublicSlug(slug)) return null;
      const [row] = await (versionOnly ??= compile(false)).run({ slug });
      return row ? etagOf(row) : null;
    },
  };
};
