import { z } from 'zod';
import { SONG_PROVIDERS } from '../custom-fields/song-providers';
import { previewConfigSchema } from '../validation/preview';

import { LIMITS } from '../shared/settings-limits';
import { settingsSchema } from '../validation/settings';

export { LIMITS };

/** The plugin's file config (`config/plugins.ts` → `movie-reviews.config`), with defaults. */
export const pluginConfigSchema = z.strictObject({
  grantPublicPermissions: z.boolean(),
  comments: z.strictObject({
    autoApprove: z.boolean(),
    enabledByDefault: z.boolean(),
    blockedWords: z.array(z.string().min(1)),
    /** Distinct reader reports that hide an approved comment (Settings → Movie Reviews can change it). */
    reportThreshold: z.number().int().min(1).max(LIMITS.reportThreshold),
  }),
  rateLimit: z.strictObject({
    points: z.number().int().min(1).max(LIMITS.rateLimitPoints),
    duration: z.number().int().min(1).max(86_400),
  }),
  cache: z.strictObject({ maxAge: z.number().int().min(0).max(LIMITS.cacheMaxAge) }),
  embedProviders: z.array(z.enum(SONG_PROVIDERS)).min(1),
  redis: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable(),
  preview: previewConfigSchema,
  /** Site addresses (defaults of the same settings; Settings → Movie Reviews overrides them). */
  site: z.strictObject({
    siteUrl: settingsSchema.shape.siteUrl,
    reviewUrlPattern: settingsSchema.shape.reviewUrlPattern,
    siteName: settingsSchema.shape.siteName,
    siteLogoUrl: settingsSchema.shape.siteLogoUrl,
    mediaBaseUrl: settingsSchema.shape.mediaBaseUrl,
    /** JSON-LD `author.url`: e.g. `https://example.com/authors/{slug}` (null: no url). */
    authorUrlPattern: settingsSchema.shape.authorUrlPattern,
  }),
  import: z.strictObject({
    /** Images downloaded at the same time during an import. */
    imageConcurrency: z.number().int().min(1).max(16),
    imageTimeoutMs: z.number().int().min(1000).max(120_000),
    maxImageBytes: z
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024),
    /** Test-only: fetch images from loopback and private addresses. Never enable in production. */
    allowPrivateImageHosts: z.boolean(),
  }),
});

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  grantPublicPermissions: true,
  comments: { autoApprove: false, enabledByDefault: true, blockedWords: [], reportThreshold: 3 },
  rateLimit: { points: 5, duration: 60 },
  cache: { maxAge: 60 },
  embedProviders: [...SONG_PROVIDERS],
  redis: null,
  preview: { secret: null, url: null, ttlSeconds: 3600 },
  site: {
    siteUrl: null,
    reviewUrlPattern: null,
    siteName: null,
    siteLogoUrl: null,
    mediaBaseUrl: null,
    authorUrlPattern: null,
  },
  import: {
    imageConcurrency: 4,
    imageTimeoutMs: 15_000,
    maxImageBytes: 15 * 1024 * 1024,
    allowPrivateImageHosts: false,
  },
};

export default {
  default: defaultConfig,
  validator(config: unknown) {
    const parsed = pluginConfigSchema.safeParse(config);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`movie-reviews config: ${first.path.join('.') || 'config'} ${first.message}`);
    }
  },
};
