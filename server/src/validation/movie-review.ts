import { z } from 'zod';
import { optionalPlainText, plainText } from './plain-text';
import { slugSchema } from './slug';

const castMember = z.strictObject({
  actor: plainText(1, 200),
  character: optionalPlainText(200),
});

const rating = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { message: 'must be a number' })
      .transform(Number),
  ])
  .pipe(
    z
      .number()
      .min(0, { message: 'must be between 0 and 10' })
      .max(10, { message: 'must be between 0 and 10' })
      .refine((v) => Number.isInteger(v * 2), { message: 'must be a multiple of 0.5' })
  );

/**
 * Field rules of a Movie Review write. Every key is optional here because an
 * update may carry only some fields; what a create must have is checked by
 * `requiredOnCreate`. Custom fields (synopsis, stills, song) are validated by
 * their own validators, for every content type that uses them.
 */
export const movieReviewFields = {
  title: plainText(1, 200),
  slug: slugSchema,
  movieTitle: plainText(1, 200),
  movieOriginalTitle: optionalPlainText(200),
  movieYear: z
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1888, { message: 'must be between 1888 and 2100' })
    .max(2100, { message: 'must be between 1888 and 2100' }),
  movieDirector: optionalPlainText(200),
  movieCast: z.array(castMember).max(200, { message: 'must list at most 200 people' }).nullable(),
  movieImdbId: z
    .string()
    .regex(/^tt\d{7,8}$/, { message: 'must be "tt" followed by 7 or 8 digits' })
    .nullable()
    .or(z.literal('').transform(() => null)),
  movieRuntimeMinutes: z
    .number({ message: 'must be a whole number of minutes' })
    .int({ message: 'must be a whole number of minutes' })
    .min(1, { message: 'must be between 1 and 1000' })
    .max(1000, { message: 'must be between 1 and 1000' })
    .nullable(),
  filmingLocations: z.array(plainText(1, 200)).max(50, { message: 'must list at most 50 places' }).nullable(),
  rating: rating.nullable(),
  /** Deprecated (kept for one release): a write naming its author this way is linked to that Author entry. */
  authorName: optionalPlainText(120),
  authorBio: optionalPlainText(2000),
  tags: z
    .array(
      z
        .string()
        .min(1, { message: 'must not be empty' })
        .max(50, { message: 'must be at most 50 characters' })
        .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, { message: 'must be letters, digits, spaces, dots, dashes' })
    )
    .max(20, { message: 'must list at most 20 tags' })
    .nullable(),
  commentsEnabled: z.boolean({ message: 'must be true or false' }),
  // Search-result overrides (seo): plain text, at most what search engines show.
  seoTitle: optionalPlainText(70),
  seoDescription: optionalPlainText(160),
} as const;

export type MovieReviewField = keyof typeof movieReviewFields;

export const movieReviewWriteSchema = z.object(
  Object.fromEntries(Object.entries(movieReviewFields).map(([k, v]) => [k, v.optional()])) as {
    [K in MovieReviewField]: z.ZodOptional<(typeof movieReviewFields)[K]>;
  }
);

/** What a create must have besides its author (the `author` relation, or the deprecated `authorName`). */
export const requiredOnCreate: MovieReviewField[] = ['title', 'movieTitle', 'movieYear'];
