/**
 * Field rules of an Author write (content type `plugin::movie-reviews.author`),
 * for every write path (the document-service middleware runs them). Every key is
 * optional because an update may carry only some fields; `authorRequiredOnCreate`
 * says what a create must have.
 *
 * Links are shown to readers and put in the review's JSON-LD (`sameAs`), so their
 * URLs follow the song links' rules: https only, a public host name, no
 * credentials, no port, no IP literal (and so no `javascript:` or `data:`).
 */
import { z } from 'zod';
import { MAX_AUTHOR_LINK_LABEL, MAX_AUTHOR_LINKS } from '../shared/custom-field-limits';
import { sourceUrl } from './custom-fields';
import { optionalPlainText, plainText } from './plain-text';
import { slugSchema } from './slug';

export const MAX_AUTHOR_NAME = 120;
export const MAX_AUTHOR_BIO = 2000;

export const authorLinkSchema = z.strictObject({
  label: plainText(1, MAX_AUTHOR_LINK_LABEL).transform((v) => v.trim()),
  url: sourceUrl,
});

/** The `links` custom field: a list of `{ label, url }`, at most MAX_AUTHOR_LINKS, no URL twice. */
export const authorLinksSchema = z
  .array(authorLinkSchema, { message: 'must be a list of links' })
  .max(MAX_AUTHOR_LINKS, { message: `must hold at most ${MAX_AUTHOR_LINKS} links` })
  .superRefine((links, ctx) => {
    const seen = new Set<string>();
    links.forEach((link, i) => {
      const key = link.url.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'url'], message: 'is already in the list' });
      seen.add(key);
    });
  });

export const authorFields = {
  name: plainText(1, MAX_AUTHOR_NAME).transform((v) => v.trim()),
  slug: slugSchema,
  bio: optionalPlainText(MAX_AUTHOR_BIO),
} as const;

export const authorWriteSchema = z.object({
  name: authorFields.name.optional(),
  slug: authorFields.slug.optional(),
  bio: authorFields.bio.optional(),
});

export const authorRequiredOnCreate = ['name'] as const;

/** The name an inline author (old review fields, imports) is matched by: trimmed, compared case-insensitively. */
export const authorMatchName = (name: string): string => name.normalize('NFC').trim();
