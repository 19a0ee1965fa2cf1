/**
 * The site's public addresses, for every public answer:
 * - media URLs: an upload provider that stores files locally gives relative URLs
 *   (`/uploads/x.jpg`), which search engines and share cards cannot use. They are
 *   made absolute with Strapi's `server.url` (config/server.ts) when it is an
 *   absolute http(s) URL, else with the `mediaBaseUrl` setting; with neither they
 *   stay as they are. Absolute URLs (S3, a CDN, signed URLs) are never changed.
 * - the canonical URL of a review: the `reviewUrlPattern` setting with `{slug}`
 *   filled in, else `siteUrl` + `/reviews/{slug}`, else none (null).
 * The pure helpers take a `SiteContext`; the service builds it from the settings
 * memo (`settings.current()`), so no query is added to a request.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { SLUG_PLACEHOLDER } from '../validation/site-url';

export interface SiteContext {
  /** Prefix of relative media URLs (no trailing slash), or null when none is known. */
  mediaBase: string | null;
  siteUrl: string | null;
  reviewUrlPattern: string | null;
  siteName: string | null;
  siteLogoUrl: string | null;
  /** e.g. `https://example.com/authors/{slug}`: the author Person's `url` in the JSON-LD. */
  authorUrlPattern: string | null;
}

export const EMPTY_SITE: SiteContext = {
  mediaBase: null,
  siteUrl: null,
  reviewUrlPattern: null,
  siteName: null,
  siteLogoUrl: null,
  authorUrlPattern: null,
};

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** Strapi's `server.url` when it is an absolute http(s) URL (it may be empty or a path). */
export const serverUrlBase = (value: unknown): string | null => {
  if (typeof value !== 'string' || !/^https?:\/\/[^/?#]+/i.test(value)) return null;
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return null;
  }
};

/**
 * `url` made absolute with `base`: a root-relative path (`/uploads/a.jpg`) is appended
 * to the base (keeping the base's own path prefix); absolute and protocol-relative
 * URLs, and anything without a base, are returned unchanged.
 */
export const absoluteMediaUrl = (url: string, base: string | null): string => {
  if (!base || ABSOLUTE.test(url) || url.startsWith('//')) return url;
  return url.startsWith('/') ? `${base}${url}` : `${base}/${url}`;
};

/** The public page of a review, or null when the site's addresses are not set. */
export const reviewPageUrl = (slug: string, site: SiteContext): string | null => {
  const encoded = encodeURIComponent(slug);
  if (site.reviewUrlPattern) return site.reviewUrlPattern.replace(SLUG_PLACEHOLDER, encoded);
  if (site.siteUrl) return `${site.siteUrl.replace(/\/+$/, '')}/reviews/${encoded}`;
  return null;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The addresses for the current settings (memoised there) and server config. */
  async context(): Promise<SiteContext> {
    const settings = await getService(strapi, 'settings').current();
    const mediaBase =
      serverUrlBase(strapi.config.get('server.url', '')) ?? settings.mediaBaseUrl?.replace(/\/+$/, '') ?? null;
    return {
      mediaBase,
      siteUrl: settings.siteUrl,
      reviewUrlPattern: settings.reviewUrlPattern,
      siteName: settings.siteName,
      siteLogoUrl: settings.siteLogoUrl,
      authorUrlPattern: settings.authorUrlPattern,
    };
  },
});
