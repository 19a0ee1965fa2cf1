/**
 * The query of `GET /reviews/:slug/related` and the `limit` argument of the GraphQL
 * field `MovieReview.related`: one optional `limit`, a whole number from 1 to 12
 * (4 when absent). Anything else is a 400 that names the parameter.
 */
import { z } from 'zod';
import { Issues, wholeNumber } from './list-query';

export const RELATED_DEFAULT_LIMIT = 4;
export const RELATED_MAX_LIMIT = 12;
const RELATED_QUERY_KEYS = ['limit'] as const;

const parseLimit = (value: unknown, issues: Issues): number =>
  value === undefined ? RELATED_DEFAULT_LIMIT : (wholeNumber(value, ['limit'], issues, 1, RELATED_MAX_LIMIT) ?? 0);

/** Validates the related-reviews query; throws one ValidationError listing every problem. */
export const parseRelatedQuery = (raw: Record<string, unknown>): { limit: number } => {
  const issues = new Issues();
  for (const key of Object.keys(raw)) {
    if (!(RELATED_QUERY_KEYS as readonly string[]).includes(key)) {
      issues.add([key], `is not a known query parameter; use ${RELATED_QUERY_KEYS.join(', ')}`);
    }
  }
  const limit = parseLimit(raw.limit, issues);
  issues.throwIfAny();
  return { limit };
};

/** `request.query` of `GET /reviews/:slug/related` (the same rule as a zod schema). */
export const relatedQueryRequest = {
  limit: z
    .unknown()
    .transform((value, ctx) => {
      const issues = new Issues();
      const out = parseLimit(value, issues);
      for (const issue of issues.list) ctx.addIssue({ code: 'custom', message: issue.message });
      return out;
    })
    .optional(),
};
