/**
 * Response types of the public API of strapi-plugin-movie-reviews, for sites:
 *
 *   import type { ReviewListResponse, ReviewResponse } from 'strapi-plugin-movie-reviews/types';
 *
 * Standalone (no Strapi types needed). tests/api/types.test.ts checks that these
 * are identical to the types the plugin's server builds its responses with.
 */

export type SongProvider = 'youtube' | 'spotify' | 'soundcloud' | 'apple-music' | 'vimeo';

export interface PublicImageFormat {
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
}

export interface PublicImage {
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
  /** Resized versions keyed by name (thumbnail, small, medium, large...). GraphQL lists them with a `name`. */
  formats: Record<string, PublicImageFormat> | null;
}

export interface PublicStill {
  caption: string | null;
  alt: string;
  image: PublicImage;
}

export interface PublicSong {
  url: string;
  provider: SongProvider;
  /** https URL on the provider's own embed host; put it in an <iframe src>. */
  embedUrl: string;
  title: string | null;
  artist: string | null;
  startAt: number | null;
}

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

/** A link of an author (website, social profile): always https. */
export interface PublicAuthorLink {
  label: string;
  url: string;
}

/** The author of a review (an Author entry), with each review and on GET /authors/:slug. */
export interface PublicAuthor {
  name: string;
  slug: string;
  bio: string | null;
  avatar: PublicAvatar | null;
  links: PublicAuthorLink[];
}

/** A review in lists: everything but the body. Dates are ISO 8601 strings. */
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

/** schema.org `Review` JSON-LD: serialise it into <script type="application/ld+json">. */
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
  /** `url` when the site's authorUrlPattern is set; `sameAs`: the author's links. */
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

/** An image for head tags and share cards (the review's first still; absolute URL when the site's media base is known). */
export interface SeoImage {
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
}

/** What a site puts in the review page's `<head>`. */
export interface ReviewSeo {
  /** The editor's SEO title, else the review title. */
  title: string;
  /** The editor's SEO description, else the synopsis (or body) as plain text: at most 160 characters, cut at a word with "…". */
  description: string;
  /** The review page; null while neither `reviewUrlPattern` nor `siteUrl` is set. */
  canonicalUrl: string | null;
  image: SeoImage | null;
  openGraph: {
    type: 'article';
    title: string;
    description: string;
    url: string | null;
    siteName: string | null;
    image: SeoImage | null;
    publishedTime: string;
    modifiedTime: string;
    tags: string[];
  };
  twitter: {
    card: 'summary_large_image' | 'summary';
    title: string;
    description: string;
    image: string | null;
    imageAlt: string | null;
  };
}

/** Share links built from the canonical URL, every parameter percent-encoded. */
export interface ShareLinks {
  facebook: string;
  x: string;
  whatsapp: string;
  /** With the first still as `media` when there is one. */
  pinterest: string;
  /** `mailto:` with subject (title) and body (description and link). */
  email: string;
  /** The canonical URL itself. */
  copy: string;
}

/** Strapi blocks (render with @strapi/blocks-react-renderer or your own renderer). */
export type BlocksContent = Array<Record<string, unknown>>;

export interface ReviewDetail extends ReviewSummary {
  body: BlocksContent;
  commentCount: number;
  structuredData: ReviewStructuredData;
  seo: ReviewSeo;
  /** Null while the site's addresses (settings `reviewUrlPattern` / `siteUrl`) are not set. */
  share: ShareLinks | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface PublicComment {
  documentId: string;
  authorName: string;
  /** Plain text: render it as text, never as HTML. */
  content: string;
  createdAt: string;
  isEditor: boolean;
  replies: PublicComment[];
}

export interface CreatedComment extends PublicComment {
  status: 'pending' | 'approved';
}

/** GET /api/movie-reviews/reviews */
export interface ReviewListResponse {
  data: ReviewSummary[];
  meta: { pagination: Pagination };
}

/** GET /api/movie-reviews/reviews/:slug */
export interface ReviewResponse {
  data: ReviewDetail;
  meta: Record<string, never>;
}

/** GET /api/movie-reviews/reviews/:slug/comments */
export interface CommentListResponse {
  data: PublicComment[];
  meta: { pagination: Pagination };
}

/** Body of POST /api/movie-reviews/reviews/:slug/comments (any other key is a 400). */
export interface CommentInput {
  authorName: string;
  authorEmail: string;
  content: string;
  /** documentId of an approved comment of the same review */
  parent?: string | null;
  /** Honeypot: render it hidden and leave it empty. */
  website?: string | null;
}

/** 201 answer of POST /api/movie-reviews/reviews/:slug/comments */
export interface CreateCommentResponse {
  data: CreatedComment;
  meta: Record<string, never>;
}

/** Every error, REST: { data: null, error: {...} } */
export interface ErrorResponse {
  data: null;
  error: {
    status: number;
    name: string;
    message: string;
    details: {
      errors?: Array<{ path: string[]; message: string; name: string }>;
      retryAfter?: number;
      [key: string]: unknown;
    };
  };
}

/** Sort keys of GET /reviews (append :asc or :desc). */
export type ReviewSortKey = 'publishedAt' | 'title' | 'rating' | 'movie.year';

// ---------------------------------------------------------------------------
// Author page, related reviews, comment reports and the editor's preview: the
// answers the typed client (`strapi-plugin-movie-reviews/client`) reads.
// ---------------------------------------------------------------------------

/** GET /api/movie-reviews/authors/:slug?page=&pageSize= */
export interface AuthorPageResponse {
  data: { author: PublicAuthor; reviews: ReviewSummary[] };
  meta: { pagination: Pagination };
}

/** GET /api/movie-reviews/reviews/:slug/related?limit=1..12 (default 4) */
export interface RelatedReviewsResponse {
  data: ReviewSummary[];
}

/** Why a reader reports a comment. */
export type CommentReportReason = 'spam' | 'abuse' | 'off-topic' | 'spoiler' | 'other';

/** Body of POST /api/movie-reviews/reviews/:slug/comments/:documentId/report */
export interface CommentReportInput {
  reason: CommentReportReason;
  /** Up to 500 characters. */
  note?: string;
}

/** 201 (first report) or 200 (a repeat from the same reader) of the report route. */
export interface CommentReportResponse {
  data: { comment: string; reported: true };
}

/** Which version of a review the editor previews. */
export type PreviewStatus = 'draft' | 'published';

/**
 * GET /api/movie-reviews/preview/:documentId?status=&token= (signed, expiring token):
 * one version of a review, draft included, in the detail shape.
 */
export interface PreviewReviewResponse {
  /** `publishedAt` is null for a draft that was never published. */
  data: Omit<ReviewDetail, 'publishedAt'> & { publishedAt: string | null };
  meta: { status: PreviewStatus };
}

/**
 * Stored values of the plugin's custom fields, as Strapi's own API returns them
 * for a host app's content types (the Movie Review's public API shapes are above).
 */
export interface CastFieldRow {
  actor: string;
  character: string | null;
}
export type CastFieldValue = CastFieldRow[] | null;
/** `plugin::movie-reviews.tags` and `plugin::movie-reviews.locations`. */
export type StringListFieldValue = string[] | null;
/** What the admin route `GET /movie-reviews/tags/suggest` answers. */
export interface TagSuggestionsResponse {
  data: Array<{ tag: string; count: number }>;
}
