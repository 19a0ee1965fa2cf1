/**
 * The comment attribute `status` became `moderationStatus`: Strapi's Content
 * Manager sends its own `status` parameter (draft/published) with every create and
 * update, which collided with it ("Invalid status").
 *
 * This moves the column `status` of `movie_review_comments` to `moderation_status`,
 * keeping every row's moderation state. It must run before Strapi synchronises the
 * schema (which would drop the old column), so it is registered as one of Strapi's
 * internal database migrations: they run at startup, before the sync, once per
 * database (recorded in `strapi_migrations_internal`). It is also idempotent by
 * itself: a database without the old column (new, or already moved) is left alone.
 */
import type { Core } from '@strapi/strapi';

export const MIGRATION_NAME = 'movie-reviews-01-comment-moderation-status';
export const COMMENTS_TABLE = 'movie_review_comments';
const OLD_COLUMN = 'status';
const NEW_COLUMN = 'moderation_status';

/** Knex as the migration receives it (only what it uses). */
interface MigrationKnex {
  schema: {
    hasTable(table: string): Promise<boolean>;
    hasColumn(table: string, column: string): Promise<boolean>;
    alterTable(
      table: string,
      build: (table: { renameColumn(from: string, to: string): void; dropColumn(name: string): void }) => void
    ): Promise<void>;
  };
  (table: string): {
    whereNull(column: string): { update(values: Record<string, unknown>): Promise<number> };
  };
  ref(column: string): unknown;
}

/** Moves the old column's values to the new one; safe to run any number of times. */
export const moveModerationStatus = async (knex: MigrationKnex): Promise<'moved' | 'merged' | 'nothing to do'> => {
  if (!(await knex.schema.hasTable(COMMENTS_TABLE))) return 'nothing to do';
  if (!(await knex.schema.hasColumn(COMMENTS_TABLE, OLD_COLUMN))) return 'nothing to do';
  if (!(await knex.schema.hasColumn(COMMENTS_TABLE, NEW_COLUMN))) {
    await knex.schema.alterTable(COMMENTS_TABLE, (table) => table.renameColumn(OLD_COLUMN, NEW_COLUMN));
    return 'moved';
  }
  // Both exist (a half-applied upgrade): fill what the new column lacks, then drop the old one.
  await knex(COMMENTS_TABLE)
    .whereNull(NEW_COLUMN)
    .update({ [NEW_COLUMN]: knex.ref(OLD_COLUMN) });
  await knex.schema.alterTable(COMMENTS_TABLE, (table) => table.dropColumn(OLD_COLUMN));
  return 'merged';
};

interface InternalMigrations {
  register(migration: { name: string; up(knex: unknown): Promise<void>; down(): Promise<void> }): Promise<void> | void;
}

/** register(): adds the migration to Strapi's internal ones (run before the schema sync). */
export const registerMigrations = (strapi: Core.Strapi): void => {
  // Strapi's `Database` type does not expose its migration providers; they exist at runtime since 5.0.
  const internal = (strapi.db as unknown as { migrations?: { providers?: { internal?: InternalMigrations } } })
    .migrations?.providers?.internal;
  if (!internal) {
    strapi.log.warn('[movie-reviews] Strapi has no internal migrations; comment moderation states were not migrated');
    return;
  }
  void internal.register({
    name: MIGRATION_NAME,
    async up(knex) {
      await moveModerationStatus(knex as MigrationKnex);
    },
    async down() {
      throw new Error(`${MIGRATION_NAME} cannot be undone`);
    },
  });
};
