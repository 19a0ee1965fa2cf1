/** GraphQL arguments of the list fields translated to the REST query, so both go through the same parser. */

export type Args = Record<string, unknown>;

/** GraphQL operators (eq, in...) to the REST query's ($eq, $in...); null fields are dropped. */
const toRestOperators = (value: unknown): unknown => {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const converted = toRestOperators(v);
    if (converted === undefined) continue;
    const isOperator = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'eqi', 'containsi'].includes(key);
    out[isOperator ? `$${key}` : key] = converted;
  }
  return out;
};

/** The GraphQL arguments of `movieReviews` as the raw REST query, validated by the same parser. */
export const listArgsToQuery = (args: Args): Record<string, unknown> => {
  const raw: Record<string, unknown> = {};
  const pagination = (args.pagination ?? {}) as { page?: number | null; pageSize?: number | null };
  if (pagination.page !== null && pagination.page !== undefined) raw.page = pagination.page;
  if (pagination.pageSize !== null && pagination.pageSize !== undefined) raw.pageSize = pagination.pageSize;
  if (args.sort !== null && args.sort !== undefined) raw.sort = args.sort;
  if (args.q !== null && args.q !== undefined) raw.q = args.q;
  const filters = toRestOperators(args.filters);
  if (filters !== undefined && Object.keys(filters as object).length) raw.filters = filters;
  return raw;
};
