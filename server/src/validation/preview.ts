import { z } from 'zod';

/** Which version of a review the editor's preview shows. */
export const PREVIEW_STATUSES = ['draft', 'published'] as const;
export type PreviewStatus = (typeof PREVIEW_STATUSES)[number];

/** Strapi 5 document ids: 24 lowercase letters and digits (longer ids are accepted up to 64). */
export const documentIdSchema = z
  .string()
  .regex(/^[a-z0-9]{1,64}$/, { message: 'must be a document id (lowercase letters and digits)' });

/** `<expires, unix seconds>.<base64url HMAC-SHA256>`: the format the site and the plugin share. */
export const PREVIEW_TOKEN_PATTERN = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** Query of `GET /preview/:documentId`. The token's validity is checked apart (401, not 400). */
export const previewQuerySchema = z.strictObject({
  status: z.enum(PREVIEW_STATUSES, { message: `must be one of ${PREVIEW_STATUSES.join(', ')}` }).default('draft'),
  token: z.string().max(200, { message: 'must be at most 200 characters' }).optional(),
});

/** The plugin's `preview` config: the secret shared with the site and where the site's draft route is. */
export const previewConfigSchema = z.strictObject({
  /** At least 16 characters; null turns the preview off (the route answers 404). */
  secret: z.string().min(16, { message: 'must be at least 16 characters' }).nullable(),
  /** The site's draft route, with `{documentId}`, `{status}` and `{token}` placeholders (token is appended when absent). */
  url: z
    .string()
    .max(2048)
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v) && v.includes('{documentId}'), {
      message: 'must be an http(s) URL containing {documentId}',
    })
    .nullable(),
  /** How long a preview link stays valid (60 s to 1 day). */
  ttlSeconds: z.number().int().min(60).max(86_400),
});

export type PreviewConfig = z.infer<typeof previewConfigSchema>;
