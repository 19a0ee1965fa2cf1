/** The rule of the admin-editable settings (Settings → Movie Reviews) and their bounds. */
import { z } from 'zod';
import { SONG_PROVIDERS } from '../custom-fields/song-providers';
import { LIMITS } from '../shared/settings-limits';

export const settingsSchema = z.strictObject({
  autoApprove: z.boolean(),
  rateLimitPoints: z.number().int().min(1).max(LIMITS.rateLimitPoints),
  cacheMaxAge: z.number().int().min(0).max(LIMITS.cacheMaxAge),
  embedProviders: z.array(z.enum(SONG_PROVIDERS)).min(1, { message: 'must allow at least one provider' }),
  commentsEnabledByDefault: z.boolean(),
  grantPublicPermissions: z.boolean(),
  /** Distinct reader reports that hide an approved comment until an editor approves it again. */
  reportThreshold: z.number().int().min(1).max(LIMITS.reportThreshold),
});

export type Settings = z.infer<typeof settingsSchema>;
