/**
 * Compiled (not run) by tests/api/types.test.ts when `schema-dts` is installed: the
 * review's JSON-LD type (what GET /reviews/:slug answers as `structuredData`) must be
 * a valid schema.org `Review` as schema-dts types it, and so must the shapes the
 * optional properties take once the site settings are filled in.
 */
import type { Movie, Organization, Review, WithContext } from 'schema-dts';
import type { ReviewStructuredData } from '../../types';

export const asReview = (ld: ReviewStructuredData): WithContext<Review> => ld;
export const movieOf = (ld: ReviewStructuredData): Movie => ld.itemReviewed;
export const publisherOf = (ld: ReviewStructuredData): Organization | undefined => ld.publisher;

/** A full example (every optional property set) also passes as a schema-dts Review. */
export const full: WithContext<Review> = {
  '@context': 'https://schema.org',
  '@type': 'Review',
  name: 'A review',
  itemReviewed: {
    '@type': 'Movie',
    name: 'A film',
    dateCreated: '2013',
    director: { '@type': 'Person', name: 'A director' },
    image: ['https://media.example.org/uploads/a.jpg'],
  },
  reviewRating: { '@type': 'Rating', ratingValue: 9, bestRating: 10, worstRating: 0 },
  author: { '@type': 'Person', name: 'An author' },
  datePublished: '2026-01-01T00:00:00.000Z',
  dateModified: '2026-01-02T00:00:00.000Z',
  commentCount: 2,
  url: 'https://films.example.org/reviews/a-review',
  mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://films.example.org/reviews/a-review' },
  publisher: {
    '@type': 'Organization',
    name: 'Films Example',
    logo: { '@type': 'ImageObject', url: 'https://films.example.org/logo.png' },
  },
} satisfies ReviewStructuredData;
