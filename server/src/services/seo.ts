/**
 * `seo` and `share` of a review detail: what a site puts in its `<head>` (title,
 * description, canonical link, Open Graph and Twitter-card tags) and its share
 * buttons. Pure: built from the public detail and the site's addresses.
 *
 * - title: the editor's `seoTitle`, else the review title;
 * - description: the editor's `seoDescription`, else the synopsis, else the body as
 *   plain text, cut to at most 160 characters at a word boundary, with "…" when cut;
 * - canonicalUrl: see site-urls.ts (`reviewPageUrl`); null when the site's
 *   addresses are not set, and then `share` is null too (nothing to share);
 * - image: the first still (absolute URL when the site's media base is known).
 */
import type { PublicStill } from '../custom-fields/read';
import { blocksToPlainText } from './structured-data';

export const SEO_DESCRIPTION_MAX = 160;
export const SEO_TITLE_MAX = 70;

export interface SeoImage {
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
}

export interface ReviewSeo {
  title: string;
  description: string;
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

export interface ShareLinks {
  facebook: string;
  x: string;
  whatsapp: string;
  pinterest: string;
  email: string;
  copy: string;
}

/** Text without markup or control characters, whitespace collapsed to single spaces. */
export const toPlainLine = (text: string): string =>
  text
    .replace(/<[^>]*>/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const ELLIPSIS = '…';

/**
 * `text` as one plain line of at most `max` characters (code points). When it is
 * longer, it is cut at the last space that leaves room for "…", trailing
 * punctuation is dropped and "…" added: a word is never cut in two. A first word
 * longer than `max` alone is the one case cut inside a word.
 */
export const truncateAtWord = (text: string, max = SEO_DESCRIPTION_MAX): string => {
  const line = toPlainLine(text);
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  const room = chars.slice(0, max - ELLIPSIS.length + 1);
  // The last space inside the room: everything before it is whole words.
  let cut = -1;
  for (let i = room.length - 1; i > 0; i -= 1) {
    if (room[i] === ' ') {
      cut = i;
      break;
    }
  }
  const head = cut > 0 ? room.slice(0, cut).join('') : room.slice(0, max - ELLIPSIS.length).join('');
  return `${head.replace(/[\s,;:.\-–—]+$/u, '')}${ELLIPSIS}`;
};

export interface SeoInput {
  title: string;
  seoTitle: string | null;
  seoDescription: string | null;
  synopsis: { text: string } | null;
  body: unknown;
  stills: PublicStill[];
  tags: string[];
  publishedAt: string;
  updatedAt: string;
}

export const buildSeo = (
  review: SeoInput,
  canonicalUrl: string | null,
  siteName: string | null,
  modifiedTime: string
): ReviewSeo => {
  const title = review.seoTitle ? toPlainLine(review.seoTitle) : toPlainLine(review.title);
  const source = review.seoDescription || review.synopsis?.text || blocksToPlainText(review.body);
  const description = truncateAtWord(source);
  const still = review.stills[0];
  const image: SeoImage | null = still
    ? { url: still.image.url, width: still.image.width, height: still.image.height, alt: still.alt }
    : null;
  return {
    title,
    description,
    canonicalUrl,
    image,
    openGraph: {
      type: 'article',
      title,
      description,
      url: canonicalUrl,
      siteName,
      image,
      publishedTime: review.publishedAt,
      modifiedTime,
      tags: review.tags,
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title,
      description,
      image: image?.url ?? null,
      imageAlt: image?.alt ?? null,
    },
  };
};

/** RFC 3986 percent-encoding: `encodeURIComponent` plus ! ' ( ) *, so a link is safe in any quoted attribute. */
const q = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Share links built from the canonical URL; every value is percent-encoded with
 * RFC 3986 rules (spaces as %20, which `mailto:` needs; `&`, `#`, `?`, quotes,
 * apostrophes and non-ASCII characters escaped).
 */
export const buildShareLinks = (seo: ReviewSeo): ShareLinks | null => {
  const url = seo.canonicalUrl;
  if (!url) return null;
  const pinterest = [`url=${q(url)}`];
  if (seo.image) pinterest.push(`media=${q(seo.image.url)}`);
  pinterest.push(`description=${q(seo.title)}`);
  return {
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${q(url)}`,
    x: `https://x.com/intent/post?url=${q(url)}&text=${q(seo.title)}`,
    whatsapp: `https://wa.me/?text=${q(`${seo.title} ${url}`)}`,
    pinterest: `https://www.pinterest.com/pin/create/button/?${pinterest.join('&')}`,
    email: `mailto:?subject=${q(seo.title)}&body=${q(`${seo.description}\n\n${url}`)}`,
    copy: url,
  };
};
