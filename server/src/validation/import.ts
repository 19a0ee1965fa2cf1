/** What the import routes and the CLI accept. */
import { z } from 'zod';

export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;

export const importJobIdSchema = z.coerce
  .number({ message: 'must be a job id' })
  .int({ message: 'must be a job id' })
  .positive({ message: 'must be a job id' });

/** Fields sent with the uploaded file. */
export const importUploadSchema = z.strictObject({
  label: z.string().trim().max(200, { message: 'must be at most 200 characters' }).optional(),
});

export const importRunSchema = z.strictObject({
  publish: z.boolean({ message: 'must be true or false' }).optional(),
});

export const importPageSchema = z.strictObject({
  page: z.coerce.number().int().min(1, { message: 'must be 1 or more' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'must be between 1 and 100' }).default(20),
});

export const redirectsQuerySchema = z.strictObject({
  format: z.enum(['csv', 'json'], { message: 'must be csv or json' }).default('json'),
});
