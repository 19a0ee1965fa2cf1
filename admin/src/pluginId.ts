export const PLUGIN_ID = 'movie-reviews';
