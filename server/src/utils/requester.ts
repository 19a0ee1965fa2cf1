/** What a comment use case needs to know about the HTTP request, read the same way for REST and GraphQL. */
import type { Context } from 'koa';
import type { Requester } from '../services/comments';

/**
 * `ctx.request.ip` reads X-Forwarded-For only when Strapi's `server.proxy.koa`
 * trusts the proxy, so a client cannot pick its own address.
 */
export const requesterOf = (ctx: Context): Requester => ({
  ip: ctx.request.ip || null,
  userAgent: ctx.get('user-agent') || null,
});
