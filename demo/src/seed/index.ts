import type { Core } from '@strapi/strapi';
import {
  author,
  authorAvatar,
  AUTHOR_SLUG,
  comments,
  draft,
  DRAFT_SLUG,
  her,
  HER_SLUG,
  stillCaptions,
} from './content';
import { ensureStill, type SeededFile } from './stills';
import { demoAdmin, ensureAdminUser } from './admin-user';

const REVIEW = 'plugin::movie-reviews.movie-review';
const COMMENT = 'plugin::movie-reviews.comment';
const AUTHOR = 'plugin::movie-reviews.author';

/** The seeded author's documentId, created (with a generated avatar) the first time. */
const ensureAuthor = async (strapi: Core.Strapi): Promise<string> => {
  const existing = (await strapi.db
    .query(AUTHOR)
    .findOne({ select: ['documentId'], where: { slug: AUTHOR_SLUG } })) as {
    documentId: string;
  } | null;
  if (existing) return existing.documentId;
  const avatar = await ensureStill(strapi, 'mara-okafor-avatar.jpg', authorAvatar.palette, 3, authorAvatar);
  const created = await strapi.documents(AUTHOR).create({ data: { ...author, avatar: avatar.id } });
  strapi.log.info(`[demo seed] seeded author "${author.name}" with an avatar and ${author.links.length} links`);
  return created.documentId;
};

const exists = async (strapi: Core.Strapi, slug: string) =>
  Boolean(await strapi.db.query(REVIEW).findOne({ select: ['id'], where: { slug } }));

/** Idempotent: every step checks what is already there, so a second start changes nothing. */
export const seedDemo = async (strapi: Core.Strapi) => {
  const log = (msg: string) => strapi.log.info(`[demo seed] ${msg}`);

  if (await ensureAdminUser(strapi)) {
    const { email, password } = demoAdmin();
    log(`created admin user ${email} / ${password} (override with DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD)`);
  }

  const authorId = await ensureAuthor(strapi);

  if (!(await exists(strapi, HER_SLUG))) {
    const files: SeededFile[] = [];
    for (const [i, still] of stillCaptions.entries()) {
      files.push(await ensureStill(strapi, `her-still-${i + 1}.jpg`, still.palette, i, still));
    }
    const review = await strapi.documents(REVIEW).create({
      data: {
        ...her,
        author: authorId,
        stills: stillCaptions.map((s, i) => ({ file: files[i].id, caption: s.caption, alt: s.alt })),
      },
      status: 'published',
    });
    const ids: Record<string, string> = {};
    for (const c of comments) {
      const { key, parentKey, ...data } = c as typeof c & { parentKey?: string };
      const created = await strapi.documents(COMMENT).create({
        data: {
          ...data,
          reviewDocumentId: review.documentId,
          parentDocumentId: parentKey ? ids[parentKey] : null,
          ip: '203.0.113.7',
          userAgent: 'demo-seed',
        },
      });
      ids[key] = created.documentId;
    }
    log(`seeded "${her.title}" with ${files.length} stills and ${comments.length} comments`);
  }

  if (!(await exists(strapi, DRAFT_SLUG))) {
    await strapi.documents(REVIEW).create({ data: { ...draft, author: authorId } });
    log('seeded one draft review (never public)');
  }
};
