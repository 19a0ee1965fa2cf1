/**
 * `plugin::movie-reviews.comment-rate-limit`: counts every comment post per client
 * IP (`ctx.request.ip`: Koa reads X-Forwarded-For only when Strapi's
 * `server.proxy.koa` trusts the proxy) and answers 429 with `Retry-After`.
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { hostErrors } from '../utils/host-errors';
import type { RateLimitResult } from '../services/rate-limit';

type RateLimitService = { consume(key: string): Promise<RateLimitResult> };

/** Throws Strapi's RateLimitError (429) when `ip` has used its budget; sets Retry-After on `ctx`. */
export const enforceCommentRateLimit = async (strapi: Core.Strapi, ctx: Context): Promise<void> => {
  const limiter = strapi.plugin(PLUGIN_ID).service('rateLimit') as RateLimitService;
  const result = await limiter.consume(ctx.request.ip);
  if (result.allowed) return;
  ctx.set('Retry-After', String(result.retryAfterSeconds));
  throw new (hostErrors().RateLimitError)(
    `Too many comments from your address; try again in ${result.retryAfterSeconds} second${result.retryAfterSeconds === 1 ? '' : 's'}.`,
    { retryAfter: result.retryAfterSeconds }
  );
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    await enforceCommentRateLimit(strapi, ctx);
    return next();
  };
