import { z } from 'zod';
import { httpsUrl, optionalPlainText, plainText } from '../validation/shared';
import { zodToValidationError } from '../utils/zod-issues';

export const synopsisSchema = z.strictObject({
  text: plainText(1, 5000),
  source: optionalPlainText(100),
  sourceUrl: httpsUrl().nullable().optional(),
});

export type SynopsisValue = z.infer<typeof synopsisSchema>;

export const validateSynopsis = (value: unknown, field: string): SynopsisValue | null => {
  if (value === null || value === undefined) return null;
  const parsed = synopsisSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  return parsed.data;
};
