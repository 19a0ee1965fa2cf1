/**
 * Value rules of the plugin's custom fields (synopsis, stills, song-embed), for
 * every content type that uses them. The validators in custom-fields/ add what
 * needs the database or the settings (files exist, allowed providers) and
 * normalise what is stored.
 */
import { z } from 'zod';
import { authorityProblem, SONG_PROVIDERS } from '../custom-fields/song-providers';
import {
  MAX_ALT,
  MAX_CAPTION,
  MAX_SOURCE,
  MAX_SOURCE_URL,
  MAX_STILLS,
  MAX_SYNOPSIS,
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
