/**
 * Writes one analysed post in one transaction: the review (draft, or published
 * with its original date), then its comments parents-first. If anything fails,
 * nothing of the post stays. A post already imported (same source id) only
 * gets the comments it does not have yet.
 */
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, REVIEW_UID } from '../utils/constants';
import { getService } from '../utils/get-service';
import { moderationData } from './comment-moderation';
import { authorData } from './review-author';
import type { ReviewPlan } from './analyse-post';

export interface UploadedStill {
  file: number;
  caption: string | null;
  alt: string;
}

export interface WriteOutcome {
  documentId: string;
  slug: string;
  created: boolean;
  comments: number;
}

type Row = Record<string, unknown>;

export const findImported = async (strapi: Core.Strapi, sourceId: string): Promise<{ documentId: string; slug: string } | null> =>
  (await strapi.db.query(REVIEW_UID).findOne({ select: ['documentId', 'slug'], where: { sourceId } })) as { documentId: string; slug: string } | null;

const writeComments = async (strapi: Core.Strapi, plan: ReviewPlan, reviewDocumentId: string): Promise<number> => {
  if (!plan.comments.length) return 0;
  const existing = (await strapi.db.query(COMMENT_UID).findMany({
    select: ['documentId', 'sourceId'],
    where: { reviewDocumentId, sourceId: { $in: plan.comments.map((c) => c.sourceId) } },
  })) as Array<{ documentId: string; sourceId: string }>;
  const ids = new Map(existing.map((c) => [c.sourceId, c.documentId]));
  let created = 0;
  for (const comment of plan.comments) {
    if (ids.has(comment.sourceId)) continue;
    const doc = await strapi.documents(COMMENT_UID).create({
      data: {
        reviewDocumentId,
        parentDocumentId: comment.parentSourceId ? (ids.get(comment.parentSourceId) ?? null) : null,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        content: comment.content,
        sourceId: comment.sourceId,
        ...moderationData(comment.state),
      } as never,
    });
    if (comment.date) {
      await strapi.db.query(COMMENT_UID).update({ where: { documentId: doc.documentId }, data: { createdAt: new Date(comment.date) } as Row });
    }
    ids.set(comment.sourceId, doc.documentId);
    created += 1;
  }
  return created;
};

export const writePost = async (
  strapi: Core.Strapi,
  plan: ReviewPlan,
  stills: UploadedStill[],
  options: { publish: boolean }
): Promise<WriteOutcome> =>
  strapi.db.transaction(async () => {
    const { report } = plan;
    const already = await findImported(strapi, report.sourceId);
    if (already) {
      const comments = await writeComments(strapi, plan, already.documentId);
      return { ...already, created: false, comments };
    }
    const slugs = getService(strapi, 'slug');
    const slug = await slugs.unique(report.slug);
    const data: Row = {
      title: report.title,
      slug,
      movieTitle: report.movieTitle ?? report.title,
      movieYear: report.movieYear,
      movieDirector: report.movieDirector,
      movieImdbId: report.movieImdbId,
      synopsis: report.synopsis,
      body: plan.blocks.length ? plan.blocks : null,
      stills: stills.length ? stills : null,
      song: report.song,
      tags: report.tags.length ? report.tags : null,
      sourceId: report.sourceId,
      ...(await authorData(report.author)),
    };
    const publish = options.publish && report.status === 'published';
    const doc = await strapi.documents(REVIEW_UID).create({ data: data as never, ...(publish ? { status: 'published' as const } : {}) });
    if (report.date) {
      const date = new Date(report.date);
      await strapi.db.query(REVIEW_UID).updateMany({ where: { documentId: doc.documentId }, data: { createdAt: date } as Row });
      if (publish) {
        await strapi.db.query(REVIEW_UID).updateMany({
          where: { documentId: doc.documentId, publishedAt: { $notNull: true } },
          data: { publishedAt: date } as Row,
        });
      }
    }
    const comments = await writeComments(strapi, plan, doc.documentId);
    return { documentId: doc.documentId, slug, created: true, comments };
  });
