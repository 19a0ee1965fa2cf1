/**
 * The editor's preview: signed, expiring links to the site's draft route, and the
 * version of a review such a link is for (draft included), in the detail shape.
 *
 * Token: `<expires, unix seconds>.<base64url HMAC-SHA256(secret, "<documentId>:<status>:<expires>")>`,
 * the same format `signPreviewToken` / `verifyPreviewToken` of the client produce and check
 * with Web Crypto, so a site can check a link itself before asking for the draft.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, REVIEW_UID } from '../utils/constants';
import type { PluginConfig } from '../config';
import { expandStillsBatch } from '../custom-fields/read';
import { AUTHOR_POPULATE, DETAIL_COLUMNS, toDetail, type ReviewDetail, type ReviewRow } from './review-format';
import { PREVIEW_TOKEN_PATTERN, type PreviewConfig, type PreviewStatus } from '../validation/preview';
import { getService } from '../utils/get-service';

export type TokenCheck = { valid: true } | { valid: false; reason: 'missing' | 'malformed' | 'expired' | 'forged' };

/** A review version for the preview: a never-published draft has no `publishedAt`. */
export type PreviewDetail = Omit<ReviewDetail, 'publishedAt'> & { publishedAt: string | null };

const sign = (secret: string, documentId: string, status: PreviewStatus, expires: number) =>
  createHmac('sha256', secret).update(`${documentId}:${status}:${expires}`).digest('base64url');

export const signPreviewToken = (secret: string, documentId: string, status: PreviewStatus, expires: number) =>
  `${expires}.${sign(secret, documentId, status, expires)}`;

export const checkPreviewToken = (
  secret: string,
  documentId: string,
  status: PreviewStatus,
  token: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000)
): TokenCheck => {
  if (!token) return { valid: false, reason: 'missing' };
  const match = PREVIEW_TOKEN_PATTERN.exec(token);
  if (!match) return { valid: false, reason: 'malformed' };
  const expires = Number(match[1]);
  const expected = Buffer.from(sign(secret, documentId, status, expires));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { valid: false, reason: 'forged' };
  if (expires <= nowSeconds) return { valid: false, reason: 'expired' };
  return { valid: true };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = (): PreviewConfig => (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).preview;

  return {
    /** True when a secret is configured (otherwise the preview route answers 404). */
    isEnabled: () => config().secret !== null,

    /**
     * The site URL the Content Manager's Preview opens for a review, with a fresh
     * token; null when the preview is not set up (no secret or no URL).
     */
    previewUrl(documentId: string, status: PreviewStatus = 'draft'): string | null {
      const { secret, url, ttlSeconds } = config();
      if (!secret || !url) return null;
      const token = signPreviewToken(secret, documentId, status, Math.floor(Date.now() / 1000) + ttlSeconds);
      const filled = url
        .replaceAll('{documentId}', encodeURIComponent(documentId))
        .replaceAll('{status}', status)
        .replaceAll('{token}', encodeURIComponent(token));
      if (url.includes('{token}')) return filled;
      const withStatus = url.includes('{status}')
        ? filled
        : `${filled}${filled.includes('?') ? '&' : '?'}status=${status}`;
      return `${withStatus}&token=${encodeURIComponent(token)}`;
    },

    checkToken(documentId: string, status: PreviewStatus, token: string | undefined): TokenCheck {
      const { secret } = config();
      if (!secret) return { valid: false, reason: 'missing' };
      return checkPreviewToken(secret, documentId, status, token);
    },

    /** One version (draft or published) of a review with everything expanded, or null. */
    async findVersion(documentId: string, status: PreviewStatus): Promise<PreviewDetail | null> {
      const row = (await strapi.db.query(REVIEW_UID).findOne({
        select: [...DETAIL_COLUMNS],
        where: { documentId, publishedAt: status === 'draft' ? { $null: true } : { $notNull: true } },
        populate: AUTHOR_POPULATE,
      })) as ReviewRow | null;
      if (!row) return null;
      const [[stills], commentCount, settings, site] = await Promise.all([
        expandStillsBatch(strapi, [row.stills]),
        getService(strapi, 'comments').countVisible(row.documentId),
        getService(strapi, 'settings').get(),
        getService(strapi, 'siteUrls').context(),
      ]);
      const detail = toDetail(row, stills, commentCount, settings.embedProviders, site);
      return { ...detail, publishedAt: detail.publishedAt || null };
    },
  };
};
