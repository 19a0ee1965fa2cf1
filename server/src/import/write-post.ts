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
import { commentWriteSchema } from '../validation/comment';
import { zodToValidationError } from '../utils/zod-issues';

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

export const findImported = async (
  strapi: Core.Strapi,
  sourceId: string
): Promise<{ documentId: string; slug: string } | null> =>
  (await strapi.db.query(REVIEW_UID).findOne({ select: ['documentId', 'slug'], where: { sourceId } })) as {
    documentId: string;
    slug: string;
  } | null;

/**
 * Comments are written level by level (top-level comments, then their replies...),
 * one multi-row insert per level through the query engine, then one read of the
 * new document ids to link the next level: a post's 10 comments cost a handful of
 * queries instead of ten document-service round trips. Each row is first checked
 * with the same rules as any comment write.
 */
const writeComments = async (strapi: Core.Strapi, plan: ReviewPlan, reviewDocumentId: string): Promise<number> => {
  if (!plan.comments.length) return 0;
  const comments = strapi.db.query(COMMENT_UID);
  const existing = (await comments.findMany({
    select: ['documentId', 'sourceId'],
    where: { reviewDocumentId, sourceId: { $in: plan.comments.map((c) => c.sourceId) } },
  })) as Array<{ documentId: string; sourceId: string }>;
  const ids = new Map(existing.map((c) => [c.sourceId, c.documentId]));
  let remaining = plan.comments.filter((c) => !ids.has(c.sourceId));
  let created = 0;
  while (remaining.length) {
    const level = remaining.filter((c) => !c.parentSourceId || ids.has(c.parentSourceId));
    if (!level.length) throw new Error('comment replies point at comments that are not in the export');
    const now = new Date();
    const rows = level.map((comment) => {
      const date = comment.date ? new Date(comment.date) : now;
      const data = {
        reviewDocumentId,
        parentDocumentId: comment.parentSourceId ? (ids.get(comment.parentSourceId) ?? null) : null,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        content: comment.content,
        authorIsEditor: false,
        ...moderationData(comment.state),
      };
      const parsed = commentWriteSchema.safeParse(data);
      if (!parsed.success) throw zodToValidationError(parsed.error, [`comment ${comment.sourceId}`]);
      return { ...data, sourceId: comment.sourceId, createdAt: date, updatedAt: date, publishedAt: date };
    });
    await comments.createMany({ data: rows as Row[] });
    const inserted = (await comments.findMany({
      select: ['documentId', 'sourceId'],
      where: { reviewDocumentId, sourceId: { $in: level.map((c) => c.sourceId) } },
    })) as Array<{ documentId: string; sourceId: string }>;
    inserted.forEach((c) => ids.set(c.sourceId, c.documentId));
    created += level.length;
    const done = new Set(level.map((c) => c.sourceId));
    remaining = remaining.filter((c) => !done.has(c.sourceId));
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
      ...(await authorData(strapi, report.author)),
    };
    const publish = options.publish && report.status === 'published';
    const doc = await strapi
      .documents(REVIEW_UID)
      .create({ data: data as never, ...(publish ? { status: 'published' as const } : {}) });
    if (report.date) {
      const date = new Date(report.date);
      await strapi.db
        .query(REVIEW_UID)
        .updateMany({ where: { documentId: doc.documentId }, data: { createdAt: date } as Row });
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
