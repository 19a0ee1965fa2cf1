import type { Context } from 'koa';

/** What plugin-graphql hands every resolver as its context. */
export interface GraphqlContext {
  koaContext: Context;
}
