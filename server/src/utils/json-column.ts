/**
 * A JSON column as Strapi's query engine reads it (its JSON field's `fromDB`), for
 * statements run without the query engine: parsed when the driver returns text
 * (SQLite, MariaDB), twice for values stored twice-encoded (Strapi 5 before rc.7),
 * and returned as is when it is not valid JSON or already parsed (PostgreSQL).
 */
export const fromJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
  } catch {
    return value;
  }
};
