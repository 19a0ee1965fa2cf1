/**
 * schema.org `Review` JSON-LD for a movie review, with the film as `itemReviewed`
 * (`Movie`). Shared by the public API (`structuredData` of GET /reviews/:slug) and
 * the admin's edit-view panel (preview). Pure: no database access.
 *
 * Accepts the review as stored (flat `movieTitle`, `authorName`, ...) or as shaped
 * by the API (`movie { ... }`, `author { ... }`), whichever the caller has.
 */

interface CastMember {
  actor?: unknown;
  character?: unknown;
}

interface ShapedMovie {
  title?: string | null;
  originalTitle?: string | null;
  year?: number | null;
  director?: string | null;
  cast?: CastMember[] | null;
  imdbId?: string | null;
  runtimeMinutes?: number | null;
}

/** The fields of a review this function reads; everything is optional so partial rows work. */
export interface StructuredDataInput {
  title?: string | null;
  rating?: number | string | null;
  publishedAt?: string | Date | null;
  updatedAt?: string | Date | null;
  tags?: unknown;
  body?: unknown;
  stills?: unknown;
  // stored (flat) shape
  movieTitle?: string | null;
  movieOriginalTitle?: string | null;
  movieYear?: number | null;
  movieDirector?: string | null;
  movieCast?: unknown;
  movieImdbId?: string | null;
  movieRuntimeMinutes?: number | null;
  authorName?: string | null;
  // API (shaped) shape
  movie?: ShapedMovie | null;
  author?: {
    name?: string | null;
    slug?: string | null;
    links?: Array<{ url?: unknown }> | null;
  } | null;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface StructuredData {
  '@context': 'https://schema.org';
  '@type': 'Review';
  [key: string]: Json;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const iso = (value: unknown): string | undefined => {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** Plain text of Strapi blocks (paragraphs, headings, lists, quotes), one line per block. */
export const blocksToPlainText = (blocks: unknown): string => {
  if (!Array.isArray(blocks)) return '';
  const inline = (node: unknown): string => {
    if (!node || typeof node !== 'object') return '';
    const n = node as { type?: string; text?: unknown; children?: unknown[] };
    if (n.type === 'text') return typeof n.text === 'string' ? n.text : '';
    return Array.isArray(n.children) ? n.children.map(inline).join('') : '';
  };
  const lines: string[] = [];
  for (const block of blocks) {
    if (!block || typeof block !== 'object') continue;
    const b = block as { type?: string; children?: unknown[] };
    if (b.type === 'list' && Array.isArray(b.children)) {
      for (const item of b.children) lines.push(inline(item));
    } else if (b.type !== 'image' && b.type !== 'code') {
      lines.push(inline(b));
    }
  }
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n\n');
};

const person = (name: string): Json => ({ '@type': 'Person', name });

/** The review's author as a Person: `url` from the site's author URL pattern, `sameAs` from the author's links. */
const authorPerson = (name: string, author: StructuredDataInput['author'], page: StructuredDataPage): Json => {
  const data: { [key: string]: Json } = { '@type': 'Person', name };
  const slug = text(author?.slug);
  const pattern = text(page.authorUrlPattern);
  if (slug && pattern?.includes('{slug}')) data.url = pattern.split('{slug}').join(encodeURIComponent(slug));
  const sameAs = Array.isArray(author?.links)
    ? author.links.flatMap((l) => (typeof l?.url === 'string' && l.url.startsWith('https://') ? [l.url] : []))
    : [];
  if (sameAs.length) data.sameAs = sameAs;
  return data;
};

/** URLs of expanded stills (`{ image: { url } }`), as the public API returns them. */
const stillImages = (stills: unknown): string[] =>
  Array.isArray(stills)
    ? stills.flatMap((s) => {
        const url = (s as { image?: { url?: unknown } } | null)?.image?.url;
        return typeof url === 'string' ? [url] : [];
      })
    : [];

/**
 * The site around the review (from the settings, see site-urls.ts): the review page's
 * URL gives `url` and `mainEntityOfPage`; the site's name and logo the `publisher`
 * Organization; the author URL pattern the author Person's `url`. Each is left out while unset.
 */
export interface StructuredDataPage {
  url?: string | null;
  siteName?: string | null;
  siteLogoUrl?: string | null;
  /** e.g. `https://example.com/authors/{slug}`: the author Person's `url`. */
  authorUrlPattern?: string | null;
}

export const buildStructuredData = (
  review: StructuredDataInput,
  commentCount?: number,
  page: StructuredDataPage = {}
): StructuredData => {
  const movie: ShapedMovie = {
    title: review.movie?.title ?? review.movieTitle,
    originalTitle: review.movie?.originalTitle ?? review.movieOriginalTitle,
    year: review.movie?.year ?? review.movieYear,
    director: review.movie?.director ?? review.movieDirector,
    cast: (review.movie?.cast ?? review.movieCast) as CastMember[] | null | undefined,
    imdbId: review.movie?.imdbId ?? review.movieImdbId,
    runtimeMinutes: review.movie?.runtimeMinutes ?? review.movieRuntimeMinutes,
  };

  const itemReviewed: { [key: string]: Json } = { '@type': 'Movie', name: text(movie.title) ?? '' };
  const originalTitle = text(movie.originalTitle);
  if (originalTitle && originalTitle !== itemReviewed.name) itemReviewed.alternateName = originalTitle;
  if (typeof movie.year === 'number') itemReviewed.dateCreated = String(movie.year);
  const director = text(movie.director);
  if (director) itemReviewed.director = person(director);
  const actors = Array.isArray(movie.cast)
    ? movie.cast.flatMap((c) => (text(c?.actor) ? [person(text(c.actor) as string)] : []))
    : [];
  if (actors.length) itemReviewed.actor = actors;
  if (typeof movie.runtimeMinutes === 'number' && movie.runtimeMinutes > 0)
    itemReviewed.duration = `PT${movie.runtimeMinutes}M`;
  const imdbId = text(movie.imdbId);
  if (imdbId && /^tt\d{7,8}$/.test(imdbId)) itemReviewed.sameAs = `https://www.imdb.com/title/${imdbId}/`;
  const images = stillImages(review.stills);
  if (images.length) itemReviewed.image = images;

  const data: StructuredData = { '@context': 'https://schema.org', '@type': 'Review', itemReviewed };
  const name = text(review.title);
  if (name) data.name = name;
  const author = text(review.author?.name ?? review.authorName);
  if (author) data.author = authorPerson(author, review.author, page);
  const published = iso(review.publishedAt);
  if (published) data.datePublished = published;
  // Publishing copies the draft's timestamps, so a published row's updatedAt can predate its publishedAt.
  const modified = iso(review.updatedAt);
  if (modified) data.dateModified = published && published > modified ? published : modified;
  const rating =
    review.rating === null || review.rating === undefined || review.rating === '' ? NaN : Number(review.rating);
  if (Number.isFinite(rating)) {
    data.reviewRating = { '@type': 'Rating', ratingValue: rating, bestRating: 10, worstRating: 0 };
  }
  const body = blocksToPlainText(review.body);
  if (body) data.reviewBody = body;
  if (Array.isArray(review.tags)) {
    const tags = review.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    if (tags.length) data.keywords = tags.join(', ');
  }
  if (typeof commentCount === 'number') data.commentCount = commentCount;
  if (page.url) {
    data.url = page.url;
    data.mainEntityOfPage = { '@type': 'WebPage', '@id': page.url };
  }
  const siteName = text(page.siteName);
  if (siteName) {
    const publisher: { [key: string]: Json } = { '@type': 'Organization', name: siteName };
    if (page.siteLogoUrl) publisher.logo = { '@type': 'ImageObject', url: page.siteLogoUrl };
    data.publisher = publisher;
  }
  return data;
};
