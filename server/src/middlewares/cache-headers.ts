/**
 * `plugin::movie-reviews.cache-headers` (route middleware of the public GETs, so
 * it runs after Strapi's authentication and authorisation): answers from the
 * response cache when it can, otherwise lets the controller run and stores its
 * answer with the cache tags the controller declared (utils/cache-tags.ts).
 * Every successful public GET gets an `ETag`, `Cache-Control: public,
 * max-age=<settings.cacheMaxAge>`, `Surrogate-Key` / `Cache-Tag` with its tags,
 * and 304 for a matching `If-None-Match` (utils/conditional-get.ts).
 *
 * The ETag is a strong hash of the body, except with `config.validator: 'review'`
 * (the detail route): there it is the review's version (services/review-version.ts),
 * read in one query before the answer is built, so a matching conditional GET is
 * answered 304 without building it.
 */
import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { cacheTagsOf } from '../utils/cache-tags';
import { answerConditionally, requestMatches } from '../utils/conditional-get';
import { normaliseUrl, type CachedResponse } from '../services/response-cache';
import { jsonBytes } from '../utils/json-bytes';

/** A strong ETag of a body: its JSON text, or those bytes already encoded (the same hash). */
export const etagOf = (body: unknown): string =>
  `"${createHash('sha256')
    .update(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body))
    .digest('base64url')
    .slice(0, 32)}"`;

/** Headers of the response that are not replayed by the early path (they are per response or set there). */
const NOT_REPLAYED = new Set([
  'content-length',
  'content-type',
  'etag',
  'cache-control',
  'surrogate-key',
  'cache-tag',
  'set-cookie',
  'date',
  'connection',
  'transfer-encoding',
]);

/**
 * A response may be replayed before Strapi's stack (see early-cache.ts) only when it
 * was computed for an anonymous request (authorised as the Public role) without
 * an Origin header (no per-origin CORS headers in it).
 */
export const isReplayableRequest = (ctx: Pick<Context, 'get'>): boolean =>
  !ctx.get('authorization') && !ctx.get('origin');

/** The headers Strapi's stack set on this response, minus the per-response ones. */
export const replayableHeaders = (ctx: Context): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.response.headers)) {
    if (!NOT_REPLAYED.has(name.toLowerCase()) && value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
};

export const cacheControlOf = async (strapi: Core.Strapi): Promise<string> =>
  `public, max-age=${(await getService(strapi, 'settings').current()).cacheMaxAge}`;

interface CacheHeadersConfig {
  /** `review`: the ETag is the version of the review named by the `slug` route parameter. */
  validator?: 'review';
  /**
   * The route kind the early path answers uncached (early-cache.ts): the headers of
   * its public answers are remembered under this name (the detail's under `validator`).
   */
  early?: 'list';
}

export default (config: CacheHeadersConfig | undefined, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const cache = getService(strapi, 'responseCache');
    const key = normaliseUrl(ctx.path, ctx.querystring);
    const hit = cache.get(key);
    if (hit) return answerConditionally(ctx, hit);

    const startedAt = cache.begin();
    let version: string | null = null;
    if (config?.validator === 'review' && !ctx.querystring) {
      version = await getService(strapi, 'reviewVersion').etag(ctx.params?.slug);
      if (version && requestMatches(ctx, version)) {
        // Unchanged: no need to build the answer. No tag headers: a 304 updates a CDN's stored
        // headers, and the stored answer's tags (files shown...) are not known here.
        return answerConditionally(ctx, {
          etag: version,
          cacheControl: await cacheControlOf(strapi),
          tags: [],
          body: null,
        });
      }
    }
    await next();
    if (ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    const body = typeof ctx.body === 'string' ? Buffer.from(ctx.body) : jsonBytes(ctx.body);
    const entry: CachedResponse = {
      body,
      etag: version ?? etagOf(body),
      cacheControl: await cacheControlOf(strapi),
      headers: replayableHeaders(ctx),
      publicOk: isReplayableRequest(ctx),
      tags: cacheTagsOf(ctx),
    };
    if (ctx.method === 'GET') {
      cache.set(key, entry, startedAt);
      const kind = config?.validator ?? config?.early;
      if (entry.publicOk && kind) cache.rememberStackHeaders(kind, entry.headers);
    }
    answerConditionally(ctx, entry);
  };
};
