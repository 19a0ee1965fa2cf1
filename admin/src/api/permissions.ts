/** The plugin's RBAC actions (registered by server/src/rbac.ts). */
export const PERMISSIONS = {
  moderate: [{ action: 'plugin::movie-reviews.moderate', subject: null }],
  settings: [{ action: 'plugin::movie-reviews.settings', subject: null }],
  import: [{ action: 'plugin::movie-reviews.import', subject: null }],
};

export const REVIEW_UID = 'plugin::movie-reviews.movie-review';

/** In-app paths (the admin router's basename is /admin). */
export const QUEUE_PATH = '/plugins/movie-reviews';
export const reviewEditPath = (documentId: string) => `/content-manager/collection-types/${REVIEW_UID}/${documentId}`;
