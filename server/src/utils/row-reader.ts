/**
 * Rows of a content type read by a compiled statement (utils/compiled-statement.ts),
 * converted as Strapi's query engine converts them (`fromRow` in @strapi/database:
 * each scalar attribute through its field's `fromDB`), so a compiled read returns
 * what `strapi.db.query(uid).findMany({ select })` would: JSON parsed, booleans from
 * 0 / 1, datetimes as ISO strings, numbers from PostgreSQL's decimal strings.
 */
import type { Meta } from './table-columns';
import { columnOf } from './table-columns';
import { fromJson } from './json-column';

type FromDb = (value: unknown) => unknown;

const asString: FromDb = (value) => String(value);
const asNumber: FromDb = (value) => Number(value);
const asIs: FromDb = (value) => value;
const asBoolean: FromDb = (value) => {
  if (typeof value === 'boolean') return value;
  const text = String(value);
  return text === '1' ? true : text === '0' ? false : null;
};
const asIsoDate: FromDb = (value) => {
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};
const asTimestamp: FromDb = (value) => {
  const time = (value instanceof Date ? value : new Date(value as string | number)).getTime();
  return Number.isNaN(time) ? null : String(time);
};

/**
 * The query engine's `fromDB` per attribute type (@strapi/database `fields/`). Types
 * missing here (biginteger, whose conversion normalises the digits) are refused when
 * the reader is made.
 */
const FROM_DB = new Map<string, FromDb>(
  Object.entries({
    increments: asIs,
    password: asString,
    email: asString,
    string: asString,
    uid: asString,
    richtext: asString,
    text: asString,
    enumeration: asString,
    json: fromJson,
    blocks: fromJson,
    integer: asNumber,
    float: asNumber,
    decimal: asNumber,
    date: asIs,
    time: asIs,
    datetime: asIsoDate,
    timestamp: asTimestamp,
    boolean: asBoolean,
  })
);

export interface RowReader<Attribute extends string> {
  /** `{ alias: column }` for a knex `select` (the alias is the attribute, after the prefix if any). */
  readonly select: Record<Attribute, string>;
  /**
   * A driver row of that select, converted as the query engine would. `Row` is the
   * caller's type of those attributes, as it types the query engine's rows.
   */
  convert<Row = Record<Attribute, unknown>>(row: Record<string, unknown>): Row;
}

interface ReaderOptions {
  /** The table's alias in the statement (`r` for `r.title`). */
  table?: string;
  /** Prefix of the select aliases, for a statement that also selects other values. */
  prefix?: string;
}

/** The reader of `attributes` of `meta`; throws for an attribute that is not a column of a known type. */
export const rowReader = <Attribute extends string>(
  meta: Meta,
  attributes: readonly Attribute[],
  { table, prefix = '' }: ReaderOptions = {}
): RowReader<Attribute> => {
  const fields = attributes.map((attribute) => {
    const type = meta.attributes[attribute]?.type;
    const fromDb = type === undefined ? undefined : FROM_DB.get(type);
    if (!fromDb) throw new Error(`${meta.uid}.${attribute}: no column reader for type ${String(type)}`);
    const column = columnOf(meta, attribute);
    return { attribute, alias: prefix + attribute, column: table ? `${table}.${column}` : column, fromDb };
  });
  return {
    select: Object.fromEntries(fields.map((f) => [f.alias, f.column])) as Record<Attribute, string>,
    convert<Row>(row: Record<string, unknown>): Row {
      const out: Record<string, unknown> = {};
      for (const { attribute, alias, fromDb } of fields) {
        const value = row[alias];
        out[attribute] = value === null || value === undefined ? null : fromDb(value);
      }
      // The one cast of a compiled read: the values are what the query engine would return for these attributes.
      return out as Row;
    },
  };
};
