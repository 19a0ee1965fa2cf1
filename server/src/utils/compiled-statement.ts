/**
 * A knex SELECT compiled once and run again with other values. Building and
 * compiling a knex query with subqueries costs far more than running it (about
 * 0.7 ms against 0.15 ms for the review version on SQLite), and a statement whose
 * shape never changes only needs its values bound. `compileStatement` builds the
 * query with placeholder values, keeps its SQL text and bindings, and `run` swaps the
 * placeholders for the values of the call. `compileByCount` does the same for a
 * statement with an `IN (...)` list, once per length of the list.
 */
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

export interface CompiledStatement<Params extends string> {
  /**
   * The rows of the statement with `values` in place of the placeholders, as the
   * driver returns them (`T`: the columns the caller selected, as knex's own result).
   */
  run<T = Row>(values: Record<Params, Binding>): Promise<T[]>;
}

/**
 * Compiles `build(placeholder)` once. `build` receives a function that returns a
 * unique marker value per parameter name; the markers must reach the SQL only as
 * bindings (`where(column, value)`...), which is where `run` replaces them.
 */
export const compileStatement = <Params extends string>(
  db: Database,
  build: (param: (name: Params) => string) => Builder
): CompiledStatement<Params> => {
  const markers = new Map<string, Params>();
  const param = (name: Params): string => {
    const marker = `\u0000param:${name}:${markers.size}\u0000`;
    markers.set(marker, name);
    return marker;
  };
  const { sql, bindings } = build(param).toSQL();
  const slots = bindings.map((value) => (typeof value === 'string' ? markers.get(value) : undefined));
  // Every marker must come back as a whole binding, and knex.raw must see exactly one `?`
  // per binding: a marker inside SQL text or a literal `?` would bind the wrong values.
  const placed = new Set(slots.filter((name) => name !== undefined));
  if (sql.includes('\u0000') || placed.size !== new Set(markers.values()).size) {
    throw new Error('compileStatement: a parameter did not reach the SQL as a binding');
  }
  if ((sql.match(/\?/g) ?? []).length !== bindings.length) {
    throw new Error('compileStatement: the SQL holds a `?` that is not a binding');
  }
  return {
    async run<T = Row>(values: Record<Params, Binding>): Promise<T[]> {
      const bound = bindings.map((value, i) => {
        const name = slots[i];
        return name === undefined ? value : values[name];
      });
      // Inside a transaction (a write that formats its answer), read through it as Strapi's
      // query engine does: on SQLite's single connection a read beside it would wait for it.
      const connection = db.inTransaction() ? (await db.transaction()).get() : db.connection;
      // The driver's rows, untyped as a knex builder's result is.
      return rowsOfRaw(await connection.raw(sql, bound)) as T[];
    },
  };
};

export interface CompiledByCount {
  /** The rows of the statement for `values` (the values of its `IN (...)` list, in order). */
  run<T = Row>(values: readonly Binding[]): Promise<T[]>;
}

/** Lists longer than this (no public page reaches it) are compiled for the call only. */
const MAX_CACHED_COUNT = 100;

/**
 * A statement that differs between calls only in how many values its `IN (...)` list
 * takes, compiled once per count: `build` receives the placeholders of one list.
 */
export const compileByCount = (db: Database, build: (values: string[]) => Builder): CompiledByCount => {
  const byCount = new Map<number, CompiledStatement<string>>();
  const compile = (count: number) =>
    compileStatement<string>(db, (param) => build(Array.from({ length: count }, (_, i) => param(`v${i}`))));
  return {
    run<T = Row>(values: readonly Binding[]): Promise<T[]> {
      let statement = byCount.get(values.length);
      if (!statement) {
        statement = compile(values.length);
        if (values.length <= MAX_CACHED_COUNT) byCount.set(values.length, statement);
      }
      return statement.run<T>(Object.fromEntries(values.map((value, i) => [`v${i}`, value])));
    },
  };
};
