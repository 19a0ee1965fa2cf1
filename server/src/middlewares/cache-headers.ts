/**
 * `plugin::movie-reviews.cache-headers` (route middleware of the public GETs, so
 * it runs after Strapi's authentication and authorisation): answers from the
 * response cache when it can, otherwise lets the controller run and stores its
 * answer. Every successful public GET gets an `ETag` (a strong hash of the body,
 * so it changes whenever the review, its files or its approved comments change
 * what is returned), `Cache-Control: public, max-age=<settings.cacheMaxAge>`, and
 * 304 for a matching `If-None-Match`.
 */
import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { normaliseUrl, type CachedResponse, type ResponseCache } from '../services/response-cache';

export const etagOf = (body: unknown): string =>
  `"${createHash('sha256').update(typeof body === 'string' ? body : JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;

/** Headers of the response that are not replayed by the early 304 path (they are per response or set there). */
const NOT_REPLAYED = new Set(['content-length', 'content-type', 'etag', 'cache-control', 'set-cookie', 'date', 'connection', 'transfer-encoding']);

/**
 * A response may be replayed before Strapi's stack (see early-cache.ts) only when it
 * was computed for an anonymous request (authorised as the Public role) without
 * an Origin header (no per-origin CORS headers in it).
 */
export const isReplayableRequest = (ctx: Pick<Context, 'get'>): boolean => !ctx.get('authorization') && !ctx.get('origin');

const answer = (ctx: Context, entry: CachedResponse) => {
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = entry.body;
  ctx.set('ETag', entry.etag);
  ctx.set('Cache-Control', entry.cacheControl);
  // Koa compares If-None-Match with the ETag just set (ctx.fresh covers GET and HEAD with a 2xx status).
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
  }
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const cache = strapi.plugin(PLUGIN_ID).service('responseCache') as ResponseCache;
    const key = normaliseUrl(ctx.path, ctx.querystring);
    const hit = cache.get(key);
    if (hit) return answer(ctx, hit);

    const startedAt = cache.generation();
    await next();
    if (ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    const json = typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.response.headers)) {
      if (!NOT_REPLAYED.has(name.toLowerCase()) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    const entry: CachedResponse = {
      body: Buffer.from(json),
      etag: etagOf(json),
      cacheControl: await cache.cacheControl(),
      headers,
      publicOk: isReplayableRequest(ctx),
    };
    if (ctx.method === 'GET') cache.set(key, entry, startedAt);
    answer(ctx, entry);
  };
};
