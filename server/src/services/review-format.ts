/**
 * The public shapes of a review, built from its stored (flat) row. Everything the
 * public API returns about a review goes through here: the REST controller, the
 * GraphQL resolvers and the exported `strapi-plugin-movie-reviews/types`
 * (checked against these interfaces by tests/api/types.test.ts).
 */
import type { PublicImage, PublicSong, PublicStill, StillFile } from '../custom-fields/read';
import { toPublicSong } from '../custom-fields/read';
import type { SongProvider } from '../custom-fields/song-providers';
import { buildStructuredData } from './structured-data';
import { buildSeo, buildShareLinks, type ReviewSeo, type ShareLinks } from './seo';
import { absoluteMediaUrl, EMPTY_SITE, reviewPageUrl, type SiteContext } from './site-urls';

export type { ReviewSeo, ShareLinks, SiteContext };
import { storedAuthorLinks, type AuthorLink } from '../custom-fields/author-links';

export type { PublicImage, PublicSong, PublicStill };

export interface PublicCastMember {
  actor: string;
  character: string | null;
}

export interface PublicMovie {
  title: string;
  originalTitle: string | null;
  year: number;
  director: string | null;
  cast: PublicCastMember[];
  imdbId: string | null;
  runtimeMinutes: number | null;
}

export interface PublicSynopsis {
  text: string;
  source: string | null;
  sourceUrl: string | null;
}

export interface PublicAvatar extends PublicImage {
  alternativeText: string | null;
}

export type PublicAuthorLink = AuthorLink;

/** The author of a review (`plugin::movie-reviews.author`), as shown with it and on the author page. */
export interface PublicAuthor {
  name: string;
  slug: string;
  bio: string | null;
  avatar: PublicAvatar | null;
  links: PublicAuthorLink[];
}

/** A review in lists: everything but the body. */
export interface ReviewSummary {
  documentId: string;
  slug: string;
  title: string;
  movie: PublicMovie;
  synopsis: PublicSynopsis | null;
  stills: PublicStill[];
  filmingLocations: string[];
  song: PublicSong | null;
  rating: number | null;
  /** null only for a review with no author (none picked). */
  author: PublicAuthor | null;
  tags: string[];
  commentsEnabled: boolean;
  publishedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** schema.org `Review` JSON-LD for the review page's `<script type="application/ld+json">`. */
export interface ReviewStructuredData {
  '@context': 'https://schema.org';
  '@type': 'Review';
  name: string;
  itemReviewed: {
    '@type': 'Movie';
    name: string;
    alternateName?: string;
    dateCreated: string;
    director?: { '@type': 'Person'; name: string };
    actor?: Array<{ '@type': 'Person'; name: string }>;
    duration?: string;
    sameAs?: string;
    image?: string[];
  };
  reviewRating?: { '@type': 'Rating'; ratingValue: number; bestRating: 10; worstRating: 0 };
  author?: { '@type': 'Person'; name: string; url?: string; sameAs?: string[] };
  datePublished: string;
  dateModified: string;
  reviewBody?: string;
  keywords?: string;
  commentCount: number;
  /** The review page (settings `reviewUrlPattern`, else `siteUrl` + `/reviews/{slug}`); absent while unset. */
  url?: string;
  mainEntityOfPage?: { '@type': 'WebPage'; '@id': string };
  /** The site (settings `siteName`, `siteLogoUrl`); absent while the site name is unset. */
  publisher?: { '@type': 'Organization'; name: string; logo?: { '@type': 'ImageObject'; url: string } };
}

/** Strapi blocks, as stored (see Strapi's Blocks renderer for sites). */
export type BlocksContent = Array<Record<string, unknown>>;

/** One review with everything expanded. */
export interface ReviewDetail extends ReviewSummary {
  body: BlocksContent;
  commentCount: number;
  structuredData: ReviewStructuredData;
  /** Head tags of the review page (title, description, canonical link, Open Graph, Twitter card). */
  seo: ReviewSeo;
  /** Share links built from the canonical URL; null while the site's addresses are not set. */
  share: ShareLinks | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** A stored media file as selected for the avatar. */
export interface FileRow {
  id: number;
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
  alternativeText?: string | null;
  formats: Record<string, { url: string; width?: number | null; height?: number | null; mime: string }> | null;
}

/** An author row as populated with a review (or read for the author page). */
export interface AuthorRow {
  id: number;
  documentId: string;
  name: string;
  slug: string | null;
  bio: string | null;
  links: unknown;
  updatedAt?: Date | string;
  avatar?: FileRow | null;
}

/** The stored, flat columns of a review row read by the public API. */
export interface ReviewRow {
  id: number;
  documentId: string;
  slug: string;
  title: string;
  movieTitle: string;
  movieOriginalTitle: string | null;
  movieYear: number;
  movieDirector: string | null;
  movieCast: unknown;
  movieImdbId: string | null;
  movieRuntimeMinutes: number | null;
  synopsis: unknown;
  stills: unknown;
  filmingLocations: unknown;
  song: unknown;
  rating: number | string | null;
  author?: AuthorRow | null;
  tags: unknown;
  commentsEnabled: boolean | null;
  publishedAt: Date | string;
  createdAt: Date | string;
  updatedAt: Date | string;
  body?: unknown;
  seoTitle?: string | null;
  seoDescription?: string | null;
}

/**
 * Parts of a detail already read with its row (services/review-version.ts `read`), so
 * building the detail does not read them again.
 */
export interface DetailParts {
  /** The visible comment count, when every approved comment is visible. */
  visibleComments?: number;
  /** The files of its stills (PostgreSQL). */
  stillFiles?: readonly StillFile[];
}

/** Columns selected for summaries (no body: it can be large and lists do not show it). */
export const SUMMARY_COLUMNS = [
  'id',
  'documentId',
  'slug',
  'title',
  'movieTitle',
  'movieOriginalTitle',
  'movieYear',
  'movieDirector',
  'movieCast',
  'movieImdbId',
  'movieRuntimeMinutes',
  'synopsis',
  'stills',
  'filmingLocations',
  'song',
  'rating',
  'tags',
  'commentsEnabled',
  'publishedAt',
  'createdAt',
  'updatedAt',
] as const;

export const DETAIL_COLUMNS = [...SUMMARY_COLUMNS, 'body', 'seoTitle', 'seoDescription'] as const;

const FILE_SELECT = ['id', 'url', 'width', 'height', 'mime', 'formats', 'alternativeText'] as const;

/** Columns of an author read for the public API. */
export const AUTHOR_COLUMNS = ['id', 'documentId', 'name', 'slug', 'bio', 'links', 'updatedAt'] as const;

/** The author's avatar, populated with an author row. */
export const AUTHOR_AVATAR_POPULATE = { avatar: { select: [...FILE_SELECT] } } as const;

/** What a review read populates: its author and the author's avatar (a constant number of queries per page). */
export const AUTHOR_POPULATE = {
  author: { select: [...AUTHOR_COLUMNS], populate: AUTHOR_AVATAR_POPULATE },
} as const;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `Date#toISOString()`'s own form (what the query engine and utils/row-reader.ts return for datetimes). */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const iso = (v: Date | string | null | undefined): string => {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') {
    if (CANONICAL_ISO.test(v)) return v;
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d.toISOString();
  }
  return '';
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const toCast = (value: unknown): PublicCastMember[] =>
  Array.isArray(value)
    ? value
        .filter(isRecord)
        .flatMap((m) =>
          typeof m.actor === 'string' && m.actor ? [{ actor: m.actor, character: str(m.character) }] : []
        )
    : [];

const toSynopsis = (value: unknown): PublicSynopsis | null =>
  isRecord(value) && typeof value.text === 'string' && value.text !== ''
    ? { text: value.text, source: str(value.source), sourceUrl: str(value.sourceUrl) }
    : null;

const toStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];

export const toPublicAvatar = (
  file: FileRow | null | undefined,
  mediaBase: string | null = null
): PublicAvatar | null => {
  if (!file || typeof file.url !== 'string' || !file.mime?.startsWith('image/')) return null;
  return {
    url: absoluteMediaUrl(file.url, mediaBase),
    width: int(file.width),
    height: int(file.height),
    mime: file.mime,
    formats: isRecord(file.formats)
      ? Object.fromEntries(
          Object.entries(file.formats).map(([name, f]) => [
            name,
            { url: absoluteMediaUrl(f.url, mediaBase), width: int(f.width), height: int(f.height), mime: f.mime },
          ])
        )
      : null,
    alternativeText: str(file.alternativeText),
  };
};

/** The public author, or null when the review has none. */
export const toPublicAuthor = (
  author: AuthorRow | null | undefined,
  mediaBase: string | null = null
): PublicAuthor | null =>
  author && typeof author.name === 'string'
    ? {
        name: author.name,
        slug: author.slug ?? '',
        bio: str(author.bio),
        avatar: toPublicAvatar(author.avatar, mediaBase),
        links: storedAuthorLinks(author.links),
      }
    : null;

/**
 * The public author of an author row, built once per row object and base: the rows of a
 * page share one object per author (review-authors.ts `authorsOfRows`), so a page of 100
 * reviews by a few authors builds a few public authors. Rows are never changed once read.
 */
const publicAuthors = new WeakMap<AuthorRow, { mediaBase: string | null; author: PublicAuthor | null }>();
const publicAuthorOf = (author: AuthorRow | null | undefined, mediaBase: string | null): PublicAuthor | null => {
  if (!author) return null;
  const known = publicAuthors.get(author);
  if (known && known.mediaBase === mediaBase) return known.author;
  const built = toPublicAuthor(author, mediaBase);
  publicAuthors.set(author, { mediaBase, author: built });
  return built;
};

const toRating = (value: number | string | null): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** An image with its URL and its formats' URLs made absolute (see site-urls.ts). */
const withAbsoluteUrls = (image: PublicImage, mediaBase: string | null): PublicImage =>
  mediaBase
    ? {
        ...image,
        url: absoluteMediaUrl(image.url, mediaBase),
        formats: image.formats
          ? Object.fromEntries(
              Object.entries(image.formats).map(([name, f]) => [
                name,
                { ...f, url: absoluteMediaUrl(f.url, mediaBase) },
              ])
            )
          : null,
      }
    : image;

/**
 * A review without its body; `stills` comes from `expandStillsBatch` (one query per page).
 * `site` gives the base of relative media URLs (site-urls.ts).
 */
export const toSummary = (
  row: ReviewRow,
  stills: PublicStill[],
  providers?: readonly SongProvider[],
  site: SiteContext = EMPTY_SITE
): ReviewSummary => ({
  documentId: row.documentId,
  slug: row.slug,
  title: row.title,
  movie: {
    title: row.movieTitle,
    originalTitle: str(row.movieOriginalTitle),
    year: row.movieYear,
    director: str(row.movieDirector),
    cast: toCast(row.movieCast),
    imdbId: str(row.movieImdbId),
    runtimeMinutes: int(row.movieRuntimeMinutes),
  },
  synopsis: toSynopsis(row.synopsis),
  stills: site.mediaBase
    ? stills.map((still) => ({ ...still, image: withAbsoluteUrls(still.image, site.mediaBase) }))
    : stills,
  filmingLocations: toStrings(row.filmingLocations),
  song: toPublicSong(row.song, providers),
  rating: toRating(row.rating),
  author: publicAuthorOf(row.author, site.mediaBase),
  tags: toStrings(row.tags),
  commentsEnabled: row.commentsEnabled !== false,
  publishedAt: iso(row.publishedAt),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

/**
 * The JSON-LD of a published review, from the same builder the admin's preview uses.
 * A published review always has the title, author and dates the type requires.
 */
export const toStructuredData = (
  review: ReviewSummary,
  body: BlocksContent,
  commentCount: number,
  site: SiteContext = EMPTY_SITE
): ReviewStructuredData =>
  // The generic JSON-LD builder returns a plain record; the review's own shape is the narrower published type.
  buildStructuredData({ ...review, body }, commentCount, {
    url: reviewPageUrl(review.slug, site),
    siteName: site.siteName,
    siteLogoUrl: site.siteLogoUrl,
    authorUrlPattern: site.authorUrlPattern,
  }) as unknown as ReviewStructuredData;

const toBlocks = (value: unknown): BlocksContent => (Array.isArray(value) ? value.filter(isRecord) : []);

export const toDetail = (
  row: ReviewRow,
  stills: PublicStill[],
  commentCount: number,
  providers?: readonly SongProvider[],
  site: SiteContext = EMPTY_SITE
): ReviewDetail => {
  const summary = toSummary(row, stills, providers, site);
  const body = toBlocks(row.body);
  const structuredData = toStructuredData(summary, body, commentCount, site);
  const seo = buildSeo(
    { ...summary, body, seoTitle: str(row.seoTitle), seoDescription: str(row.seoDescription) },
    reviewPageUrl(summary.slug, site),
    site.siteName,
    structuredData.dateModified
  );
  return { ...summary, body, commentCount, structuredData, seo, share: buildShareLinks(seo) };
};
