/**
 * What invalidates the response cache (services/response-cache.ts), and which
 * cache tags (utils/cache-tags.ts). Every write is seen through the query-engine
 * lifecycles, which the document service (Content Manager, moderation panels, the
 * public API, any `strapi.documents()` call) goes through too. The rows a write
 * touches are read before it (update/delete) and after it (create/update), and:
 * - a review row: only published rows are public; a write on one (publish,
 *   unpublish, update, delete) invalidates `mr:review:<documentId>` and `mr:list`;
 *   a draft-only save invalidates nothing;
 * - a comment: only approved comments are public; creating a pending, spam or
 *   rejected one invalidates nothing; a write where the comment is approved before
 *   or after (approve, hide, edit, delete) invalidates its review's
 *   `mr:review:<id>`, `mr:comments:<id>` and `mr:list` (lists may show counts);
 * - an upload file created, updated or deleted: `mr:file:<id>` only;
 * - an author created, updated or deleted: `mr:author:<documentId>` (the lists,
 *   details and author page that show it; a review moved to another author is a
 *   review write);
 * - a Users & Permissions permission or role, or the plugin settings: `mr:all`
 *   (the early path relies on the cache only holding answers the Public role was
 *   authorised for; settings change Cache-Control and embeds).
 * Inside a transaction the invalidation is repeated on commit, so an answer read
 * between the write and the commit is not kept. Other instances are told through
 * the cache bus (Redis) and apply the same tags.
 *
 * Another model whose rows show in public answers registers with `watchModel`.
 */
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID, COMMENT_UID, REVIEW_UID } from './utils/constants';
import { getService } from './utils/get-service';
import { CACHE_TAGS, SETTINGS_CHANGED_TAG } from './utils/cache-tags';

type Row = Record<string, unknown>;

/** The comment attribute holding its moderation state (one place to rename). */
export const MODERATION_ATTRIBUTE = 'moderationStatus';

export interface ModelWatch {
  uid: string;
  /** Columns `tagsOf` needs (`id` is always read). */
  columns: readonly string[];
  /** Cache tags to invalidate for rows as they were before and after a write (empty: nothing public changed). */
  tagsOf(rows: Row[]): string[];
}

interface LifecycleEvent {
  action: string;
  params: { where?: Row; data?: unknown };
  result?: unknown;
  state: { before?: Row[] };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const reviewWatch: ModelWatch = {
  uid: REVIEW_UID,
  columns: ['documentId', 'publishedAt'],
  tagsOf: (rows) => {
    const published = rows.filter((r) => r.publishedAt !== null && r.publishedAt !== undefined);
    if (!published.length) return [];
    return [
      CACHE_TAGS.list,
      ...published.flatMap((r) => (str(r.documentId) ? [CACHE_TAGS.review(String(r.documentId))] : [])),
    ];
  },
};

const commentWatch: ModelWatch = {
  uid: COMMENT_UID,
  columns: ['reviewDocumentId', MODERATION_ATTRIBUTE],
  tagsOf: (rows) => {
    const approved = rows.filter((r) => r[MODERATION_ATTRIBUTE] === 'approved');
    if (!approved.length) return [];
    const reviews = [
      ...new Set(approved.flatMap((r) => (str(r.reviewDocumentId) ? [String(r.reviewDocumentId)] : []))),
    ];
    return [CACHE_TAGS.list, ...reviews.flatMap((id) => [CACHE_TAGS.review(id), CACHE_TAGS.comments(id)])];
  },
};

/** An author is shown with every review of theirs (lists, details) and on their page: all carry its tag. */
const authorWatch: ModelWatch = {
  uid: AUTHOR_UID,
  columns: ['documentId'],
  tagsOf: (rows) => rows.flatMap((r) => (str(r.documentId) ? [CACHE_TAGS.author(String(r.documentId))] : [])),
};

const fileWatch: ModelWatch = {
  uid: 'plugin::upload.file',
  columns: [],
  tagsOf: (rows) => rows.flatMap((r) => (r.id !== undefined && r.id !== null ? [CACHE_TAGS.file(String(r.id))] : [])),
};

const everything = (uid: string): ModelWatch => ({ uid, columns: [], tagsOf: () => [CACHE_TAGS.all] });

/** Invalidates now and, inside a transaction, again on commit. */
export const invalidateTags = (strapi: Core.Strapi, tags: string[]): void => {
  if (!tags.length) return;
  const cache = getService(strapi, 'responseCache');
  void cache.invalidate(tags);
  if (strapi.db.inTransaction()) {
    // Nested call: runs in the current transaction and registers the callback for its commit.
    // A permission read between the write and its commit saw the old grants: the memo is dropped again.
    void strapi.db.transaction(async ({ onCommit }) =>
      onCommit(() => {
        if (tags.includes(CACHE_TAGS.all)) getService(strapi, 'publicAccess').forget();
        void cache.invalidate(tags);
      })
    );
  }
};

/** Subscribes to the writes of `watch.uid` and invalidates the tags its rows give. */
export const watchModel = (strapi: Core.Strapi, watch: ModelWatch): void => {
  const columns = [...new Set(['id', ...watch.columns])];
  const query = () => strapi.db.query(watch.uid as Parameters<typeof strapi.db.query>[0]);
  const rowsWhere = async (where: Row | undefined): Promise<Row[]> =>
    where && Object.keys(where).length ? ((await query().findMany({ select: columns, where })) as Row[]) : [];
  const rowsById = async (ids: unknown[]): Promise<Row[]> => (ids.length ? rowsWhere({ id: { $in: ids } }) : []);
  /** The written row as returned, or read again when the write returned other columns. */
  const written = async (result: unknown): Promise<Row[]> => {
    if (!result || typeof result !== 'object') return [];
    const row = result as Row;
    if (columns.every((c) => c in row)) return [row];
    return row.id === undefined ? [] : rowsById([row.id]);
  };
  const fire = (rows: Row[]) => invalidateTags(strapi, watch.tagsOf(rows));
  const remember = async (event: LifecycleEvent) => {
    event.state.before = await rowsWhere(event.params.where);
  };
  strapi.db.lifecycles.subscribe({
    models: [watch.uid],
    beforeUpdate: remember,
    beforeUpdateMany: remember,
    beforeDelete: remember,
    beforeDeleteMany: remember,
    async afterCreate(event: LifecycleEvent) {
      fire(await written(event.result));
    },
    async afterCreateMany(event: LifecycleEvent) {
      const ids = (event.result as { ids?: unknown[] } | undefined)?.ids;
      // Without the created ids, every row of the model is a candidate.
      fire(Array.isArray(ids) ? await rowsById(ids) : await rowsWhere({ id: { $notNull: true } }));
    },
    async afterUpdate(event: LifecycleEvent) {
      const before = event.state.before ?? [];
      fire([...before, ...(await written(event.result))]);
    },
    async afterUpdateMany(event: LifecycleEvent) {
      const before = event.state.before ?? [];
      fire([...before, ...(await rowsById(before.map((r) => r.id)))]);
    },
    async afterDelete(event: LifecycleEvent) {
      fire(event.state.before ?? []);
    },
    async afterDeleteMany(event: LifecycleEvent) {
      fire(event.state.before ?? []);
    },
  });
};

/** bootstrap(): model watches, settings changes, announcements from other instances (Redis). */
export const setupCacheInvalidation = (strapi: Core.Strapi): void => {
  watchModel(strapi, reviewWatch);
  watchModel(strapi, commentWatch);
  watchModel(strapi, fileWatch);
  watchModel(strapi, authorWatch);
  if (strapi.plugin('users-permissions')) {
    for (const uid of ['plugin::users-permissions.permission', 'plugin::users-permissions.role']) {
      watchModel(strapi, {
        ...everything(uid),
        tagsOf: () => (getService(strapi, 'publicAccess').forget(), [CACHE_TAGS.all]),
      });
    }
  }
  getService(strapi, 'settings').onChange(() =>
    getService(strapi, 'responseCache').invalidate([CACHE_TAGS.all, SETTINGS_CHANGED_TAG])
  );

  const bus = getService(strapi, 'cacheBus');
  bus.onMessage((tags) => {
    if (tags.includes(SETTINGS_CHANGED_TAG)) getService(strapi, 'settings').forget();
    if (tags.includes(CACHE_TAGS.all)) getService(strapi, 'publicAccess').forget();
    getService(strapi, 'responseCache').invalidateLocal(tags);
  });
  bus.onReconnect(() => {
    // Invalidations announced while this instance was cut off were missed: start clean.
    getService(strapi, 'settings').forget();
    getService(strapi, 'publicAccess').forget();
    getService(strapi, 'responseCache').invalidateLocal([CACHE_TAGS.all]);
  });
  bus.init();
};
