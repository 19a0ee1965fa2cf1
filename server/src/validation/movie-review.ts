import { z } from 'zod';
import { optionalPlainText, plainText } from './plain-text';
import { slugSchema } from './slug';
import { castSchema, locationsSchema, ratingSchema, tagsSchema, yearSchema } from './custom-fields';

/**
 * Field rules of a Movie Review write. Every key is optional here because an
 * update may carry only some fields; what a create must have is checked by
 * `requiredOnCreate`. Custom fields (synopsis, stills, song, cast, tags,
 * locations, year, rating) are validated and normalised by their own
 * validators first, for every content type that uses them; the rules below
 * for those fields are the same schemas, so a review is checked the same way
 * even if a host app swaps one back to a plain attribute.
 */
export const movieReviewFields = {
  title: plainText(1, 200),
  slug: slugSchema,
  movieTitle: plainText(1, 200),
  movieOriginalTitle: optionalPlainText(200),
  movieYear: yearSchema,
  movieDirector: optionalPlainText(200),
  movieCast: castSchema.nullable(),
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
  filmingLocations: locationsSchema.nullable(),
  rating: ratingSchema.nullable(),
  /** Deprecated (kept for one release): a write naming its author this way is linked to that Author entry. */
  authorName: optionalPlainText(120),
  authorBio: optionalPlainText(2000),
  tags: tagsSchema.nullable(),
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
