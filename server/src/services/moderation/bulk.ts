/** Bulk moderation: one action on up to MAX_BULK_IDS comments, in one transaction. */
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, type CommentStatus } from '../../utils/constants';
import { MAX_BULK_IDS, type ModerationAction } from '../../shared/comment-moderation';
import type { ModerationRows } from './rows';

const STATUS_FOR: Record<Exclude<ModerationAction, 'delete'>, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
};

export const moderationBulk = (strapi: Core.Strapi, rows: ModerationRows) => ({
  /**
   * Applies one action to up to MAX_BULK_IDS comments in one transaction.
   * Ids that no longer exist (deleted meanwhile, or with a deleted parent) are reported, not an error.
   */
  async apply(action: ModerationAction, ids: string[]) {
    const unique = [...new Set(ids)].slice(0, MAX_BULK_IDS);
    return strapi.db.transaction(async () => {
      const existing = (await strapi.db.query(COMMENT_UID).findMany({
        select: ['documentId', 'moderationStatus'],
        where: { documentId: { $in: unique } },
        limit: unique.length,
      })) as Array<{ documentId: string; moderationStatus: CommentStatus }>;
      const byId = new Map(existing.map((c) => [c.documentId, c]));
      const missing = unique.filter((id) => !byId.has(id));
      const changed: string[] = [];
      const unchanged: string[] = [];
      if (action === 'delete') {
        for (const id of unique) {
          if (!byId.has(id)) continue;
          // Replies go with their parent (document middleware); a reply already gone counts as deleted.
          await rows.comments().delete({ documentId: id });
          changed.push(id);
        }
      } else {
        const status = STATUS_FOR[action];
        const moderatedAt = new Date().toISOString();
        for (const id of unique) {
          const current = byId.get(id);
          if (!current) continue;
          if (current.moderationStatus === status) {
            unchanged.push(id);
            continue;
          }
          await rows.decide(id, status, moderatedAt);
          changed.push(id);
        }
      }
      // Approving is the editor's answer to the reports: they are cleared (the count starts again), as are
      // the reports of deleted comments. Rejected and spam comments keep theirs (they are not public anyway).
      if (action === 'approve' || action === 'delete') {
        const decided = unique.filter((id) => byId.has(id));
        if (decided.length) await rows.clearReports(decided);
      }
      return { action, changed, unchanged, missing };
    });
  },
});
