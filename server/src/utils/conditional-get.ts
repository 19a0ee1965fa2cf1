/**
 * The one conditional-GET answer of the public routes, used by the early cache
 * path (before Strapi's stack) and by the `cache-headers` route middleware: sets
 * the ETag, Cache-Control and cache-tag headers, then answers 304 when the
 * request's `If-None-Match` matches (RFC 9110 weak comparison), the body otherwise.
 */
import type { Context } from 'koa';

export interface ConditionalAnswer {
  etag: string;
  cacheControl: string;
  /** Cache tags, sent as `Surrogate-Key` (space-separated) and `Cache-Tag` (comma-separated) for CDNs. */
  tags: readonly string[];
  /** The JSON body, or null when only a 304 can be given (the caller checked `matches` first). */
  body: Buffer | null;
  /** Extra headers to replay (the early path replays those the full stack set). */
  headers?: Record<string, string>;
}

/** `If-None-Match` matching as in RFC 9110 (weak comparison; `*` matches any). */
export const etagMatches = (ifNoneMatch: string, etag: string): boolean => {
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
};

/** Whether the request's `If-None-Match` matches `etag`. */
export const requestMatches = (ctx: Pick<Context, 'get'>, etag: string): boolean => {
  const ifNoneMatch = ctx.get('if-none-match');
  return ifNoneMatch !== '' && etagMatches(ifNoneMatch, etag);
};

/** Answers `ctx` with a 304 or the cached 200 (see module comment). */
export const answerConditionally = (ctx: Context, answer: ConditionalAnswer): void => {
  if (answer.headers) ctx.set(answer.headers);
  ctx.set('ETag', answer.etag);
  ctx.set('Cache-Control', answer.cacheControl);
  if (answer.tags.length) {
    ctx.set('Surrogate-Key', answer.tags.join(' '));
    ctx.set('Cache-Tag', answer.tags.join(','));
  }
  if (requestMatches(ctx, answer.etag) || answer.body === null) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = answer.body;
};
