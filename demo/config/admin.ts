// Demo-only default secrets so the demo starts on a fresh clone. A real app sets every one of these.
export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'demo-admin-jwt-secret-movie-reviews') },
  apiToken: { salt: env('API_TOKEN_SALT', 'demo-api-token-salt-movie-reviews') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'demo-transfer-token-salt-movie-reviews') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'demo-encryption-key-movie-reviews') },
  serveAdminPanel: env.bool('SERVE_ADMIN', true),
  flags: { nps: false, promoteEE: false },
  autoOpen: false,
  // Content Manager → Preview: movie reviews open in the site's draft route with a signed,
  // expiring link built by the plugin (its `preview` config); other types have no preview.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: [new URL(env('SITE_URL', 'http://localhost:4321')).origin],
      async handler(uid: string, { documentId, status }: { documentId?: string; status?: 'draft' | 'published' }) {
        if (uid !== 'plugin::movie-reviews.movie-review' || !documentId) return null;
        return strapi
          .plugin('movie-reviews')
          .service('preview')
          .previewUrl(documentId, status ?? 'draft');
      },
    },
  },
});
