/**
 * The naive baseline of the benchmark: the controller a Strapi user typically writes by hand.
 * `strapi.documents().findMany/findFirst` populating the author (and its avatar), then one file lookup per still
 * and the same output fields as the plugin's public API (movie/author objects, expanded stills,
 * song with an embed URL, comment count and JSON-LD on the detail). Deliberately ordinary code,
 * not a strawman: it filters on published documents and selects nothing it does not return.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

const REVIEW = 'plugin::movie-reviews.movie-review';
const COMMENT = 'plugin::movie-reviews.comment';

interface StoredStill {
  file: number;
  caption?: string | null;
  alt: string;
}
interface FileEntity {
  id: number;
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
  formats: Record<string, { url: string; width: number | null; height: number | null; mime: string }> | null;
}
interface ReviewDocument {
  documentId: string;
  title: string;
  slug: string;
  movieTitle: string;
  movieOriginalTitle: string | null;
  movieYear: number;
  movieDirector: string | null;
  movieCast: Array<{ actor: string; character?: string }> | null;
  movieImdbId: string | null;
  movieRuntimeMinutes: number | null;
  synopsis: unknown;
  body: unknown;
  stills: StoredStill[] | null;
  filmingLocations: string[] | null;
  song: {
    url: string;
    provider: string;
    title?: string | null;
    artist?: string | null;
    startAt?: number | null;
  } | null;
  rating: number | string | null;
  author: {
    name: string;
    slug: string;
    bio: string | null;
    links: Array<{ label: string; url: string }> | null;
    avatar?: FileEntity | null;
  } | null;
  tags: string[] | null;
  commentsEnabled: boolean;
  publishedAt: string;
  createdAt: string;
  updatedAt: string;
}

const image = (file: FileEntity) => ({
  url: file.url,
  width: file.width,
  height: file.height,
  mime: file.mime,
  formats: file.formats
    ? Object.fromEntries(
        Object.entries(file.formats).map(([k, f]) => [
          k,
          { url: f.url, width: f.width, height: f.height, mime: f.mime },
        ])
      )
    : null,
});

const embedUrl = (song: NonNullable<ReviewDocument['song']>): string | null => {
  try {
    const url = new URL(song.url);
    if (song.provider === 'youtube') {
      const id = url.hostname === 'youtu.be' ? url.pathname.slice(1) : url.searchParams.get('v');
      return id ? `https://www.youtube-nocookie.com/embed/${id}` : null;
    }
    if (song.provider === 'vimeo') return `https://player.vimeo.com/video${url.pathname}`;
    if (song.provider === 'spotify') return `https://open.spotify.com/embed${url.pathname}`;
    return null;
  } catch {
    return null;
  }
};

const stillsOf = async (strapi: Core.Strapi, review: ReviewDocument) => {
  const out = [];
  for (const still of review.stills ?? []) {
    const file = (await strapi.db
      .query('plugin::upload.file')
      .findOne({ where: { id: still.file } })) as FileEntity | null;
    if (file) out.push({ caption: still.caption ?? null, alt: still.alt, image: image(file) });
  }
  return out;
};

const summary = async (strapi: Core.Strapi, r: ReviewDocument) => ({
  documentId: r.documentId,
  slug: r.slug,
  title: r.title,
  movie: {
    title: r.movieTitle,
    originalTitle: r.movieOriginalTitle,
    year: r.movieYear,
    director: r.movieDirector,
    cast: r.movieCast ?? [],
    imdbId: r.movieImdbId,
    runtimeMinutes: r.movieRuntimeMinutes,
  },
  synopsis: r.synopsis,
  stills: await stillsOf(strapi, r),
  filmingLocations: r.filmingLocations ?? [],
  song: r.song ? { ...r.song, embedUrl: embedUrl(r.song) } : null,
  rating: r.rating === null ? null : Number(r.rating),
  author: r.author
    ? {
        name: r.author.name,
        slug: r.author.slug,
        bio: r.author.bio,
        avatar: r.author.avatar ? image(r.author.avatar) : null,
        links: r.author.links ?? [],
      }
    : null,
  tags: r.tags ?? [],
  commentsEnabled: r.commentsEnabled,
  publishedAt: r.publishedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const intParam = (value: unknown, fallback: number, min: number, max: number) => {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const page = intParam(ctx.query.page, 1, 1, 1_000_000);
    const pageSize = intParam(ctx.query.pageSize, 10, 1, 100);
    if (page === null || pageSize === null)
      return ctx.badRequest('page and pageSize must be integers (pageSize 1-100)');
    const reviews = (await strapi.documents(REVIEW).findMany({
      status: 'published',
      populate: { author: { populate: ['avatar'] } },
      sort: 'publishedAt:desc',
      start: (page - 1) * pageSize,
      limit: pageSize,
    })) as unknown as ReviewDocument[];
    const total = await strapi.documents(REVIEW).count({ status: 'published' });
    const data = [];
    for (const review of reviews) data.push(await summary(strapi, review));
    ctx.body = { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
  },

  async findOne(ctx: Context) {
    const review = (await strapi.documents(REVIEW).findFirst({
      filters: { slug: ctx.params.slug },
      status: 'published',
      populate: { author: { populate: ['avatar'] } },
    })) as unknown as ReviewDocument | null;
    if (!review) return ctx.notFound('review not found');
    const commentCount = await strapi.documents(COMMENT).count({
      filters: { reviewDocumentId: review.documentId, moderationStatus: 'approved' },
    });
    const shaped = await summary(strapi, review);
    ctx.body = {
      data: {
        ...shaped,
        body: review.body,
        commentCount,
        structuredData: {
          '@context': 'https://schema.org',
          '@type': 'Review',
          name: review.title,
          datePublished: review.publishedAt,
          author: review.author
            ? {
                '@type': 'Person',
                name: review.author.name,
                sameAs: (review.author.links ?? []).map((l) => l.url),
              }
            : undefined,
          reviewRating:
            review.rating === null
              ? undefined
              : { '@type': 'Rating', ratingValue: Number(review.rating), bestRating: 10, worstRating: 0 },
          itemReviewed: {
            '@type': 'Movie',
            name: review.movieTitle,
            dateCreated: String(review.movieYear),
            director: review.movieDirector ? { '@type': 'Person', name: review.movieDirector } : undefined,
            image: shaped.stills[0]?.image.url,
          },
        },
      },
    };
  },
});
