/** The slug rule: lowercase letters and digits in words joined by single dashes, at most 200 characters. */
import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 200;

/** Whether a value from a URL or a GraphQL argument can be a review's public slug (anything else is a 404). */
export const isPublicSlug = (slug: unknown): slug is string =>
  typeof slug === 'string' && slug.length > 0 && slug.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(slug);

/** A slug an editor writes; empty or null asks for one generated from the title and year. */
export const slugSchema = z
  .string()
  .max(MAX_SLUG_LENGTH, { message: `must be at most ${MAX_SLUG_LENGTH} characters` })
  .refine((v) => v === '' || SLUG_PATTERN.test(v), {
    message: 'must contain only lowercase letters, digits and single dashes',
  })
  .nullable();

/** The `:slug` route parameter, as declared on the public routes. */
export const slugParam = z.string().max(MAX_SLUG_LENGTH);
