import type { Context } from 'koa';

/** Sets `Retry-After` from a RateLimitError's `details.retryAfter` (seconds), on REST and GraphQL answers alike. */
export const setRetryAfter = (ctx: Context, error: { details?: unknown }): void => {
  const retryAfter = (error.details as { retryAfter?: number } | undefined)?.retryAfter;
  if (retryAfter) ctx.set('Retry-After', String(retryAfter));
};
