import type { z } from 'zod';
import { locationsSchema, tagsSchema } from '../validation/custom-fields';
import { zodToValidationError } from '../utils/zod-issues';

/** Keeps the first of values that differ only by case ("Drama", "drama"). */
export const withoutDuplicates = (values: string[]): string[] => {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const stringList =
  (schema: z.ZodType<string[], unknown>) =>
  (value: unknown, field: string): string[] | null => {
    if (value === null || value === undefined) return null;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
    const list = withoutDuplicates(parsed.data);
    return list.length ? list : null;
  };

/** Tags: trimmed, duplicates (any case) dropped, an empty list stored as null. */
export const validateTags = stringList(tagsSchema);

/** Filming locations: the same list rules with free place names. */
export const validateLocations = stringList(locationsSchema);
