// Demo-only default secrets so the demo starts on a fresh clone. A real app sets every one of these.
export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'demo-admin-jwt-secret-movie-reviews') },
  apiToken: { salt: env('API_TOKEN_SALT', 'demo-api-token-salt-movie-reviews') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'demo-transfer-token-salt-movie-reviews') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'demo-encryption-key-movie-reviews') },
  serveAdminPanel: env.bool('SERVE_ADMIN', true),
  flags: { nps: false, promoteEE: false },
  autoOpen: false,
});
