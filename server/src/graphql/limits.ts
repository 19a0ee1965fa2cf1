/** Bounds of GraphQL operations: depth and list limits in plugin-graphql's config, and a per-request budget of plugin fields. */
import type { Core } from '@strapi/strapi';
import { hostErrors } from '../utils/host-errors';
import type { GraphqlContext } from './context';

/**
 * Each of the plugin's root fields runs database queries, and GraphQL aliases let
 * one request ask for the same field hundreds of times (`a1: movieReviews ... a500:
 * movieReviews`), which the depth limit does not catch. A request may resolve at
 * most this many of them; the rest answer a GraphQL error.
 */
export const MAX_PLUGIN_FIELDS_PER_REQUEST = 20;
const fieldBudget = new WeakMap<object, number>();
export const spendFieldBudget = (context: GraphqlContext | undefined) => {
  const key = context?.koaContext ?? context;
  if (!key) return;
  const used = (fieldBudget.get(key) ?? 0) + 1;
  fieldBudget.set(key, used);
  if (used > MAX_PLUGIN_FIELDS_PER_REQUEST) {
    throw new (hostErrors().ValidationError)(
      `A request may ask for at most ${MAX_PLUGIN_FIELDS_PER_REQUEST} movie review fields (aliases included)`
    );
  }
};

/**
 * The contract promises bounded GraphQL operations (depth ≤ 10, at most 100 items).
 * plugin-graphql leaves both unbounded unless the app configures them, so the plugin
 * sets them when the app did not (an app's own values are kept), before the GraphQL
 * plugin builds its server in bootstrap.
 */
export const applyOperationLimits = (strapi: Core.Strapi) => {
  const limits: Array<[key: string, value: number, unbounded: (v: unknown) => boolean]> = [
    ['depthLimit', 10, (v) => typeof v !== 'number' || v <= 0],
    ['maxLimit', 100, (v) => typeof v !== 'number' || v <= 0],
  ];
  for (const [key, value, unbounded] of limits) {
    const path = `plugin::graphql.${key}`;
    if (unbounded(strapi.config.get(path))) {
      strapi.config.set(path, value);
      strapi.log.info(
        `[movie-reviews] GraphQL ${key} was unbounded; set to ${value} (configure it in config/plugins to choose another)`
      );
    }
  }
};
