/** The rule of the admin-editable settings (Settings → Movie Reviews) and their bounds. */
import { z } from 'zod';
import { SONG_PROVIDERS } from '../custom-fields/song-providers';
import { LIMITS } from '../shared/settings-limits';
import { sourceUrl } from './custom-fields';

/**
 * The address of an author's page on the site, with `{slug}` where the author's
 * slug goes (e.g. `https://example.com/authors/{slug}`): an https link to a public
 * host once the slug is put in. Empty means unset (null).
 */
export const authorUrlPatternSchema = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z
    .string({ message: 'must be an https link with {slug} in it' })
    .max(500, { message: 'must be at most 500 characters' })
    .refine((v) => v.includes('{slug}'), { message: 'must contain {slug}' })
    .refine((v) => sourceUrl.safeParse(v.split('{slug}').join('author')).success, {
      message: 'must be an https link to a public host name (no IP address, credentials or port)',
    })
    .nullable()
);

export const settingsSchema = z.strictObject({
  autoApprove: z.boolean(),
  rateLimitPoints: z.number().int().min(1).max(LIMITS.rateLimitPoints),
  cacheMaxAge: z.number().int().min(0).max(LIMITS.cacheMaxAge),
  embedProviders: z.array(z.enum(SONG_PROVIDERS)).min(1, { message: 'must allow at least one provider' }),
  commentsEnabledByDefault: z.boolean(),
  grantPublicPermissions: z.boolean(),
  authorUrlPattern: authorUrlPatternSchema,
});

export type Settings = z.infer<typeof settingsSchema>;
