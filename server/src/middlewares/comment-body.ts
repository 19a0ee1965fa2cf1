/**
 * The body of `POST /api/movie-reviews/reviews/:slug/comments` is read by the plugin,
 * not by Strapi's global body parser (koa-body, 1 MB JSON limit by default, shared
 * by the whole app), so comments get their own 64 KiB limit, chunked uploads
 * included, without changing the host's settings.
 *
 * `commentBodyReader` is mounted on the Koa app in register(), in front of every
 * global middleware: for that one route it reads at most 64 KiB + 1 byte, parses
 * JSON and leaves the outcome in `ctx.state`; it then marks the request as having
 * no body left so koa-body skips it. It never answers itself: the route-level
 * `comment-body` middleware turns the outcome into Strapi errors (413, 400, 415),
 * after authentication and the rate limit, in Strapi's error shape.
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { hostErrors, validationError } from '../utils/host-errors';
import { enforceCommentRateLimit, enforceReportRateLimit } from './comment-rate-limit';
import { pluginRoute } from '../utils/plugin-path';

export const MAX_COMMENT_BODY_BYTES = 64 * 1024;

export type CommentBodyOutcome =
  | { kind: 'json'; value: unknown }
  | { kind: 'too-large' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'unsupported-type'; type: string }
  | { kind: 'unsupported-encoding'; encoding: string }
  | { kind: 'empty' }
  | { kind: 'aborted' };

const STATE_KEY = 'movieReviewsCommentBody';

type StateWithBody = Record<string, unknown> & { [STATE_KEY]?: CommentBodyOutcome };

const readLimited = (
  req: Context['req'],
  limit: number
): Promise<{ buffer: Buffer } | { tooLarge: true } | { aborted: true }> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: { buffer: Buffer } | { tooLarge: true } | { aborted: true }) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading: the rest is never buffered. The connection is closed after the 413.
        req.pause();
        finish({ tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ buffer: Buffer.concat(chunks, size) });
    const onError = () => finish({ aborted: true });
    const onAborted = () => finish({ aborted: true });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });

const isJsonType = (type: string) => type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);

/** Reads and parses the comment body; never throws. */
export const readCommentBody = async (ctx: Context, limit = MAX_COMMENT_BODY_BYTES): Promise<CommentBodyOutcome> => {
  const headers = ctx.req.headers;
  const declared = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
  const chunked = headers['transfer-encoding'] !== undefined;
  if (!chunked && (declared === undefined || declared === 0)) return { kind: 'empty' };
  if (declared !== undefined && declared > limit) return { kind: 'too-large' };
  const encoding = String(headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return { kind: 'unsupported-encoding', encoding: encoding.slice(0, 40) };
  const type = (ctx.request.type || '').toLowerCase();

  const read = await readLimited(ctx.req, limit);
  if ('tooLarge' in read) return { kind: 'too-large' };
  if ('aborted' in read) return { kind: 'aborted' };
  if (!isJsonType(type)) return { kind: 'unsupported-type', type: type.slice(0, 80) || 'none' };
  const text = read.buffer.toString('utf8');
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    return { kind: 'malformed', reason: error instanceof Error ? error.message.slice(0, 200) : 'invalid JSON' };
  }
};

/** App-level Koa middleware (mounted in register) that reads comment bodies before Strapi's body parser. */
export const commentBodyReader = (strapi: Core.Strapi) => {
  // Comment posts and comment reports.
  const route = pluginRoute(strapi, '/reviews/[^/]+/comments(?:/[^/]+/report)?/?$');
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || !route.test(ctx.path)) return next();
    const outcome = await readCommentBody(ctx);
    (ctx.state as StateWithBody)[STATE_KEY] = outcome;
    if (outcome.kind === 'json') ctx.request.body = outcome.value;
    // The body has been consumed (or refused): tell koa-body there is nothing left to parse.
    delete ctx.req.headers['content-length'];
    delete ctx.req.headers['transfer-encoding'];
    if (outcome.kind === 'too-large') ctx.set('Connection', 'close');
    return next();
  };
};

/** 415 in Strapi's error shape (Strapi's helper `ctx.unsupportedMediaType` formats it like its other errors). */
const unsupportedMediaType = (ctx: Context, message: string) => {
  (ctx as Context & { unsupportedMediaType(message: string, details: object): void }).unsupportedMediaType(message, {});
};

/**
 * Route-level middleware (`plugin::movie-reviews.comment-body`): answers the body
 * problems found by the reader, in Strapi's error shape.
 */
export default (config: { bucket?: 'comment-reports' } | undefined, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    const outcome = (ctx.state as StateWithBody)[STATE_KEY];
    const errors = hostErrors();
    // A refused body is an attempt too: it counts against the route's rate limit (429 first when over budget).
    if (outcome && outcome.kind !== 'json') {
      if (config?.bucket === 'comment-reports') await enforceReportRateLimit(strapi, ctx);
      else await enforceCommentRateLimit(strapi, ctx);
    }
    if (!outcome) {
      // The reader did not run (e.g. the app mounts routes elsewhere): fall back to what koa-body parsed.
      if ((ctx.request.length ?? 0) > MAX_COMMENT_BODY_BYTES) {
        throw new errors.PayloadTooLargeError(`The request body must be at most ${MAX_COMMENT_BODY_BYTES} bytes`);
      }
      return next();
    }
    switch (outcome.kind) {
      case 'json':
        return next();
      case 'too-large':
        ctx.set('Connection', 'close');
        throw new errors.PayloadTooLargeError(
          `The request body must be at most ${MAX_COMMENT_BODY_BYTES} bytes (64 KiB)`,
          {
            limit: MAX_COMMENT_BODY_BYTES,
          }
        );
      case 'malformed':
        throw validationError([
          { path: [], name: 'ValidationError', message: `body is not valid JSON: ${outcome.reason}` },
        ]);
      case 'empty':
        throw validationError([{ path: [], name: 'ValidationError', message: 'body is empty; send a JSON object' }]);
      case 'unsupported-type':
        return unsupportedMediaType(ctx, `body must be JSON (Content-Type: application/json), not ${outcome.type}`);
      case 'unsupported-encoding':
        return unsupportedMediaType(
          ctx,
          `Content-Encoding ${outcome.encoding} is not supported; send the body uncompressed`
        );
      case 'aborted':
        throw validationError([
          { path: [], name: 'ValidationError', message: 'the request body was not received completely' },
        ]);
    }
  };
