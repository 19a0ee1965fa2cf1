import type { Core } from '@strapi/strapi';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

interface CacheLike {
  setEnabled(value: boolean): void;
  stats(): Record<string, unknown>;
}
interface ModerationLike {
  apply(action: 'approve', ids: string[]): Promise<{ changed: string[] }>;
}

/**
 * Benchmark controls, installed only when DEMO_BENCH=true, answered from loopback only:
 * - `GET /__bench/cache` → the response cache's stats (hits, misses, entries...);
 *   `?enabled=false|true` turns it off or on first (so one run measures both);
 * - `GET /__bench/memory` → `process.memoryUsage()` in MB (heap, external, array buffers, RSS);
 * - `GET /__bench/approve` → approves the oldest pending comment of a published review
 *   through the plugin's moderation service (what an editor's click does).
 */
export const installBenchControls = (strapi: Core.Strapi) => {
  const plugin = () => strapi.plugin('movie-reviews');
  strapi.server.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/__bench/') || !LOOPBACK.has(ctx.request.ip)) return next();
    ctx.set('Cache-Control', 'no-store');
    if (ctx.path === '/__bench/cache') {
      const cache = plugin()?.service('responseCache') as CacheLike | undefined;
      if (!cache) return next();
      if (ctx.query.enabled === 'true' || ctx.query.enabled === 'false') cache.setEnabled(ctx.query.enabled === 'true');
      ctx.body = cache.stats();
      return;
    }
    if (ctx.path === '/__bench/memory') {
      const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
      const m = process.memoryUsage();
      ctx.body = {
        rss: mb(m.rss),
        heapTotal: mb(m.heapTotal),
        heapUsed: mb(m.heapUsed),
        external: mb(m.external),
        arrayBuffers: mb(m.arrayBuffers),
      };
      return;
    }
    if (ctx.path === '/__bench/approve') {
      const moderation = plugin()?.service('moderation') as ModerationLike | undefined;
      if (!moderation) return next();
      const published = (await strapi.db.query('plugin::movie-reviews.movie-review').findMany({
        select: ['documentId'],
        where: { publishedAt: { $notNull: true } },
        limit: 50,
        orderBy: { id: 'asc' },
      })) as Array<{ documentId: string }>;
      const pending = (await strapi.db.query('plugin::movie-reviews.comment').findOne({
        select: ['documentId'],
        where: { moderationStatus: 'pending', reviewDocumentId: { $in: published.map((r) => r.documentId) } },
        orderBy: { id: 'asc' },
      })) as { documentId: string } | null;
      const result = pending ? await moderation.apply('approve', [pending.documentId]) : { changed: [] };
      ctx.body = { approved: result.changed };
      return;
    }
    return next();
  });
};
