/**
 * The early cache path. Mounted on the Koa app in register(), in front of Strapi's
 * global middlewares and router: a `GET <api prefix>/movie-reviews/reviews...`
 * whose answer is in the response cache is answered at once, a 304 when its
 * `If-None-Match` matches, the cached 200 otherwise, skipping the stack (most of
 * the cost of such a request).
 *
 * It only answers what the full stack would answer the same way:
 * - anonymous requests without an Origin header, and only from an entry that was
 *   computed for such a request (so the Public role was authorised for the action
 *   when it was stored; any permission or role change flushes the cache);
 * - with the headers the full stack set on that response (security headers,
 *   Vary...), plus its ETag and Cache-Control.
 * Anything else (a miss, an error, MOVIE_REVIEWS_EARLY_CACHE=false) goes through the normal stack.
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { normaliseUrl, type CachedResponse, type ResponseCache } from '../services/response-cache';
import { isReplayableRequest } from './cache-headers';

/** `If-None-Match` matching as in RFC 9110 (weak comparison; `*` matches any). */
export const etagMatches = (ifNoneMatch: string, etag: string): boolean => {
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
};

export const earlyCache = (strapi: Core.Strapi) => {
  let prefix: string | undefined;
  const enabled = process.env.MOVIE_REVIEWS_EARLY_CACHE !== 'false';
  return async (ctx: Context, next: Next) => {
    if (!enabled || ctx.method !== 'GET') return next();
    prefix ??= `${(strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api'}/${PLUGIN_ID}/reviews`;
    if (!ctx.path.startsWith(prefix) || !isReplayableRequest(ctx)) return next();
    let entry: CachedResponse | undefined;
    try {
      entry = (strapi.plugin(PLUGIN_ID).service('responseCache') as ResponseCache).get(normaliseUrl(ctx.path, ctx.querystring));
    } catch {
      return next();
    }
    if (!entry || !entry.publicOk) return next();
    ctx.set(entry.headers);
    ctx.set('ETag', entry.etag);
    ctx.set('Cache-Control', entry.cacheControl);
    const ifNoneMatch = ctx.get('if-none-match');
    if (ifNoneMatch && etagMatches(ifNoneMatch, entry.etag)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = entry.body;
  };
};
