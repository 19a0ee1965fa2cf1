/**
 * Reader reports of comments: `report`, the one use case behind
 * `POST /reviews/:slug/comments/:documentId/report` and the GraphQL
 * `reportMovieReviewComment` mutation.
 *
 * A report is stored in the hidden content type `comment-report` with the
 * comment's documentId, the reason, the note and a keyed hash of the client
 * address (HMAC-SHA-256 under a key derived from the app's `server.app.keys`), so
 * the table never holds an address and the hash cannot be reversed by hashing
 * every IPv4 address without the app's keys. A unique index on (comment, hash)
 * keeps one report per address and comment, also when the same reader sends two
 * at once: the second insert is refused by the database and answered as a repeat.
 *
 * Once a comment has `reportThreshold` reports (Settings → Movie Reviews) it is
 * hidden: an approved comment moves back to `pending` with `hiddenByReports`
 * set, which the cache invalidation sees like any moderation change. An editor's
 * approval (moderation service) clears its reports and the flag.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, REPORT_UID } from '../utils/constants';
import { hostErrors, validationError } from '../utils/host-errors';
import { zodToValidationError } from '../utils/zod-issues';
import { getService } from '../utils/get-service';
import { commentReportInputSchema, reportedCommentParam } from '../validation/comment-report';
import { MAX_THREAD_DEPTH } from '../validation/comment';

export interface ReportOutcome {
  /** False when this address had already reported the comment (nothing changed). */
  created: boolean;
  data: { comment: string; reported: true };
}

const NO_SUCH_COMMENT = 'No visible comment of this review has this documentId';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reports = () => strapi.db.query(REPORT_UID);
  let key: Buffer | undefined;

  /** The HMAC key: derived from the app's keys (every Strapi app has them), never stored. */
  const hmacKey = (): Buffer => {
    if (key) return key;
    const appKeys = strapi.config.get('server.app.keys') as unknown;
    const material = Array.isArray(appKeys) && appKeys.length ? appKeys.map(String).join('\n') : '';
    if (!material) {
      strapi.log.warn(
        '[movie-reviews] server.app.keys is not set: report address hashes use a per-process key and do not survive a restart.'
      );
    }
    key = createHash('sha256')
      .update('movie-reviews:comment-report-ip\n')
      .update(material || `${process.pid}:${Date.now()}:${Math.random()}`)
      .digest();
    return key;
  };

  return {
    /** The stored form of a client address. */
    ipHash(ip: string | null): string {
      return createHmac('sha256', hmacKey())
        .update(ip ?? '')
        .digest('hex');
    },

    /**
     * Counts one report attempt from `ip` against the report budget; throws Strapi's
     * RateLimitError (429, `details.retryAfter` in seconds) once it is used.
     */
    async admit(ip: string | null): Promise<void> {
      const result = await getService(strapi, 'rateLimit').consume(ip ?? '', 'comment-reports');
      if (result.allowed) return;
      const s = result.retryAfterSeconds;
      throw new (hostErrors().RateLimitError)(
        `Too many reports from your address; try again in ${s} second${s === 1 ? '' : 's'}.`,
        { retryAfter: s }
      );
    },

    /**
     * The report use case: counts the attempt (429), finds the published review
     * (404), validates the body (400), finds the visible comment of that review
     * (404 for unknown, hidden, under a hidden comment, or another review's), stores the report once per
     * address (a repeat changes nothing) and hides the comment at the threshold.
     */
    async report(slug: unknown, commentDocumentId: unknown, body: unknown, ip: string | null): Promise<ReportOutcome> {
      const { NotFoundError } = hostErrors();
      await this.admit(ip);
      const review = await getService(strapi, 'reviews').findPublishedRef(slug);
      if (!review) throw new NotFoundError('No published review has this slug');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw validationError([{ path: [], name: 'ValidationError', message: 'body must be a JSON object' }]);
      }
      const parsed = commentReportInputSchema.safeParse(body);
      if (!parsed.success) throw zodToValidationError(parsed.error);
      const documentId = reportedCommentParam.safeParse(commentDocumentId);
      if (!documentId.success) throw new NotFoundError(NO_SUCH_COMMENT);

      if (!(await this.isVisible(documentId.data, review.documentId))) throw new NotFoundError(NO_SUCH_COMMENT);

      const ipHash = this.ipHash(ip);
      let created = true;
      try {
        await reports().create({
          data: {
            commentDocumentId: documentId.data,
            reason: parsed.data.reason,
            note: parsed.data.note ? parsed.data.note.trim() : null,
            ipHash,
          },
        });
      } catch (error) {
        // The unique index refused a second report from this address (or the insert failed otherwise).
        const existing = await reports().findOne({
          select: ['id'],
          where: { commentDocumentId: documentId.data, ipHash },
        });
        if (!existing) throw error;
        created = false;
      }
      if (created) await this.hideIfReported(documentId.data);
      return { created, data: { comment: documentId.data, reported: true } };
    },

    /**
     * Whether the public sees this comment under this review: it is approved and so is
     * every comment above it (a reply under a hidden comment is not shown either).
     */
    async isVisible(commentDocumentId: string, reviewDocumentId: string): Promise<boolean> {
      let current: string | null = commentDocumentId;
      for (let depth = 0; current && depth <= MAX_THREAD_DEPTH; depth += 1) {
        const row = (await strapi.db.query(COMMENT_UID).findOne({
          select: ['parentDocumentId'],
          where: { documentId: current, reviewDocumentId, moderationStatus: 'approved' },
        })) as { parentDocumentId: string | null } | null;
        if (!row) return false;
        current = row.parentDocumentId || null;
      }
      return current === null;
    },

    /** Hides the comment when it has reached the threshold; true when this call hid it. */
    async hideIfReported(commentDocumentId: string): Promise<boolean> {
      const threshold = (await getService(strapi, 'settings').current()).reportThreshold;
      const count = Number(await reports().count({ where: { commentDocumentId } }));
      if (count < threshold) return false;
      // One conditional statement: an editor's decision made meanwhile (reject, spam) is never overwritten.
      // The query engine's lifecycles run, so the cache invalidation drops every answer that showed it.
      const result = (await strapi.db.query(COMMENT_UID).updateMany({
        where: { documentId: commentDocumentId, moderationStatus: 'approved' },
        data: { moderationStatus: 'pending', hiddenByReports: true },
      })) as { count?: number };
      return Number(result?.count ?? 0) > 0;
    },
  };
};
