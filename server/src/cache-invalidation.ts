/**
 * What flushes the response cache (see services/response-cache.ts):
 * - document-service writes on reviews and comments (Content Manager, moderation
 *   panels, the public API, any `strapi.documents()` call), after they return,
 *   i.e. after their transaction committed;
 * - query-engine writes on the same types and on upload files (update/delete: a
 *   still's URL, formats or the file itself), and on Users & Permissions
 *   permissions and roles (the early 304 path relies on the cache only holding
 *   answers the Public role was authorised for). Inside a transaction the flush is
 *   repeated on commit, so an answer read between the write and the commit is not
 *   kept;
 * - a settings change (cacheMaxAge and embedProviders change the output).
 */
import type { Core, Modules } from '@strapi/strapi';
import { COMMENT_UID, PLUGIN_ID, REVIEW_UID } from './utils/constants';
import type { ResponseCache } from './services/response-cache';
import type { Settings } from './services/settings';

const DOCUMENT_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const CONTENT_UIDS = new Set<string>([REVIEW_UID, COMMENT_UID]);

const ALL_WRITES = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'] as const;
const CHANGES = ['afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'] as const;

const cacheOf = (strapi: Core.Strapi) => strapi.plugin(PLUGIN_ID).service('responseCache') as ResponseCache;

const flush = (strapi: Core.Strapi) => {
  const cache = cacheOf(strapi);
  void cache.invalidate();
  if (strapi.db.inTransaction()) {
    // Nested call: runs in the current transaction and registers the callback for its commit.
    void strapi.db.transaction(async ({ onCommit }) => onCommit(() => void cache.invalidate()));
  }
};

/** register(): the document-service middleware. */
export const cacheInvalidationMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    const result = await next();
    if (CONTENT_UIDS.has(ctx.uid) && DOCUMENT_ACTIONS.has(ctx.action)) await cacheOf(strapi).invalidate();
    return result;
  };

const subscribe = (strapi: Core.Strapi, models: string[], events: readonly string[]) => {
  const handler = () => flush(strapi);
  strapi.db.lifecycles.subscribe({ models, ...Object.fromEntries(events.map((e) => [e, handler])) });
};

/** bootstrap(): query-engine lifecycles, settings changes, Redis pub/sub. */
export const setupCacheInvalidation = (strapi: Core.Strapi): void => {
  subscribe(strapi, [REVIEW_UID, COMMENT_UID], ALL_WRITES);
  subscribe(strapi, ['plugin::upload.file'], CHANGES);
  if (strapi.plugin('users-permissions')) {
    subscribe(strapi, ['plugin::users-permissions.permission', 'plugin::users-permissions.role'], ALL_WRITES);
  }
  const settings = strapi.plugin(PLUGIN_ID).service('settings') as { onChange(l: (s: Settings) => Promise<void>): void };
  settings.onChange(() => cacheOf(strapi).invalidate('settings'));
  cacheOf(strapi).init();
};
