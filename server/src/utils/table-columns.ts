/**
 * Column names from Strapi's metadata, for statements run without the query engine
 * (utils/compiled-statement.ts): the column of a scalar attribute of a content type.
 */
import type { Core } from '@strapi/strapi';

export type Meta = ReturnType<Core.Strapi['db']['metadata']['get']>;

/** The column of `attribute` in `meta` (Strapi's snake_case name); throws for a relation or an unknown attribute. */
export const columnOf = (meta: Meta, attribute: string): string => {
  const attr = meta.attributes[attribute];
  if (!attr || attr.type === 'relation') throw new Error(`${meta.uid}.${attribute} is not a column`);
  return attr.columnName ?? attribute;
};
