/** Deletes that keep the comment tables whole: no comment, reply or report points at something gone. */
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, REPORT_UID, REVIEW_UID } from '../../utils/constants';

/** Deletes a review's comments with the review, and a comment's replies with the comment, so nothing points at nothing. */
export const cascadeDelete = async (strapi: Core.Strapi, uid: string, documentId: string) => {
  if (uid === REVIEW_UID) {
    const stillThere = await strapi.db.query(REVIEW_UID).findOne({ select: ['id'], where: { documentId } });
    if (!stillThere) await strapi.db.query(COMMENT_UID).deleteMany({ where: { reviewDocumentId: documentId } });
    return;
  }
  let frontier = [documentId];
  const deleted = [documentId];
  while (frontier.length) {
    const children = (await strapi.db.query(COMMENT_UID).findMany({
      select: ['documentId'],
      where: { parentDocumentId: { $in: frontier } },
    })) as Array<{ documentId: string }>;
    frontier = children.map((c) => c.documentId);
    deleted.push(...frontier);
    if (frontier.length) await strapi.db.query(COMMENT_UID).deleteMany({ where: { documentId: { $in: frontier } } });
  }
  // Readers' reports of the deleted comments go too.
  await strapi.db.query(REPORT_UID).deleteMany({ where: { commentDocumentId: { $in: deleted } } });
};
