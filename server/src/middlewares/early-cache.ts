/**
 * The early cache path. Mounted on the Koa app in register(), in front of Strapi's
 * global middlewares and router: a `GET <api prefix>/movie-reviews/reviews...`
 * whose answer is in the response cache is answered at once, a 304 when its
 * `If-None-Match` matches, the cached 200 otherwise, skipping the stack (most of
 * the cost of such a request). A review detail that is not cached is answered
 * here too: a 304 when the review's version (one query, services/review-version.ts,
 * which also returns the review's row) matches `If-None-Match`, otherwise the answer
 * is built from that row by the same service code
 * as the controller's, stored and sent (so a miss costs the plugin's own work, not
 * Strapi's router, authentication and permission queries). An uncached page of the
 * review list is answered the same way, its query parsed by the controller's own
 * parser (a query the parser refuses goes through the stack, which answers 400).
 *
 * It only answers what the full stack would answer the same way:
 * - anonymous requests without an Origin header, and only from an entry that was
 *   computed for such a request (so the Public role was authorised for the action
 *   when it was stored; any permission or role change flushes the cache), or, for
 *   an uncached detail, when the Public role is granted the detail (memoised,
 *   services/public-access.ts) and a public detail went through the stack already
 *   (its headers are replayed); a detail that is not published (404) goes through
 *   the stack; the same for an uncached list page (the Public role granted the list);
 * - with the headers the full stack set on that response (security headers,
 *   Vary...), plus its ETag, Cache-Control and cache tags.
 * Anything else (an error, MOVIE_REVIEWS_EARLY_CACHE=false) goes through the normal stack, except a
 * database outage, answered 503 here as the stack would (middlewares/database-errors.ts).
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { getService } from '../utils/get-service';
import { answerConditionally, requestMatches } from '../utils/conditional-get';
import { CACHE_TAGS } from '../utils/cache-tags';
import { normaliseUrl, type CachedResponse } from '../services/response-cache';
import { cacheControlOf, etagOf, isReplayableRequest } from './cache-headers';
import { parseReviewListQuery, type ReviewListQuery } from '../validation/list-query';
import { answerUnavailable, isDatabaseUnavailable } from './database-errors';
import { jsonBytes } from '../utils/json-bytes';

export { etagMatches } from '../utils/conditional-get';

const DETAIL_ACTION = `plugin::${PLUGIN_ID}.reviews.findOne`;
const LIST_ACTION = `plugin::${PLUGIN_ID}.reviews.find`;

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
 * The headers the stack set on a public answer of `kind`, when the early path may
 * answer it: one went through the stack already, and the Public role has `action`.
 */
const earlyHeaders = async (strapi: Core.Strapi, kind: 'review' | 'list', action: string) => {
  const headers = getService(strapi, 'responseCache').stackHeaders(kind);
  return headers && (await getService(strapi, 'publicAccess').allows(action)) ? headers : undefined;
};

/**
 * Stores an answer built on the early path (`set` leaves it out when an invalidation
 * since `startedAt` touched its tags) and sends it.
 */
const storeAndSend = (
  strapi: Core.Strapi,
  ctx: Context,
  key: string,
  startedAt: number,
  answer: Pick<CachedResponse, 'body' | 'etag' | 'cacheControl' | 'headers'> & { tags: Set<string> }
): void => {
  const entry: CachedResponse = { ...answer, publicOk: true, tags: [CACHE_TAGS.all, ...answer.tags] };
  getService(strapi, 'responseCache').set(key, entry, startedAt);
  answerConditionally(ctx, entry);
};

/**
 * The detail of `slug` and its ETag, built from the row read with the version (one
 * statement on PostgreSQL, services/review-version.ts): the ETag and the body come
 * from the same read. Null for a review that is not published (any more).
 */
const buildDetail = async (strapi: Core.Strapi, slug: string, tags: Set<string>) => {
  const read = await getService(strapi, 'reviewVersion').read(slug);
  if (!read) return null;
  const body = await getService(strapi, 'reviews').detailBodyOf(read.row, tags, read.known);
  return { etag: read.etag, body };
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
  const headers = await earlyHeaders(strapi, 'review', DETAIL_ACTION);
  if (!headers) return false;
  const startedAt = getService(strapi, 'responseCache').begin();
  const versions = getService(strapi, 'reviewVersion');
  const cacheControl = await cacheControlOf(strapi);
  if (ctx.get('if-none-match')) {
    // A conditional GET: the version alone (one query), and a 304 when it matches.
    const version = await versions.etag(slug);
    if (!version) return false;
    if (requestMatches(ctx, version)) {
      answerConditionally(ctx, { etag: version, cacheControl, tags: [], body: null, headers });
      return true;
    }
  }
  const tags = new Set<string>();
  const built = await buildDetail(strapi, slug, tags);
  if (!built) return false;
  const body = jsonBytes(built.body);
  storeAndSend(strapi, ctx, key, startedAt, { body, etag: built.etag, cacheControl, headers, tags });
  return true;
};

/**
 * An uncached page of the review list (`<prefix>` itself): the answer built, stored
 * and sent, with the ETag the stack would give it (a hash of the body); false when
 * the stack must answer (another path, Public role not granted, stack headers not
 * known yet, a query the controller's parser refuses).
 */
const uncachedList = async (strapi: Core.Strapi, ctx: Context, prefix: string, key: string): Promise<boolean> => {
  if (ctx.path !== prefix) return false;
  const headers = await earlyHeaders(strapi, 'list', LIST_ACTION);
  if (!headers) return false;
  let query: ReviewListQuery;
  try {
    query = parseReviewListQuery(ctx.query);
  } catch {
    return false;
  }
  const startedAt = getService(strapi, 'responseCache').begin();
  const tags = new Set<string>();
  const body = jsonBytes(await getService(strapi, 'reviews').list(query, tags));
  const cacheControl = await cacheControlOf(strapi);
  storeAndSend(strapi, ctx, key, startedAt, { body, etag: etagOf(body), cacheControl, headers, tags });
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
      if (!entry && (await uncachedList(strapi, ctx, prefix, key))) return;
    } catch (error) {
      // An outage is answered here: the stack would wait for the database again before its 503.
      if (isDatabaseUnavailable(error)) return answerUnavailable(strapi, ctx);
      return next();
    }
    if (!entry || !entry.publicOk) return next();
    answerConditionally(ctx, entry);
  };
};
