/**
 * The author as the site reads it. The API's author carries `slug` and `links`
 * (author pages); the avatar's alt text is `alt` (older answers: `alternativeText`).
 */
import type { PublicAuthor } from 'strapi-plugin-movie-reviews/client';

export interface SiteAuthor {
  name: string;
  slug: string | null;
  bio: string | null;
  avatar: { url: string; width: number | null; height: number | null; alt: string } | null;
  links: Array<{ label: string; url: string }>;
}

type AuthorAnswer = PublicAuthor & {
  slug?: string | null;
  links?: Array<{ label: string; url: string }> | null;
};

type AvatarAnswer = NonNullable<PublicAuthor['avatar']> & { alt?: string | null };

export const siteAuthor = (author: AuthorAnswer): SiteAuthor => {
  const avatar = author.avatar as AvatarAnswer | null;
  return {
    name: author.name,
    slug: author.slug ?? null,
    bio: author.bio,
    avatar: avatar
      ? {
          url: avatar.url,
          width: avatar.width,
          height: avatar.height,
          alt: avatar.alt ?? avatar.alternativeText ?? `Portrait of ${author.name}`,
        }
      : null,
    links: (author.links ?? []).filter((l) => /^https?:\/\//.test(l.url)),
  };
};
