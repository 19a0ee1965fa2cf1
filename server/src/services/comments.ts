/**
 * Reader comments on the public side: the approved, threaded list, and
 * `submit`, the one use case behind `POST /reviews/:slug/comments` and the
 * GraphQL `createMovieReviewComment` mutation. Only public columns are ever
 * selected for output, so email, IP, user agent and moderation state cannot
 * reach a response.
 */
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, PLUGIN_ID, type CommentStatus } from '../utils/constants';
import { hostErrors, validationError } from '../utils/host-errors';
import { zodToValidationError } from '../utils/zod-issues';
import { getService } from '../utils/get-service';
import { compileStatement, type CompiledStatement } from '../utils/compiled-statement';
import { columnOf } from '../utils/table-columns';
import { commentInputSchema, MAX_THREAD_DEPTH, type CommentInput } from '../validation/comment';
import { iso, type Pagination } from './review-format';
import { pageCount } from './reviews-query';
import type { PageQuery } from '../validation/list-query';
import type { PluginConfig } from '../config';

export { commentInputSchema, MAX_THREAD_DEPTH, type CommentInput };

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

const PUBLIC_COLUMNS = [
  'id',
  'documentId',
  'parentDocumentId',
  'authorName',
  'content',
  'createdAt',
  'authorIsEditor',
] as const;

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

/** Who posts: what the transport knows about the request. */
export interface Requester {
  ip: string | null;
  userAgent: string | null;
  /** The validated `Idempotency-Key` header, when sent. */
  idempotencyKey?: string;
}

/** The refusal for a review closed to comments, the same on REST (403) and GraphQL (FORBIDDEN). */
export const COMMENTS_CLOSED = 'Comments are closed on this review';

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

  /**
   * The ids and parents of a review's approved comments (every uncached detail counts
   * them), compiled once (utils/compiled-statement.ts): building the query through the
   * query engine cost more than running it, and both columns are plain text.
   */
  let approvedLinksStatement: CompiledStatement<'review'> | undefined;
  const approvedLinks = (): CompiledStatement<'review'> =>
    (approvedLinksStatement ??= compileStatement<'review'>(strapi.db, (param) => {
      const meta = strapi.db.metadata.get(COMMENT_UID);
      const col = (attribute: string) => columnOf(meta, attribute);
      return strapi.db
        .connection(meta.tableName)
        .select({ documentId: col('documentId'), parentDocumentId: col('parentDocumentId') })
        .where(col('reviewDocumentId'), param('review'))
        .andWhere(col('moderationStatus'), 'approved');
    }));

  return {
    /** One page of approved top-level comments with their approved replies, oldest first. */
    async listApproved(reviewDocumentId: string, { page, pageSize }: PageQuery): Promise<CommentPage> {
      const where = { $and: [{ reviewDocumentId, moderationStatus: 'approved' }, topLevel] };
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
          where: { reviewDocumentId, moderationStatus: 'approved', parentDocumentId: { $in: [...frontier.keys()] } },
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
      return {
        data: threads,
        meta: { pagination: { page, pageSize, pageCount: pageCount(count, pageSize), total: count } },
      };
    },

    /** How many approved comments the public can see (an approved reply under a hidden comment is not counted). */
    async countVisible(reviewDocumentId: string): Promise<number> {
      const rows = await approvedLinks().run<{ documentId: string; parentDocumentId: string | null }>({
        review: reviewDocumentId,
      });
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
     * Counts one comment attempt from `ip` against the rate limit; throws Strapi's
     * RateLimitError (429, `details.retryAfter` in seconds) once the budget is used.
     */
    async admit(ip: string | null): Promise<void> {
      const result = await getService(strapi, 'rateLimit').consume(ip ?? '');
      if (result.allowed) return;
      const s = result.retryAfterSeconds;
      throw new (hostErrors().RateLimitError)(
        `Too many comments from your address; try again in ${s} second${s === 1 ? '' : 's'}.`,
        { retryAfter: s }
      );
    },

    /**
     * The one comment use case, for every transport: counts the attempt (valid or
     * not), finds the published review (404), refuses a review closed to comments
     * (403), validates the input (400), checks the parent, applies the spam policy
     * and stores the comment. Honeypot and blocked words store it as spam and answer
     * like any other comment, so bots learn nothing. The response cache is flushed
     * by the document-service invalidation when the comment is stored.
     */
    async submit(slug: unknown, input: unknown, requester: Requester): Promise<CreatedComment> {
      if (!requester.idempotencyKey) return this.submitOnce(slug, input, requester);
      // Same key from the same address within 24 hours: the first answer again, nothing new stored.
      const claim = await getService(strapi, 'idempotency').claim<CreatedComment>(
        requester.ip,
        requester.idempotencyKey
      );
      if (claim.kind === 'replay') return claim.answer;
      try {
        const created = await this.submitOnce(slug, input, requester);
        await claim.complete(created);
        return created;
      } catch (error) {
        await claim.release();
        throw error;
      }
    },

    async submitOnce(slug: unknown, input: unknown, requester: Requester): Promise<CreatedComment> {
      await this.admit(requester.ip);
      const review = await getService(strapi, 'reviews').findPublishedRef(slug);
      if (!review) throw new (hostErrors().NotFoundError)('No published review has this slug');
      if (!review.commentsEnabled) throw new (hostErrors().ForbiddenError)(COMMENTS_CLOSED);
      return this.create(review, input, requester);
    },

    /** Validates and stores a reader's comment on `review` (already found open for comments). */
    async create(review: { documentId: string }, body: unknown, requester: Requester): Promise<CreatedComment> {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw validationError([{ path: [], name: 'ValidationError', message: 'body must be a JSON object' }]);
      }
      const parsed = commentInputSchema.safeParse(body);
      if (!parsed.success) throw zodToValidationError(parsed.error);
      const input = parsed.data;

      if (input.parent) {
        const parent = (await comments().findOne({
          select: ['documentId'],
          where: { documentId: input.parent, reviewDocumentId: review.documentId, moderationStatus: 'approved' },
        })) as { documentId: string } | null;
        // The id exactly as stored: MySQL / MariaDB compare text ignoring case, the threads are read by exact id.
        if (parent?.documentId !== input.parent) {
          throw validationError([
            { path: ['parent'], name: 'ValidationError', message: 'parent must be an approved comment of this review' },
          ]);
        }
      }

      const settings = await getService(strapi, 'settings').get();
      const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
      const authorName = input.authorName.trim();
      const content = input.content.trim();
      const isSpam =
        (typeof input.website === 'string' && input.website.trim() !== '') ||
        containsBlockedWord(`${authorName}\n${content}`, config.comments?.blockedWords ?? []);
      const moderationStatus: CommentStatus = isSpam ? 'spam' : settings.autoApprove ? 'approved' : 'pending';

      const created = (await strapi.documents(COMMENT_UID).create({
        data: {
          reviewDocumentId: review.documentId,
          parentDocumentId: input.parent ?? null,
          authorName,
          authorEmail: input.authorEmail.trim(),
          content,
          moderationStatus,
          ip: requester.ip ? requester.ip.slice(0, 64) : null,
          userAgent: requester.userAgent ? requester.userAgent.slice(0, 512) : null,
          authorIsEditor: false,
        },
      })) as PublicRow;

      return { ...toPublic(created), status: moderationStatus === 'approved' ? 'approved' : 'pending' };
    },
  };
};
