/**
 * Rules of the site addresses in the settings (site URL, logo, media base, URL
 * patterns): https, a public host name (no credentials, IP literal, port or
 * look-alike characters), nothing WHATWG parsing would have to repair. Every one
 * is optional: null (or an emptied input) means "not set".
 */
import { z } from 'zod';
import { authorityProblem } from '../custom-fields/song-providers';
import { hasControlCharacters } from './control-characters';

export const MAX_SITE_URL = 500;
export const SLUG_PLACEHOLDER = '{slug}';

/** The problem of an https address, or null. `kind` adds the rules of its use. */
export const siteUrlProblem = (value: string, kind: 'base' | 'file' | 'pattern'): string | null => {
  if (/[\s\\]/.test(value) || hasControlCharacters(value, { allowLineBreaks: false })) {
    return 'must not contain spaces, backslashes or control characters';
  }
  // Only what RFC 3986 allows unencoded (no quotes, angle brackets, backticks...): the value goes into
  // HTML attributes and JSON-LD as it is.
  if (/[^A-Za-z0-9\-._~:/?#@!$&()*+,;=%{}]/.test(value)) {
    return 'must only contain characters allowed in a URL (no quotes, angle brackets or non-ASCII characters)';
  }
  const authority = /^https:\/\/([^/?#]*)/i.exec(value)?.[1];
  if (authority === undefined) return 'must be an https link';
  const problem = authorityProblem(authority) ?? (authority.includes('.') ? null : 'must name a public host');
  if (problem) return problem;
  if (kind === 'pattern') {
    const count = value.split(SLUG_PLACEHOLDER).length - 1;
    if (count !== 1) return `must contain ${SLUG_PLACEHOLDER} exactly once`;
    if (/[{}]/.test(value.replace(SLUG_PLACEHOLDER, '')))
      return `must not contain braces other than ${SLUG_PLACEHOLDER}`;
    if (value.indexOf(SLUG_PLACEHOLDER) < `https://${authority}`.length) {
      return `must have ${SLUG_PLACEHOLDER} in the path, not the host`;
    }
    if (value.includes('#')) return 'must not contain a fragment (#)';
  } else if (value.includes('{') || value.includes('}')) {
    return 'must not contain braces';
  }
  if (kind === 'base' && /[?#]/.test(value)) return 'must not contain a query (?) or fragment (#)';
  try {
    new URL(kind === 'pattern' ? value.replace(SLUG_PLACEHOLDER, 'slug') : value);
  } catch {
    return 'must be a valid URL';
  }
  return null;
};

const siteUrlRule = (kind: 'base' | 'file' | 'pattern') =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z
      .string({ message: 'must be an https link or null' })
      .max(MAX_SITE_URL, { message: `must be at most ${MAX_SITE_URL} characters` })
      .superRefine((v, ctx) => {
        const problem = siteUrlProblem(v, kind);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .nullable()
  );

/** A site's public address (`https://example.com`, or with a path prefix): no query, no fragment. */
export const siteBaseUrl = () => siteUrlRule('base');
/** The address of one file (a logo). */
export const siteFileUrl = () => siteUrlRule('file');
/** An address with `{slug}` in its path, exactly once. */
export const siteUrlPattern = () => siteUrlRule('pattern');
