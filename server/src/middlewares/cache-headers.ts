/**
 * `plugin::movie-reviews.cache-headers`: on every successful public GET, an `ETag`
 * (a strong hash of the response body, so it changes whenever the review, its
 * files or its approved comments change what is returned), `Cache-Control:
 * public, max-age=<settings.cacheMaxAge>`, and 304 for a matching `If-None-Match`.
 */
import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import type { Settings } from '../services/settings';

export const etagOf = (body: unknown): string =>
  `"${createHash('sha256').update(typeof body === 'string' ? body : JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    const settings = (await strapi.plugin(PLUGIN_ID).service('settings').get()) as Settings;
    ctx.set('ETag', etagOf(ctx.body));
    ctx.set('Cache-Control', `public, max-age=${settings.cacheMaxAge}`);
    // Koa compares If-None-Match with the ETag just set (ctx.fresh covers GET and HEAD with a 2xx status).
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
