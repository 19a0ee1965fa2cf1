/** The rule of the admin-editable settings (Settings → Movie Reviews) and their bounds. */
import { z } from 'zod';
import { SONG_PROVIDERS } from '../custom-fields/song-providers';
import { LIMITS } from '../shared/settings-limits';
import { siteBaseUrl, siteFileUrl, siteUrlPattern } from './site-url';
import { plainText } from './plain-text';

/** The site's name (JSON-LD publisher, og:site_name): plain text, null when unset. */
const siteName = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  plainText(1, 100).nullable()
);

export const settingsSchema = z.strictObject({
  autoApprove: z.boolean(),
  rateLimitPoints: z.number().int().min(1).max(LIMITS.rateLimitPoints),
  cacheMaxAge: z.number().int().min(0).max(LIMITS.cacheMaxAge),
  embedProviders: z.array(z.enum(SONG_PROVIDERS)).min(1, { message: 'must allow at least one provider' }),
  commentsEnabledByDefault: z.boolean(),
  grantPublicPermissions: z.boolean(),
  // Site addresses (seo): all optional, null = unset; https only (see ./site-url.ts).
  siteUrl: siteBaseUrl(),
  reviewUrlPattern: siteUrlPattern(),
  siteName,
  siteLogoUrl: siteFileUrl(),
  mediaBaseUrl: siteBaseUrl(),
  // JSON-LD author.url and the author's page (author): `{slug}` as in reviewUrlPattern.
  authorUrlPattern: siteUrlPattern(),
  /** Distinct reader reports that hide an approved comment until an editor approves it again. */
  reportThreshold: z.number().int().min(1).max(LIMITS.reportThreshold),
});

export type Settings = z.infer<typeof settingsSchema>;
