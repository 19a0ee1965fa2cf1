/**
 * Value rules of the plugin's custom fields (synopsis, stills, song-embed, cast,
 * tags, locations, year, rating), for
 * every content type that uses them. The validators in custom-fields/ add what
 * needs the database or the settings (files exist, allowed providers) and
 * normalise what is stored.
 */
import { z } from 'zod';
import { authorityProblem, SONG_PROVIDERS } from '../custom-fields/song-providers';
import {
  MAX_ALT,
  MAX_CAPTION,
  MAX_CAST,
  MAX_CAST_NAME,
  MAX_LOCATION,
  MAX_LOCATIONS,
  MAX_RATING,
  MAX_SOURCE,
  MAX_SOURCE_URL,
  MAX_STILLS,
  MAX_SYNOPSIS,
  MAX_TAG,
  MAX_TAGS,
  MAX_YEAR,
  MIN_YEAR,
  RATING_STEP,
  TAG_PATTERN,
} from '../shared/custom-field-limits';
import { hasControlCharacters } from './control-characters';
import { optionalPlainText, plainText } from './plain-text';

/**
 * A link shown to readers under the synopsis: https, a public host name (no IP
 * literal, credentials, port, look-alike characters), nothing WHATWG parsing
 * would have to repair.
 */
export const sourceUrl = z
  .string()
  .max(MAX_SOURCE_URL, { message: `must be at most ${MAX_SOURCE_URL} characters` })
  .superRefine((v, ctx) => {
    if (/[\s\\]/.test(v) || hasControlCharacters(v, { allowLineBreaks: false })) {
      ctx.addIssue({ code: 'custom', message: 'must not contain spaces, backslashes or control characters' });
      return;
    }
    const authority = /^https:\/\/([^/?#]*)/i.exec(v)?.[1];
    if (authority === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be an https link' });
      return;
    }
    const problem = authorityProblem(authority) ?? (authority.includes('.') ? null : 'must name a public host');
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return;
    }
    try {
      new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a valid URL' });
    }
  });

export const synopsisSchema = z.strictObject({
  text: plainText(1, MAX_SYNOPSIS),
  source: optionalPlainText(MAX_SOURCE),
  // An emptied input is "no link", not an invalid one.
  sourceUrl: z.preprocess((v) => (v === '' ? null : v), sourceUrl.nullable()).optional(),
});

const stillSchema = z.strictObject({
  file: z
    .number({ message: 'must be a media library file id' })
    .int({ message: 'must be a media library file id' })
    .positive({ message: 'must be a media library file id' }),
  caption: optionalPlainText(MAX_CAPTION),
  alt: plainText(1, MAX_ALT),
});

export const stillsSchema = z
  .array(stillSchema, { message: 'must be a list of stills' })
  .max(MAX_STILLS, { message: `must hold at most ${MAX_STILLS} stills` });

export const songInputSchema = z.strictObject({
  url: z.string({ message: 'must be a link' }),
  provider: z
    .enum(SONG_PROVIDERS, { message: `must be one of ${SONG_PROVIDERS.join(', ')}` })
    .nullable()
    .optional(),
  title: optionalPlainText(200),
  artist: optionalPlainText(200),
  startAt: z
    .number({ message: 'must be a number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(0, { message: 'must be between 0 and 86400 seconds' })
    .max(86_400, { message: 'must be between 0 and 86400 seconds' })
    .nullable()
    .optional(),
  // Read-side field: accepted so a value read from the API can be saved back, and dropped (it is rebuilt on read).
  embedUrl: z.string().max(4096).nullable().optional(),
});

export const castMemberSchema = z.strictObject({
  actor: plainText(1, MAX_CAST_NAME),
  character: optionalPlainText(MAX_CAST_NAME),
});

export const castSchema = z
  .array(castMemberSchema, { message: 'must be a list of { actor, character } rows' })
  .max(MAX_CAST, { message: `must list at most ${MAX_CAST} people` });

export const tagsSchema = z
  .array(
    z
      .string({ message: 'must be text' })
      .transform((v) => v.normalize('NFC').trim())
      .pipe(
        z
          .string()
          .min(1, { message: 'must not be empty' })
          .max(MAX_TAG, { message: `must be at most ${MAX_TAG} characters` })
          .regex(TAG_PATTERN, { message: 'must be letters, digits, spaces, dots, dashes' })
      ),
    { message: 'must be a list of tags' }
  )
  .max(MAX_TAGS, { message: `must list at most ${MAX_TAGS} tags` });

export const locationsSchema = z
  .array(
    plainText(1, MAX_LOCATION).transform((v) => v.trim()),
    { message: 'must be a list of places' }
  )
  .max(MAX_LOCATIONS, { message: `must list at most ${MAX_LOCATIONS} places` });

/** A whole number, also when a form sends it as digits ("2013"). */
const wholeNumber = (message: string) =>
  z.union([
    z.number({ message }),
    z
      .string()
      .regex(/^\d{1,6}$/, { message })
      .transform(Number),
  ]);

export const yearSchema = wholeNumber('must be a whole number').pipe(
  z
    .number()
    .int({ message: 'must be a whole number' })
    .min(MIN_YEAR, { message: `must be between ${MIN_YEAR} and ${MAX_YEAR}` })
    .max(MAX_YEAR, { message: `must be between ${MIN_YEAR} and ${MAX_YEAR}` })
);

export const ratingSchema = z
  .union([
    z.number({ message: 'must be a number' }),
    z
      .string()
      .regex(/^\d{1,2}(\.\d+)?$/, { message: 'must be a number' })
      .transform(Number),
  ])
  .pipe(
    z
      .number()
      .min(0, { message: `must be between 0 and ${MAX_RATING}` })
      .max(MAX_RATING, { message: `must be between 0 and ${MAX_RATING}` })
      .refine((v) => Number.isInteger(v / RATING_STEP), { message: `must be a multiple of ${RATING_STEP}` })
  );
