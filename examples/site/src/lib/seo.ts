/**
 * Page meta and share links of a review. The API's `seo` and `share` (when the CMS
 * knows the site's public URL) win; otherwise they are built from the review and the
 * URL this page is served at.
 */
import type { ReviewDetail } from 'strapi-plugin-movie-reviews/client';
import { mediaUrl, siteOrigin } from './api';

export interface PageMeta {
  title: string;
  description: string;
  canonicalUrl: string;
  image: { url: string; alt: string; width: number | null; height: number | null } | null;
  type: 'article' | 'website' | 'profile';
}

export interface ShareLinks {
  facebook: string;
  x: string;
  whatsapp: string;
  pinterest: string;
  email: string;
  copy: string;
}

type ApiSeo = {
  title: string;
  description: string;
  canonicalUrl: string | null;
  image: { url: string; width: number | null; height: number | null; alt: string } | null;
};

type DetailWithSeo = ReviewDetail & { seo?: ApiSeo | null; share?: ShareLinks | null };

const clip = (text: string, max: number) =>
  text.length <= max
    ? text
    : `${text
        .slice(0, max - 1)
        .replace(/\s+\S*$/, '')
        .replace(/[\s.,;:!?]+$/, '')}…`;

export const reviewMeta = (review: ReviewDetail, pageUrl: URL): PageMeta => {
  const { seo } = review as DetailWithSeo;
  const still = review.stills[0];
  const fallbackImage = still
    ? { url: mediaUrl(still.image.url), alt: still.alt, width: still.image.width, height: still.image.height }
    : null;
  return {
    title: seo?.title ?? `${review.title} (${review.movie.title}, ${review.movie.year})`,
    description: seo?.description ?? clip(review.synopsis?.text ?? review.title, 160),
    canonicalUrl: seo?.canonicalUrl ?? `${siteOrigin(pageUrl)}${pageUrl.pathname}`,
    image: seo?.image ? { ...seo.image, url: mediaUrl(seo.image.url) } : fallbackImage,
    type: 'article',
  };
};

export const shareLinks = (review: ReviewDetail, meta: PageMeta): ShareLinks => {
  const { share } = review as DetailWithSeo;
  if (share) return share;
  const url = encodeURIComponent(meta.canonicalUrl);
  const text = encodeURIComponent(review.title);
  return {
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${url}`,
    x: `https://x.com/intent/post?url=${url}&text=${text}`,
    whatsapp: `https://wa.me/?text=${text}%20${url}`,
    pinterest: `https://pinterest.com/pin/create/button/?url=${url}&description=${text}${meta.image ? `&media=${encodeURIComponent(meta.image.url)}` : ''}`,
    email: `mailto:?subject=${text}&body=${url}`,
    copy: meta.canonicalUrl,
  };
};

/** JSON for a <script type="application/ld+json">: `<` escaped so the text can never close the script. */
export const jsonLd = (data: unknown): string => JSON.stringify(data).replace(/</g, '\\u003c');
