import { ratingSchema, yearSchema } from '../validation/custom-fields';
import { zodToValidationError } from '../utils/zod-issues';

const nullish = (value: unknown) => value === null || value === undefined || value === '';

/** A release year, stored as an integer (digits sent by a form are accepted). */
export const validateYear = (value: unknown, field: string): number | null => {
  if (nullish(value)) return null;
  const parsed = yearSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  return parsed.data;
};

/** A rating on the 0–10 scale in steps of 0.5, stored as a decimal. */
export const validateRating = (value: unknown, field: string): number | null => {
  if (nullish(value)) return null;
  const parsed = ratingSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  return parsed.data;
};
