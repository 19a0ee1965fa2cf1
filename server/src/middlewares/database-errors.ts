/**
 * When the database cannot be reached (connection refused or reset, dropped
 * mid-query, no pool connection within the acquire timeout), the plugin's public
 * routes answer 503 in Strapi's error shape with a Retry-After, instead of what
 * Strapi would say: a 500, or even a 401, since the Users & Permissions auth step
 * reads the Public role from the database and treats its failure as "no credentials".
 *
 * Mounted on the Koa app in register(), so it wraps Strapi's own error and auth
 * middlewares: after a 500, or a 401 to a request without credentials, on one of
 * the plugin's routes it checks the database with one cheap query, and only if
 * that fails with a connection error is the answer turned into the 503.
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { pluginApiPrefix } from '../utils/plugin-path';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ECONNABORTED',
  // PostgreSQL SQLSTATE class 08 (connection exception) and 57P01-03 (server shutting down).
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

const CONNECTION_MESSAGES =
  /Connection terminated|Timeout acquiring a connection|connect ECONNREFUSED|read ECONNRESET|Connection lost|Client has encountered a connection error|server closed the connection unexpectedly|Cannot enqueue .* after fatal error|Can't add new command when connection is in closed state/i;

/** Whether an error (or one of its causes) means the database is unreachable. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const e = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
    current = e.cause;
  }
  return false;
};

export const RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable, please retry';

const unavailableBody = () => ({
  data: null,
  error: {
    status: 503,
    name: 'ServiceUnavailableError',
    message: UNAVAILABLE_MESSAGE,
    details: {},
  },
});

/** Whether the database answers a trivial query; false only on a connection problem. */
const databaseReachable = async (strapi: Core.Strapi): Promise<boolean> => {
  try {
    await strapi.db.connection.raw('select 1');
    return true;
  } catch (error) {
    return !isDatabaseUnavailable(error);
  }
};

/** The plugin's GraphQL root fields: a GraphQL request naming one of them is a request to the plugin. */
const PLUGIN_GRAPHQL_FIELDS = /\b(?:movieReview\w*|createMovieReviewComment|reportMovieReviewComment)\b/;

const graphqlQueryText = (ctx: Context): string => {
  const body = ctx.request.body as { query?: unknown } | undefined;
  if (typeof body?.query === 'string') return body.query;
  return typeof ctx.query.query === 'string' ? ctx.query.query : '';
};

/**
 * GraphQL answers the same outage in its own shape: HTTP 503 with one error of
 * code SERVICE_UNAVAILABLE. Resolvers catch outages themselves (graphql/errors.ts);
 * this covers what fails before them (the Users & Permissions auth step).
 */
const unavailableGraphqlBody = () => ({
  errors: [
    { message: UNAVAILABLE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: RETRY_AFTER_SECONDS } },
  ],
});

/** Answers `ctx` with the 503 of a database outage (REST shape, or GraphQL's with `graphql`). */
export const answerUnavailable = (strapi: Core.Strapi, ctx: Context, graphql = false): void => {
  strapi.log.warn(`[movie-reviews] database unavailable on ${ctx.method} ${ctx.path}: answering 503`);
  ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
  ctx.set('Cache-Control', 'no-store');
  ctx.remove('ETag');
  ctx.status = 503;
  ctx.body = graphql ? unavailableGraphqlBody() : unavailableBody();
};

export const databaseUnavailableGuard = (strapi: Core.Strapi) => {
  const pluginPath = `${pluginApiPrefix(strapi)}/`;
  const graphqlPath = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  return async (ctx: Context, next: Next) => {
    const isGraphql = ctx.path === graphqlPath && Boolean(strapi.plugin('graphql'));
    if (!ctx.path.startsWith(pluginPath) && !isGraphql) return next();
    await next();
    const suspicious = ctx.status === 500 || (ctx.status === 401 && !ctx.get('authorization'));
    if (!suspicious) return;
    if (isGraphql && !PLUGIN_GRAPHQL_FIELDS.test(graphqlQueryText(ctx))) return;
    if (await databaseReachable(strapi)) return;
    answerUnavailable(strapi, ctx, isGraphql);
  };
};
