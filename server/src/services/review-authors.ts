/**
 * The authors of some reviews, each with its avatar file, read in ONE statement.
 *
 * Why not the query engine's populate (`AUTHOR_POPULATE`, still used by the admin's
 * preview): populating the author and then the author's avatar costs one query each,
 * and the public reads have query budgets (the related route, issue 12: at most 4;
 * the list, the detail: at most 6) and spend most of a cache miss in the query
 * engine's per-query work. So the public reads (list, detail, related, an author's reviews)
 * read the author link, the author and the avatar link and file here, joined, from the
 * tables and columns Strapi's own metadata names (the relation's join table and the
 * upload plugin's morph table), and converts the columns the way Strapi's query
 * engine does, so the summaries stay identical to those of the list route.
 */
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID, REVIEW_UID } from '../utils/constants';
import type { AuthorRow, FileRow } from './review-format';
import { compileByCount, type CompiledByCount } from '../utils/compiled-statement';
import { fromJson } from '../utils/json-column';
import { columnOf } from '../utils/table-columns';

/** The author's media attribute: the `field` of its rows in the upload morph table. */
const AVATAR = 'avatar';

/**
 * One row of the statement. Text and integer columns come back from the three drivers
 * as strings and numbers, as the query engine returns them; only JSON columns differ
 * (text on SQLite and MariaDB). The file columns are null together when there is no file.
 */
export interface LinkedAuthorRow {
  /** null (with the author columns) in a left join that found no author. */
  review_id: number | null;
  author_id: number | null;
  author_document_id: string;
  author_name: string;
  author_slug: string | null;
  author_bio: string | null;
  author_links: unknown;
  file_id: number | null;
  file_url: string | null;
  file_width: number | null;
  file_height: number | null;
  file_mime: string | null;
  file_formats: unknown;
  file_alternative_text: string | null;
}

/** The review → author link table, from Strapi's metadata (throws if the relation changed shape). */
export const reviewAuthorLink = (strapi: Core.Strapi) => {
  const author = strapi.db.metadata.get(REVIEW_UID).attributes.author;
  if (author?.type !== 'relation' || author.relation !== 'manyToOne' || !author.joinTable) {
    throw new Error(`${REVIEW_UID}.author is expected to be a manyToOne relation with a join table`);
  }
  return author.joinTable;
};

/** The tables and columns of review → author → avatar, from Strapi's metadata (throws if the schema changed shape). */
const readLayout = (strapi: Core.Strapi) => {
  const authorMeta = strapi.db.metadata.get(AUTHOR_UID);
  const avatar = authorMeta.attributes[AVATAR];
  if (avatar?.type !== 'relation' || avatar.relation !== 'morphOne') {
    throw new Error(`${AUTHOR_UID}.${AVATAR} is expected to be a single media (morphOne)`);
  }
  const fileMeta = strapi.db.metadata.get(avatar.target);
  const related = fileMeta.attributes[avatar.morphBy];
  if (related?.type !== 'relation' || related.relation !== 'morphToMany') {
    throw new Error(`${avatar.target}.${avatar.morphBy} is expected to be a morphToMany relation`);
  }
  return { authorMeta, fileMeta, link: reviewAuthorLink(strapi), morph: related.joinTable };
};

/** The layout per Strapi instance: the metadata is fixed once the schema is loaded, and this runs on every read. */
const layouts = new WeakMap<Core.Strapi, ReturnType<typeof readLayout>>();
const layoutOf = (strapi: Core.Strapi): ReturnType<typeof readLayout> => {
  let layout = layouts.get(strapi);
  if (!layout) layouts.set(strapi, (layout = readLayout(strapi)));
  return layout;
};

type Builder = ReturnType<Core.Strapi['db']['connection']>;

/**
 * Adds to `query`, which has the review → author link table as `l`, the author (`a`,
 * joined as `authorJoin` says) and the author's avatar link and file (`m`, `f`, left
 * joined), and selects their columns as a `LinkedAuthorRow`'s.
 */
export const joinAuthorAndAvatar = (strapi: Core.Strapi, query: Builder, authorJoin: 'innerJoin' | 'leftJoin') => {
  const { authorMeta, fileMeta, link, morph } = layoutOf(strapi);
  const a = (attribute: string) => `a.${columnOf(authorMeta, attribute)}`;
  const f = (attribute: string) => `f.${columnOf(fileMeta, attribute)}`;
  const { idColumn, typeColumn } = morph.morphColumn;
  query.select({
    review_id: `l.${link.joinColumn.name}`,
    author_id: a('id'),
    author_document_id: a('documentId'),
    author_name: a('name'),
    author_slug: a('slug'),
    author_bio: a('bio'),
    author_links: a('links'),
    file_id: f('id'),
    file_url: f('url'),
    file_width: f('width'),
    file_height: f('height'),
    file_mime: f('mime'),
    file_formats: f('formats'),
    file_alternative_text: f('alternativeText'),
  });
  const author = { a: authorMeta.tableName };
  const authorOn = [`a.${link.inverseJoinColumn.referencedColumn}`, `l.${link.inverseJoinColumn.name}`] as const;
  if (authorJoin === 'innerJoin') query.innerJoin(author, ...authorOn);
  else query.leftJoin(author, ...authorOn);
  query
    .leftJoin({ m: morph.name }, (on) => {
      on.on(`m.${idColumn.name}`, '=', `a.${idColumn.referencedColumn}`)
        .andOnVal(`m.${typeColumn.name}`, '=', AUTHOR_UID)
        .andOnVal('m.field', '=', AVATAR);
    })
    .leftJoin({ f: fileMeta.tableName }, `f.${morph.joinColumn.referencedColumn}`, `m.${morph.joinColumn.name}`);
  for (const [column, direction] of Object.entries(morph.orderBy ?? {})) query.orderBy(`m.${column}`, direction);
  return query;
};

/**
 * The statement, compiled once per number of review ids (utils/compiled-statement.ts):
 * building this join costs more than running it, and only the ids change between calls.
 */
const compile = (strapi: Core.Strapi): CompiledByCount =>
  compileByCount(strapi.db, (ids) => {
    const { link } = layoutOf(strapi);
    const query = strapi.db.connection({ l: link.name }).whereIn(`l.${link.joinColumn.name}`, ids);
    return joinAuthorAndAvatar(strapi, query, 'innerJoin');
  });

const statements = new WeakMap<Core.Strapi, CompiledByCount>();
const statementOf = (strapi: Core.Strapi): CompiledByCount => {
  let statement = statements.get(strapi);
  if (!statement) statements.set(strapi, (statement = compile(strapi)));
  return statement;
};

/** The author (`id`, the row's `author_id`) and avatar columns of a row, converted. */
const authorOf = (row: LinkedAuthorRow, id: number): AuthorRow => ({
  id,
  documentId: row.author_document_id,
  name: row.author_name,
  slug: row.author_slug,
  bio: row.author_bio,
  links: fromJson(row.author_links),
  // The file columns are null together when the author has no avatar (left join).
  avatar:
    row.file_id === null || row.file_url === null || row.file_mime === null
      ? null
      : {
          id: row.file_id,
          url: row.file_url,
          width: row.file_width,
          height: row.file_height,
          mime: row.file_mime,
          formats: fromJson(row.file_formats) as FileRow['formats'],
          alternativeText: row.file_alternative_text,
        },
});

/**
 * The author (with its avatar file) of each review of `rows` (a `joinAuthorAndAvatar`
 * statement's rows), by review id. Like the query engine's populate: the first author
 * link of a review, and the author's first avatar link (morph `order`) whose file exists.
 * Rows without an author (a left join that found none) are skipped.
 */
export const authorsOfRows = (rows: readonly LinkedAuthorRow[]): Map<number, AuthorRow> => {
  const authors = new Map<number, AuthorRow>();
  // One object per author and avatar: a page of reviews by a few authors parses each author's
  // links and avatar formats once, not once per review (the public shapes only read these objects).
  const built = new Map<string, AuthorRow>();
  for (const row of rows) {
    if (row.review_id === null || row.author_id === null) continue;
    const reviewId = Number(row.review_id);
    const seen = authors.get(reviewId);
    // A review's first author link wins; a later row of that author only fills an avatar still missing.
    if (seen && (seen.avatar || seen.id !== row.author_id)) continue;
    const key = `${row.author_id}:${row.file_id ?? ''}`;
    let author = built.get(key);
    if (!author) built.set(key, (author = authorOf(row, row.author_id)));
    authors.set(reviewId, author);
  }
  return authors;
};

/** The author (with its avatar file, or null) of each review of `reviewIds` that has one, by review id, in one statement. */
export const readAuthorsOfReviews = async (
  strapi: Core.Strapi,
  reviewIds: number[]
): Promise<Map<number, AuthorRow>> => {
  if (!reviewIds.length) return new Map();
  return authorsOfRows(await statementOf(strapi).run<LinkedAuthorRow>(reviewIds));
};
