/**
 * A knex SELECT compiled once and run again with other values. Building and
 * compiling a knex query with subqueries costs far more than running it (about
 * 0.7 ms against 0.15 ms for the review version on SQLite), and a statement whose
 * shape never changes only needs its values bound. `compileStatement` builds the
 * query with placeholder values, keeps its SQL text and bindings, and `run` swaps the
 * placeholders for the values of the call. `compileByCount` does the same for a
 * statement with an `IN (...)` list, once per length of the list.
 *
 * On SQLite (better-sqlite3) a statement is also prepared once per connection (unless it
 * was compiled for one call, `keep: false`: then for that call only) and
 * run on the connection taken from knex's pool, as knex's own driver does but
 * without preparing the SQL again on every call (a third of a cold review detail's
 * CPU was knex re-preparing and re-running the same statements). The `query` event
 * is still emitted on the knex instance, so query counters see these reads.
 *
 * On PostgreSQL a statement is run through node-postgres on a connection taken from
 * knex's pool, as a named prepared statement (node-postgres prepares it once per
 * connection), so the server parses and plans it once instead of on every call; the
 * name is a hash of its SQL text (a statement compiled for one call is not named). A connection pooler that
 * cannot keep prepared statements (PgBouncer in transaction mode before 1.21) needs
 * MOVIE_REVIEWS_PREPARED_STATEMENTS=false.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';

type Database = Core.Strapi['db'];
type Builder = ReturnType<Database['connection']>;
type Binding = ReturnType<ReturnType<Builder['toSQL']>['toNative']>['bindings'][number];

export type Row = Record<string, unknown>;

/**
 * The rows of a `knex.raw` select, whatever the driver: an array (SQLite), `{ rows }`
 * (PostgreSQL) or `[rows, fields]` (MySQL / MariaDB).
 */
export const rowsOfRaw = (result: unknown): Row[] => {
  if (Array.isArray(result)) return (Array.isArray(result[0]) ? result[0] : result) as Row[];
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) return result.rows;
  return [];
};

/** The part of better-sqlite3 used here: a prepared statement and the connection that prepares it. */
interface SqliteStatement {
  /** True for a statement that returns rows (a SELECT). */
  readonly reader: boolean;
  /** Rows as arrays of values in column order, instead of objects (see `SqliteRows`). */
  raw(toggle: boolean): SqliteStatement;
  columns(): Array<{ name: string }>;
  all(bindings: readonly unknown[]): unknown[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

const isSqliteConnection = (value: unknown): value is SqliteConnection =>
  typeof value === 'object' && value !== null && 'prepare' in value && typeof value.prepare === 'function';

/**
 * A prepared SELECT that returns its rows as arrays, turned into objects here: better-sqlite3
 * builds each row object through V8's C++ API, column by column, which took about twice
 * as long as reading the arrays and filling objects in JavaScript (a page of 100 reviews:
 * 0.65 ms against 0.45 ms; its 300 files: 0.54 ms against 0.41 ms, measured standalone).
 * The objects are the same: one key per column name in column order, a later column
 * replacing an earlier one of the same name.
 */
interface SqliteRows {
  statement: SqliteStatement;
  /** The column names, or null when the statement returns no rows (run as objects). */
  names: string[] | null;
}

const prepareRows = (connection: SqliteConnection, sql: string): SqliteRows => {
  const statement = connection.prepare(sql);
  if (!statement.reader) return { statement, names: null };
  return { statement: statement.raw(true), names: statement.columns().map((column) => column.name) };
};

const objectsOf = (arrays: unknown[], names: readonly string[]): Row[] => {
  const rows: Row[] = new Array(arrays.length);
  for (let i = 0; i < arrays.length; i += 1) {
    const values = arrays[i] as readonly unknown[];
    const row: Row = {};
    for (let j = 0; j < names.length; j += 1) row[names[j]] = values[j];
    rows[i] = row;
  }
  return rows;
};

/**
 * Prepared statements per better-sqlite3 connection, by SQL text: those of the statements
 * compiled to be kept (`keep`), a bounded set. A statement compiled for one call is prepared
 * for that call only.
 */
const prepared = new WeakMap<SqliteConnection, Map<string, SqliteRows>>();

/** knex's better-sqlite3 binding rules (`_formatBindings`): dates as milliseconds, booleans as 0 / 1. */
const sqliteBinding = (value: Binding): unknown => {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
};

/**
 * `run` on a connection taken from knex's pool (given back after), when the driver is
 * `driverName` and the connection is what `isConnection` expects; null otherwise (the
 * caller uses knex.raw).
 */
const onPooledConnection = async <Connection, T>(
  db: Database,
  driverName: string,
  isConnection: (value: unknown) => value is Connection,
  run: (connection: Connection) => T | Promise<T>
): Promise<T | null> => {
  const { client } = db.connection;
  if (client.driverName !== driverName) return null;
  const connection: unknown = await client.acquireConnection();
  try {
    return isConnection(connection) ? await run(connection) : null;
  } finally {
    await client.releaseConnection(connection);
  }
};

/**
 * Runs `sql` on a better-sqlite3 connection from the pool with its prepared statement (kept
 * for the next calls when `keep`), or returns null when the database is not better-sqlite3
 * (the caller uses knex.raw).
 */
const runOnSqlite = (db: Database, sql: string, bindings: readonly Binding[], keep: boolean): Promise<Row[] | null> =>
  onPooledConnection(db, 'better-sqlite3', isSqliteConnection, (connection) => {
    let statements = prepared.get(connection);
    if (!statements) prepared.set(connection, (statements = new Map()));
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepareRows(connection, sql);
      if (keep) statements.set(sql, statement);
    }
    db.connection.emit('query', { method: 'raw', sql, bindings });
    const rows = statement.statement.all(bindings.map(sqliteBinding));
    // Plain objects, the rows knex.raw would return.
    return statement.names ? objectsOf(rows, statement.names) : (rows as Row[]);
  });

/** The part of node-postgres used here: a pooled client's promise query. */
interface PgConnection {
  query(config: { text: string; values: readonly unknown[]; name?: string }): Promise<{ rows: Row[] }>;
}

const isPgConnection = (value: unknown): value is PgConnection =>
  typeof value === 'object' && value !== null && 'query' in value && typeof value.query === 'function';

/**
 * Runs `sql` (with `$1`... placeholders) on a node-postgres connection from knex's pool, as a
 * named prepared statement when `name` is given, or returns null when the database is not
 * PostgreSQL (the caller uses knex.raw). What knex.raw does around the same driver call
 * (compiling the raw query again, positioning its bindings, its runner and query object)
 * was about 7% of a cold review detail; the rows are the driver's, as knex returns them.
 */
const runOnPg = (
  db: Database,
  sql: string,
  bindings: readonly Binding[],
  name: string | undefined
): Promise<Row[] | null> =>
  onPooledConnection(db, 'pg', isPgConnection, async (connection) => {
    db.connection.emit('query', { method: 'raw', sql, bindings, options: name ? { name } : {} });
    const result = await connection.query(
      name ? { name, text: sql, values: bindings } : { text: sql, values: bindings }
    );
    return result.rows;
  });

export interface CompiledStatement<Params extends string> {
  /**
   * The rows of the statement with `values` in place of the placeholders, as the
   * driver returns them (`T`: the columns the caller selected, as knex's own result).
   */
  run<T = Row>(values: Record<Params, Binding>): Promise<T[]>;
}

/** A compiled statement run with the value of each parameter from `valueOf` (see `compileStatement`). */
type Execute<Params extends string> = <T = Row>(valueOf: (name: Params) => Binding) => Promise<T[]>;

/**
 * `compileStatement`, run through `Execute` (also used by `compileByCount`). `keep`: the
 * statement is kept prepared on the connections that run it (false for one compiled for a
 * single call, which would otherwise stay prepared on every connection).
 */
const compileExecute = <Params extends string>(
  db: Database,
  build: (param: (name: Params) => string, numberParam: (name: Params) => number) => Builder,
  keep: boolean
): Execute<Params> => {
  const markers = new Map<string | number, Params>();
  const param = (name: Params): string => {
    const marker = `\u0000param:${name}:${markers.size}\u0000`;
    markers.set(marker, name);
    return marker;
  };
  // Unlikely values, checked below to reach the SQL only as bindings.
  const numberParam = (name: Params): number => {
    const marker = 987_654_321_000 + markers.size;
    markers.set(marker, name);
    return marker;
  };
  const { sql, bindings } = build(param, numberParam).toSQL();
  const { client } = db.connection;
  const isPg = client.driverName === 'pg';
  // The same SQL with PostgreSQL's `$1`... placeholders, as knex positions them.
  const pgSql = isPg ? String(client.positionBindings(sql)) : sql;
  // node-postgres prepares a named statement once per connection (names are at most 63 bytes).
  const preparedName =
    isPg && keep && process.env.MOVIE_REVIEWS_PREPARED_STATEMENTS !== 'false'
      ? `movie_reviews_${createHash('sha256').update(sql).digest('hex').slice(0, 40)}`
      : undefined;
  const slots = bindings.map((value) =>
    typeof value === 'string' || typeof value === 'number' ? markers.get(value) : undefined
  );
  // Every marker must come back as a whole binding, and knex.raw must see exactly one `?`
  // per binding: a marker inside SQL text or a literal `?` would bind the wrong values.
  const placed = new Set(slots.filter((name) => name !== undefined));
  if (sql.includes('\u0000') || sql.includes('987654321') || placed.size !== new Set(markers.values()).size) {
    throw new Error('compileStatement: a parameter did not reach the SQL as a binding');
  }
  if ((sql.match(/\?/g) ?? []).length !== bindings.length) {
    throw new Error('compileStatement: the SQL holds a `?` that is not a binding');
  }
  return async <T = Row>(valueOf: (name: Params) => Binding): Promise<T[]> => {
    const bound = bindings.map((value, i) => {
      const name = slots[i];
      return name === undefined ? value : valueOf(name);
    });
    // Inside a transaction (a write that formats its answer), read through it as Strapi's
    // query engine does: on SQLite's single connection a read beside it would wait for it.
    if (db.inTransaction()) {
      return rowsOfRaw(await (await db.transaction()).get().raw(sql, bound)) as T[];
    }
    const driverRows = isPg ? await runOnPg(db, pgSql, bound, preparedName) : await runOnSqlite(db, sql, bound, keep);
    if (driverRows) return driverRows as T[];
    const raw = db.connection.raw(sql, bound);
    // knex passes a raw query's options to the driver: `name` makes it a prepared statement on pg.
    if (preparedName) raw.options({ name: preparedName });
    // The driver's rows, untyped as a knex builder's result is.
    return rowsOfRaw(await raw) as T[];
  };
};

/**
 * Compiles `build(placeholder)` once. `build` receives a function that returns a
 * unique marker value per parameter name; the markers must reach the SQL only as
 * bindings (`where(column, value)`...), which is where `run` replaces them. Its
 * second argument gives numeric markers, for the places knex only takes a number
 * (`limit`, `offset`). `keep: false` for a statement compiled for one call: it is
 * not kept prepared on the database connections.
 */
export const compileStatement = <Params extends string>(
  db: Database,
  build: (param: (name: Params) => string, numberParam: (name: Params) => number) => Builder,
  { keep = true }: { keep?: boolean } = {}
): CompiledStatement<Params> => {
  const execute = compileExecute(db, build, keep);
  return {
    run: <T = Row>(values: Record<Params, Binding>): Promise<T[]> => execute<T>((name) => values[name]),
  };
};

export interface CompiledByCount {
  /** The rows of the statement for `values` (the values of its `IN (...)` list, in order). */
  run<T = Row>(values: readonly Binding[]): Promise<T[]>;
}

/** Lists longer than this (a page of 100 reviews with many stills each) are compiled for the call only. */
const MAX_CACHED_COUNT = 512;

/** The number of placeholders a list of `count` values is run with: the next power of two. */
const bucketOf = (count: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, count)));

/**
 * A statement that differs between calls only in how many values its `IN (...)` list
 * takes. `build` receives the placeholders of one list. Lists are padded to the next
 * power of two by repeating their last value (`IN (a, b, c, c)` matches the same rows
 * as `IN (a, b, c)`), so a handful of statements serve every length.
 */
export const compileByCount = (db: Database, build: (values: string[]) => Builder): CompiledByCount => {
  // The parameters are named by their position in the list ("0", "1"...).
  const byCount = new Map<number, Execute<string>>();
  const compile = (count: number) =>
    compileExecute<string>(
      db,
      (param) => build(Array.from({ length: count }, (_, i) => param(String(i)))),
      count <= MAX_CACHED_COUNT
    );
  return {
    async run<T = Row>(values: readonly Binding[]): Promise<T[]> {
      if (!values.length) return [];
      const count = bucketOf(values.length);
      let statement = byCount.get(count);
      if (!statement) {
        statement = compile(count);
        // Longer lists are compiled, and prepared, for the call only.
        if (count <= MAX_CACHED_COUNT) byCount.set(count, statement);
      }
      // The padding repeats the last value.
      const last = values.length - 1;
      return statement<T>((name) => values[Math.min(Number(name), last)]);
    },
  };
};

/**
 * A LIMIT written into the SQL rather than bound, for statements of a fixed LIMIT: SQLite
 * ran the same statement 3 to 4 times slower with `LIMIT ?` (the review version 54 against
 * 14 µs, a row by slug 24 against 8 µs, measured standalone on the bench database). Only a
 * whole number reaches the SQL.
 */
export const literalLimit = <Builder extends { limit(limit: number, options: { skipBinding: boolean }): Builder }>(
  query: Builder,
  limit: number
): Builder => {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`literalLimit: ${limit} is not a row count`);
  return query.limit(limit, { skipBinding: true });
};

/**
 * How many statements are kept prepared on the SQLite connection (0 on other databases):
 * what the tests check stays bounded.
 */
export const keptSqliteStatements = async (db: Database): Promise<number> =>
  (await onPooledConnection(
    db,
    'better-sqlite3',
    isSqliteConnection,
    (connection) => prepared.get(connection)?.size ?? 0
  )) ?? 0;
