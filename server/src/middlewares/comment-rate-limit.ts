/**
 * `plugin::movie-reviews.comment-rate-limit`: counts a comment attempt per client
 * IP through `comments.admit` (the same step `comments.submit` starts with) and
 * answers 429 with `Retry-After`. The comment POST route does not mount it (its
 * use case counts the attempt); the body reader uses `enforceCommentRateLimit` so a
 * refused body counts too. Kept for routes that need the same budget.
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { hostErrors } from '../utils/host-errors';
import { getService } from '../utils/get-service';
import { clientIpOf, requesterOf } from '../utils/requester';
import { setRetryAfter } from '../utils/retry-after';

export { setRetryAfter };

/** Throws Strapi's RateLimitError (429) when the requester has used its budget; sets Retry-After on `ctx`. */
export const enforceCommentRateLimit = async (strapi: Core.Strapi, ctx: Context): Promise<void> => {
  try {
    await getService(strapi, 'comments').admit(requesterOf(ctx).ip);
  } catch (error) {
    if (error instanceof hostErrors().RateLimitError) setRetryAfter(ctx, error);
    throw error;
  }
};

/** The same for comment reports (their own budget, `commentReports.admit`). */
export const enforceReportRateLimit = async (strapi: Core.Strapi, ctx: Context): Promise<void> => {
  try {
    await getService(strapi, 'commentReports').admit(clientIpOf(ctx));
  } catch (error) {
    if (error instanceof hostErrors().RateLimitError) setRetryAfter(ctx, error);
    throw error;
  }
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    await enforceCommentRateLimit(strapi, ctx);
    return next();
  };
