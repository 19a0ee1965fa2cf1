/**
 * The one client the site uses, configured from the environment:
 * - STRAPI_URL: where Strapi answers (default http://127.0.0.1:1337);
 * - PREVIEW_SECRET: the secret shared with the plugin's `preview` config (no secret, no preview).
 * GET answers are revalidated with their ETag, so an unchanged review costs a 304.
 */
import {
  createEtagCache,
  createMovieReviewsClient,
  isMovieReviewsApiError,
  isMovieReviewsNetworkError,
} from 'strapi-plugin-movie-reviews/client';

export const STRAPI_URL = (process.env.STRAPI_URL ?? 'http://127.0.0.1:1337').replace(/\/+$/, '');

export const api = createMovieReviewsClient({
  baseUrl: STRAPI_URL,
  etagCache: createEtagCache({ maxEntries: 1000 }),
  timeoutMs: 8000,
});

/** The site's public origin for canonical and share URLs: SITE_URL when set, else the request's. */
export const siteOrigin = (url: URL): string =>
  process.env.SITE_URL ? new URL(process.env.SITE_URL).origin : url.origin;

export const previewSecret = (): string | null => {
  const secret = process.env.PREVIEW_SECRET ?? '';
  return secret.length >= 16 ? secret : null;
};

/** What a page shows when the API fails: 404 for an unknown slug, 503 when the API is down or broken. */
export type PageFailure = { status: 401 | 404 | 503; title: string; message: string };

export const failureOf = (error: unknown): PageFailure => {
  if (isMovieReviewsApiError(error) && (error.status === 404 || error.status === 400)) {
    return { status: 404, title: 'Page not found', message: 'There is no review or page at this address.' };
  }
  if (isMovieReviewsNetworkError(error) || isMovieReviewsApiError(error)) {
    return {
      status: 503,
      title: 'Reviews are unavailable',
      message: 'The reviews cannot be loaded right now. Please try again in a minute.',
    };
  }
  throw error;
};

export const notFound: PageFailure = {
  status: 404,
  title: 'Page not found',
  message: 'There is no review or page at this address.',
};

/** A media URL the browser can load: Strapi answers relative `/uploads/...` URLs when no public URL is set. */
export const mediaUrl = (url: string): string =>
  /^https?:\/\//.test(url) ? url : `${STRAPI_URL}${url.startsWith('/') ? '' : '/'}${url}`;

/** `srcset` from an image's resized formats (and the original). */
export const srcsetOf = (image: {
  url: string;
  width: number | null;
  formats: Record<string, { url: string; width: number | null }> | null;
}): string | undefined => {
  const candidates = [...Object.values(image.formats ?? {}), image]
    .filter((f): f is { url: string; width: number } => typeof f.width === 'number' && f.width > 0)
    .sort((a, b) => a.width - b.width);
  return candidates.length ? candidates.map((f) => `${mediaUrl(f.url)} ${f.width}w`).join(', ') : undefined;
};

export const formatDate = (iso: string | null): string =>
  iso
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(iso)
      )
    : '';

/** A page number from `?page=`: null when it is not a whole number ≥ 1. */
export const pageParam = (url: URL): number | null => {
  const raw = url.searchParams.get('page');
  if (raw === null) return 1;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
};
