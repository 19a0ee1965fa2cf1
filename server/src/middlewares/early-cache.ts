/**
 * The early cache path. Mounted on the Koa app in register(), in front of Strapi's
 * global middlewares and router: a `GET <api prefix>/movie-reviews/reviews...`
 * whose answer is in the response cache is answered at once, a 304 when its
 * `If-None-Match` matches, the cached 200 otherwise, skipping the stack (most of
 * the cost of such a request). A review detail that is not cached is answered
 * here too: a 304 when the review's version (one query, services/review-version.ts)
 * matches `If-None-Match`, otherwise the answer is built by the same service call
 * as the controller's, stored and sent (so a miss costs the plugin's own work, not
 * Strapi's router, authentication and permission queries).
 *
 * It only answers what the full stack would answer the same way:
 * - anonymous requests without an Origin header, and only from an entry that was
 *   computed for such a request (so the Public role was authorised for the action
 *   when it was stored; any permission or role change flushes the cache), or, for
 *   an uncached detail, when the Public role is granted the detail (memoised,
 *   services/public-access.ts) and a public detail went through the stack already
 *   (its headers are replayed); a detail that is not published (404) goes through
 *   the stack;
 * - with the headers the full stack set on that response (security headers,
 *   Vary...), plus its ETag, Cache-Control and cache tags.
 * Anything else (a miss, an error, MOVIE_REVIEWS_EARLY_CACHE=false) goes through the normal stack.
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { getService } from '../utils/get-service';
import { answerConditionally, requestMatches } from '../utils/conditional-get';
import { CACHE_TAGS } from '../utils/cache-tags';
import { normaliseUrl, type CachedResponse } from '../services/response-cache';
import { cacheControlOf, isReplayableRequest } from './cache-headers';

export { etagMatches } from '../utils/conditional-get';

const DETAIL_ACTION = `plugin::${PLUGIN_ID}.reviews.findOne`;

/** The slug of `<prefix>/<slug>` (the detail route), or null for any other path. */
const detailSlug = (path: string, prefix: string): string | null => {
  const rest = path.slice(prefix.length);
  if (!/^\/[^/]+$/.test(rest)) return null;
  try {
    return decodeURIComponent(rest.slice(1));
  } catch {
    return null;
  }
};

/**
 * An uncached detail: 304 when its version matches, else the answer built, stored
 * and sent; false when the stack must answer (not the detail route, query
 * parameters, Public role not granted, stack headers not known yet, no such review).
 */
const uncachedDetail = async (strapi: Core.Strapi, ctx: Context, prefix: string, key: string): Promise<boolean> => {
  if (ctx.querystring) return false;
  const slug = detailSlug(ctx.path, prefix);
  if (slug === null) return false;
  const cache = getService(strapi, 'responseCache');
  const headers = cache.stackHeaders('review');
  if (!headers || !(await getService(strapi, 'publicAccess').allows(DETAIL_ACTION))) return false;
  const startedAt = cache.begin();
  const version = await getService(strapi, 'reviewVersion').etag(slug);
  if (!version) return false;
  const cacheControl = await cacheControlOf(strapi);
  if (requestMatches(ctx, version)) {
    answerConditionally(ctx, { etag: version, cacheControl, tags: [], body: null, headers });
    return true;
  }
  const tags = new Set<string>();
  const body = await getService(strapi, 'reviews').detailBody(slug, tags);
  if (!body) return false;
  const entry: CachedResponse = {
    body: Buffer.from(JSON.stringify(body)),
    etag: version,
    cacheControl,
    headers,
    publicOk: true,
    tags: [CACHE_TAGS.all, ...tags],
  };
  cache.set(key, entry, startedAt);
  answerConditionally(ctx, entry);
  return true;
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
      const key = normaliseUrl(ctx.path, ctx.querystring);
      entry = getService(strapi, 'responseCache').get(key);
      if (!entry && (await uncachedDetail(strapi, ctx, prefix, key))) return;
    } catch {
      return next();
    }
    if (!entry || !entry.publicOk) return next();
    answerConditionally(ctx, entry);
  };
};
