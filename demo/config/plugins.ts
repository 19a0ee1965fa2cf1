import fs from 'fs';
import path from 'path';

/**
 * This repository's root (the plugin), as an absolute path: Strapi resolves a
 * relative `resolve` from its own package folder first, where '..' means
 * something else. Searched upwards because this file runs from two depths:
 * compiled in dist/config/ by the server, and as source in config/ by
 * `strapi build`, which bundles the plugin's admin only when the path is right.
 */
const findPluginRoot = (from: string): string => {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'strapi-plugin-movie-reviews')
      return dir;
  }
  throw new Error(`strapi-plugin-movie-reviews not found above ${from}`);
};
const pluginRoot = findPluginRoot(__dirname);

export default ({ env }) => ({
  // The one line a host app adds (here with `resolve`, because the plugin is this repository).
  'movie-reviews': {
    enabled: true,
    resolve: pluginRoot,
    config: {
      grantPublicPermissions: env.bool('MOVIE_REVIEWS_GRANT_PUBLIC', true),
      comments: {
        autoApprove: env.bool('MOVIE_REVIEWS_AUTO_APPROVE', false),
      },
      rateLimit: { points: env.int('MOVIE_REVIEWS_RATE_LIMIT', 5), duration: 60 },
      redis: env('MOVIE_REVIEWS_REDIS_URL', null),
      // The editor's Preview (see config/admin.ts): the secret is shared with the site (examples/site),
      // which checks the signed link and asks GET /api/movie-reviews/preview/:documentId for the draft.
      // Demo-only default secret; a real app sets PREVIEW_SECRET.
      preview: {
        secret: env('PREVIEW_SECRET', 'demo-preview-secret-movie-reviews'),
        url: `${env('SITE_URL', 'http://localhost:4321').replace(/\/+$/, '')}/preview/{documentId}?status={status}`,
        ttlSeconds: env.int('PREVIEW_TTL_SECONDS', 3600),
      },
      // Tests serve export images from 127.0.0.1; a real site keeps this false.
      import: { allowPrivateImageHosts: env.bool('MOVIE_REVIEWS_IMPORT_ALLOW_PRIVATE_HOSTS', false) },
    },
  },
  'users-permissions': {
    // Demo-only default; set JWT_SECRET in any real deployment.
    config: { jwtSecret: env('JWT_SECRET', 'demo-users-permissions-jwt-secret') },
  },
  graphql: {
    enabled: true,
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
      defaultLimit: 10,
      maxLimit: env.int('GRAPHQL_MAX_LIMIT', 100),
      landingPage: env('NODE_ENV', 'development') !== 'production',
      // Error answers never carry stack traces (extensions.stacktrace holds server file paths).
      // GRAPHQL_STACKTRACES=true shows them, as Apollo does by default in development; a test
      // uses it to check that the plugin's own errors still carry no file path.
      apolloServer: {
        introspection: true,
        includeStacktraceInErrorResponses: env.bool('GRAPHQL_STACKTRACES', false),
      },
    },
  },
});
