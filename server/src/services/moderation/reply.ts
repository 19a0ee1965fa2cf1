/** Editor replies from the moderation queue. */
import type { Core } from '@strapi/strapi';
import type { CommentStatus } from '../../utils/constants';
import { hostErrors } from '../../utils/host-errors';
import type { ModerationRows, Row } from './rows';

export interface AdminUserLike {
  id?: number | string;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/** The name a reply is attributed to: the admin user's username, else first + last name, else email. */
export const editorName = (user: AdminUserLike): string => {
  const full = [user.firstname, user.lastname]
    .filter((p) => typeof p === 'string' && p.trim())
    .join(' ')
    .trim();
  const name = (user.username && user.username.trim()) || full || user.email || 'Editor';
  return name.slice(0, 80);
};

export const moderationReply = (strapi: Core.Strapi, rows: ModerationRows) => ({
  /**
   * Creates an approved reply by the signed-in editor under `parentDocumentId`, in the parent's review.
   * Replying to a pending comment approves it too (a visible reply under an invisible comment makes no sense);
   * rejected and spam comments cannot be replied to.
   */
  async reply(parentDocumentId: string, content: string, user: AdminUserLike) {
    const { NotFoundError, ValidationError } = hostErrors();
    return strapi.db.transaction(async () => {
      const parent = (await rows.comments().findOne({
        documentId: parentDocumentId,
        fields: ['documentId', 'reviewDocumentId', 'moderationStatus'],
      })) as { documentId: string; reviewDocumentId: string; moderationStatus: CommentStatus } | null;
      if (!parent) throw new NotFoundError(`comment ${parentDocumentId} does not exist`);
      if (parent.moderationStatus === 'rejected' || parent.moderationStatus === 'spam') {
        throw new ValidationError(`cannot reply to a comment marked ${parent.moderationStatus}; approve it first`);
      }
      const now = new Date().toISOString();
      let parentApproved = false;
      if (parent.moderationStatus === 'pending') {
        await rows.decide(parent.documentId, 'approved', now);
        await rows.clearReports([parent.documentId]);
        parentApproved = true;
      }
      const created = (await rows.comments().create({
        data: {
          reviewDocumentId: parent.reviewDocumentId,
          parentDocumentId: parent.documentId,
          authorName: editorName(user),
          authorEmail: user.email,
          content,
          moderationStatus: 'approved',
          authorIsEditor: true,
          moderatedAt: now,
        },
      })) as Row;
      const [row] = await rows.toRows([created]);
      return { reply: row, parentApproved };
    });
  },
});
