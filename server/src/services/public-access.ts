/**
 * Which plugin actions the Users & Permissions Public role is granted, memoised
 * (one query, read again after any permission or role write: cache-invalidation.ts
 * calls `forget()`, here and, through the cache bus, in other instances). Lets the
 * early path answer anonymous reads (a 304, an uncached detail or list page) without
 * Strapi's per-request role and permission queries. Without Redis, a permission change
 * made through another instance reaches this one only when it restarts (as for the
 * response cache; README, "Configuration").
 */
import type { Core } from '@strapi/strapi';

const PERMISSION_UID = 'plugin::users-permissions.permission';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let version = 0;
  let memo: { version: number; actions: ReadonlySet<string> } | undefined;

  return {
    /** Whether the Public role may run `action` (e.g. `plugin::movie-reviews.reviews.findOne`). */
    async allows(action: string): Promise<boolean> {
      if (!strapi.plugin('users-permissions')) return false;
      const at = version;
      if (memo?.version !== at) {
        const rows = (await strapi.db.query(PERMISSION_UID).findMany({
          select: ['action'],
          where: { role: { type: 'public' } },
        })) as Array<{ action: string }>;
        const actions = new Set(rows.map((r) => r.action));
        if (version !== at) return actions.has(action);
        memo = { version: at, actions };
      }
      return memo.actions.has(action);
    },

    /** A permission or role changed: read again on next use. */
    forget(): void {
      version += 1;
      memo = undefined;
    },
  };
};
