import { authorLinksSchema } from '../validation/author';
import { zodToValidationError } from '../utils/zod-issues';

export interface AuthorLink {
  label: string;
  url: string;
}

/** Validates an author's links; stores each URL in its WHATWG-serialised form. An empty list is stored as []. */
export const validateAuthorLinks = (value: unknown, field: string): AuthorLink[] => {
  if (value === null || value === undefined) return [];
  const parsed = authorLinksSchema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  return parsed.data.map((link) => ({ label: link.label, url: new URL(link.url).toString() }));
};

/** The links as read from a stored row (anything malformed is left out). */
export const storedAuthorLinks = (value: unknown): AuthorLink[] =>
  Array.isArray(value)
    ? value.flatMap((l: unknown) => {
        if (typeof l !== 'object' || l === null) return [];
        const { label, url } = l as { label?: unknown; url?: unknown };
        return typeof label === 'string' && typeof url === 'string' && url.startsWith('https://')
          ? [{ label, url }]
          : [];
      })
    : [];
