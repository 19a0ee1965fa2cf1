/** What a comment use case needs to know about the HTTP request, read the same way for REST and GraphQL. */
import type { Context } from 'koa';
import type { Requester } from '../services/comments';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from '../validation/idempotency-key';

/**
 * `ctx.request.ip` reads X-Forwarded-For only when Strapi's `server.proxy.koa`
 * trusts the proxy, so a client cannot pick its own address.
 */
export const clientIpOf = (ctx: Context): string | null => ctx.request.ip || null;

export const requesterOf = (ctx: Context): Requester => ({
  ip: clientIpOf(ctx),
  userAgent: ctx.get('user-agent') || null,
  // A malformed key is a 400 before anything is counted or stored.
  idempotencyKey: parseIdempotencyKey(ctx.req.headers[IDEMPOTENCY_HEADER]),
});
