import { z } from 'zod';
import { optionalPlainText, plainText } from '../validation/shared';
import { zodToValidationError } from '../utils/zod-issues';
import { authorityProblem } from './song-providers';

export const MAX_SYNOPSIS = 5000;
export const MAX_SOURCE = 100;
export const MAX_SOURCE_URL = 2048;

/**
 * A link shown to readers under the synopsis: https, a public host name (no IP
 * literal, credentials, port, look-alike characters), nothing WHATWG parsing
 * would have to repair.
 */
const sourceUrl = z
  .string()
  .max(MAX_SOURCE_URL, { message: `must be at most ${MAX_SOURCE_URL} characters` })
  .superRefine((v, ctx) => {
    // eslint-disable-next-line no-control-regex
    if (/[\s\u0000-\u001F\u007F\\]/.test(v)) {
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
