/**
 * The one plain-text rule, for every text a reader or an editor writes (comment
 * name and content, editor replies, synopsis, captions, alt text, song title and
 * artist, review text fields):
 * - the value is normalised to Unicode NFC before it is checked and stored;
 * - text made only of whitespace and invisible characters (Unicode format and
 *   default-ignorable code points such as U+200B, U+2060, U+FEFF) counts as empty;
 * - C0 and C1 control characters are refused (tab and line breaks are kept);
 * - lone surrogates are refused.
 */
import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from './control-characters';

const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** The characters a reader would actually see. */
export const visibleText = (text: string): string => text.replace(INVISIBLE, '');

/** Whether a text shows nothing at all (empty, spaces, zero-width and other invisible characters). */
export const isBlankText = (text: string): boolean => visibleText(text) === '';

const checkedText = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC'))
    .pipe(
      z
        .string()
        .max(max, { message: `must be at most ${max} characters` })
        .refine((v) => !hasControlCharacters(v), { message: CONTROL_CHARACTERS_MESSAGE })
        .refine((v) => v.isWellFormed(), { message: 'must be valid Unicode' })
    );

/** Required plain text: at least `min` visible characters, at most `max` characters. */
export const plainText = (min: number, max: number) =>
  checkedText(max).refine((v) => visibleText(v).length >= min, {
    message: min === 1 ? 'must not be empty' : `must be at least ${min} visible characters`,
  });

/** Optional plain text: null or absent is fine; text that shows nothing is stored as an empty string. */
export const optionalPlainText = (max: number) =>
  checkedText(max)
    .transform((v) => (isBlankText(v) ? '' : v))
    .nullable()
    .optional();
