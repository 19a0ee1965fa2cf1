/**
 * GraphQL errors of the plugin's own making. plugin-graphql passes an error that
 * is a `GraphQLError` through unchanged (anything else unknown becomes "Internal
 * Server Error"), so the class comes from the `graphql` module plugin-graphql
 * itself uses, found from the host app.
 */
import path from 'node:path';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from '../middlewares/database-errors';

type GraphQLErrorClass = new (message: string, options: { extensions: Record<string, unknown> }) => Error;

let cached: GraphQLErrorClass | null | undefined;

const hostGraphQLError = (): GraphQLErrorClass | null => {
  if (cached !== undefined) return cached;
  cached = null;
  const appRoot = (globalThis as { strapi?: { dirs?: { app?: { root?: string } } } }).strapi?.dirs?.app?.root;
  if (!appRoot) return cached;
  try {
    const pluginPkg = require.resolve('@strapi/plugin-graphql/package.json', { paths: [appRoot] });
    const graphqlPath = require.resolve('graphql', { paths: [path.dirname(pluginPkg)] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = (require(graphqlPath) as { GraphQLError: GraphQLErrorClass }).GraphQLError;
  } catch {
    cached = null;
  }
  return cached;
};

/**
 * Keeps only an error's first stack line ("Name: message"): a host that shows
 * stack traces (Apollo's `extensions.stacktrace` outside production) then never
 * shows the server's file paths for the plugin's errors.
 */
const withoutPaths = <E>(error: E): E => {
  if (error instanceof Error && typeof error.stack === 'string') error.stack = error.stack.split('\n')[0];
  return error;
};

/** The error a plugin field answers while the database is unreachable: code SERVICE_UNAVAILABLE, no stack, no path. */
export const serviceUnavailable = (): Error => {
  const GraphQLError = hostGraphQLError();
  const extensions = { code: 'SERVICE_UNAVAILABLE', retryAfter: RETRY_AFTER_SECONDS };
  if (GraphQLError) return withoutPaths(new GraphQLError(UNAVAILABLE_MESSAGE, { extensions }));
  return withoutPaths(Object.assign(new Error(UNAVAILABLE_MESSAGE), { extensions }));
};

/**
 * Wraps a plugin resolver: a database connection failure becomes
 * `serviceUnavailable()`; other errors pass unchanged but without file paths.
 */
export const guardDatabase =
  <A extends unknown[], R>(resolver: (...args: A) => Promise<R> | R) =>
  async (...args: A): Promise<R> => {
    try {
      return await resolver(...args);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw serviceUnavailable();
      throw withoutPaths(error);
    }
  };
