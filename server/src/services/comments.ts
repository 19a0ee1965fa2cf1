/**
 * Reader comments on the public side: the approved, threaded list and the
 * creation of a new comment by a reader. Only public columns are ever selected
 * for output, so email, IP, user agent and status cannot reach a response.
 */
import { z } from 'zod';
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, PLUGIN_ID, type CommentStatus } from '../utils/constants';
import { validationError } from '../utils/host-errors';
import { zodToValidationError } from '../utils/zod-issues';
import { emailSchema } from '../validation/comment';
import { plainText } from '../validation/shared';
import { iso, type Pagination } from './review-format';
import { pageCount, type PageQuery } from './reviews-query';
import type { PluginConfig } from '../config';
import type { Settings } from './settings';

/** A comment as the public sees it. */
export interface PublicComment {
  documentId: string;
  authorName: string;
  content: string;
  createdAt: string;
  /** Written by the review's editor from the moderation page. */
  isEditor: boolean;
  /** Approved replies, oldest first (replies to a comment that is not approved are not shown). */
  replies: PublicComment[];
}

/** What the poster gets back: the public view and whether it awaits moderation. */
export interface CreatedComment extends PublicComment {
  status: 'pending' | 'approved';
}

export interface CommentPage {
  data: PublicComment[];
  meta: { pagination: Pagination };
}

/** Replies nest at most this deep in the public thread (each level is one query). */
export const MAX_THREAD_DEPTH = 20;

const PUBLIC_COLUMNS = ['id', 'documentId', 'parentDocumentId', 'authorName', 'content', 'createdAt', 'authorIsEditor'] as const;

interface PublicRow {
  id: number;
  documentId: string;
  parentDocumentId: string | null;
  authorName: string;
  content: string;
  createdAt: Date | string;
  authorIsEditor: boolean | null;
}

const toPublic = (row: PublicRow): PublicComment => ({
  documentId: row.documentId,
  authorName: row.authorName,
  content: row.content,
  createdAt: iso(row.createdAt),
  isEditor: row.authorIsEditor === true,
  replies: [],
});

/** The body of `POST /reviews/:slug/comments`: anything else (status, ip, review...) is rejected. */
export const commentInputSchema = z.strictObject({
  authorName: plainText(1, 80),
  authorEmail: emailSchema,
  content: plainText(1, 5000),
  parent: z.string().min(1).max(64).nullable().optional(),
  // Honeypot: hidden from people by the site's form, filled in by bots.
  website: z.string().max(2048).nullable().optional(),
});

export type CommentInput = z.infer<typeof commentInputSchema>;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a text contains one of the blocked words as a whole word, ignoring case. */
export const containsBlockedWord = (text: string, words: readonly string[]): boolean => {
  const list = words.map((w) => w.trim()).filter(Boolean);
  if (!list.length) return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  return pattern.test(text.normalize('NFC'));
};

const topLevel = { $or: [{ parentDocumentId: { $null: true } }, { parentDocumentId: '' }] };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => strapi.db.query(COMMENT_UID);

  return {
    /** One page of approved top-level comments with their approved replies, oldest first. */
    async listApproved(reviewDocumentId: string, { page, pageSize }: PageQuery): Promise<CommentPage> {
      const where = { $and: [{ reviewDocumentId, status: 'approved' }, topLevel] };
      const [rows, total] = await Promise.all([
        comments().findMany({
          select: [...PUBLIC_COLUMNS],
          where,
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }) as Promise<PublicRow[]>,
        comments().count({ where }),
      ]);
      const threads = rows.map(toPublic);
      let frontier = new Map(threads.map((c) => [c.documentId, c]));
      for (let depth = 0; depth < MAX_THREAD_DEPTH && frontier.size; depth += 1) {
        const replies = (await comments().findMany({
          select: [...PUBLIC_COLUMNS],
          where: { reviewDocumentId, status: 'approved', parentDocumentId: { $in: [...frontier.keys()] } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        })) as PublicRow[];
        const next = new Map<string, PublicComment>();
        for (const row of replies) {
          const parent = frontier.get(row.parentDocumentId ?? '');
          if (!parent) continue;
          const reply = toPublic(row);
          parent.replies.push(reply);
          next.set(reply.documentId, reply);
        }
        frontier = next;
      }
      const count = Number(total);
      return { data: threads, meta: { pagination: { page, pageSize, pageCount: pageCount(count, pageSize), total: count } } };
    },

    /** How many approved comments the public can see (an approved reply under a hidden comment is not counted). */
    async countVisible(reviewDocumentId: string): Promise<number> {
      const rows = (await comments().findMany({
        select: ['documentId', 'parentDocumentId'],
        where: { reviewDocumentId, status: 'approved' },
      })) as Array<{ documentId: string; parentDocumentId: string | null }>;
      const children = new Map<string, string[]>();
      const roots: string[] = [];
      for (const r of rows) {
        if (!r.parentDocumentId) roots.push(r.documentId);
        else children.set(r.parentDocumentId, [...(children.get(r.parentDocumentId) ?? []), r.documentId]);
      }
      let count = 0;
      let level = roots;
      for (let depth = 0; depth <= MAX_THREAD_DEPTH && level.length; depth += 1) {
        count += level.length;
        level = level.flatMap((id) => children.get(id) ?? []);
      }
      return count;
    },

    /**
     * Validates and stores a reader's comment on a published review that accepts
     * comments (the caller checked that). Honeypot and blocked words store it as spam
     * and answer like any other comment, so bots learn nothing.
     */
    async create(review: { documentId: string }, body: unknown, meta: RequestMeta): Promise<CreatedComment> {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw validationError([{ path: [], name: 'ValidationError', message: 'body must be a JSON object' }]);
      }
      const parsed = commentInputSchema.safeParse(body);
      if (!parsed.success) throw zodToValidationError(parsed.error);
      const input = parsed.data;

      if (input.parent) {
        const parent = await comments().findOne({
          select: ['id'],
          where: { documentId: input.parent, reviewDocumentId: review.documentId, status: 'approved' },
        });
        if (!parent) {
          throw validationError([
            { path: ['parent'], name: 'ValidationError', message: 'parent must be an approved comment of this review' },
          ]);
        }
      }

      const settings = (await strapi.plugin(PLUGIN_ID).service('settings').get()) as Settings;
      const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
      const authorName = input.authorName.trim();
      const content = input.content.trim();
      const isSpam =
        (typeof input.website === 'string' && input.website.trim() !== '') ||
        containsBlockedWord(`${authorName}\n${content}`, config.comments?.blockedWords ?? []);
      const status: CommentStatus = isSpam ? 'spam' : settings.autoApprove ? 'approved' : 'pending';

      const created = (await strapi.documents(COMMENT_UID).create({
        data: {
          reviewDocumentId: review.documentId,
          parentDocumentId: input.parent ?? null,
          authorName,
          authorEmail: input.authorEmail.trim(),
          content,
          status,
          ip: meta.ip ? meta.ip.slice(0, 64) : null,
          userAgent: meta.userAgent ? meta.userAgent.slice(0, 512) : null,
          authorIsEditor: false,
        } as never,
      })) as unknown as PublicRow;

      return { ...toPublic(created), status: status === 'approved' ? 'approved' : 'pending' };
    },
  };
};
