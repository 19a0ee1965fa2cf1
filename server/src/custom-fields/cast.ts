import { castSchema } from '../validation/custom-fields';
import { zodToValidationError } from '../utils/zod-issues';

/** A cast row as stored and returned: the character is null when the row has none. */
export interface CastValue {
  actor: string;
  character: string | null;
}

/** Validates a cast list; an empty list is stored as null, a blank character as null. */
export const validateCast = (value: unknown, field: string): CastValue[] | null => {
  if (value === null || value === undefined) return null;
  const parsed = castSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  const rows = parsed.data.map((m) => ({ actor: m.actor.trim(), character: m.character?.trim() || null }));
  return rows.length ? rows : null;
};
