import { synopsisSchema } from '../validation/custom-fields';
import { zodToValidationError } from '../utils/zod-issues';

export interface SynopsisValue {
  text: string;
  source: string | null;
  sourceUrl: string | null;
}

/** Validates a synopsis; stores blank optional parts as null. */
export const validateSynopsis = (value: unknown, field: string): SynopsisValue | null => {
  if (value === null || value === undefined) return null;
  const parsed = synopsisSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  return {
    text: parsed.data.text,
    source: parsed.data.source?.trim() || null,
    sourceUrl: parsed.data.sourceUrl ? new URL(parsed.data.sourceUrl).toString() : null,
  };
};
