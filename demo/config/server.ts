export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Strapi 5 reads server.proxy.koa: trust X-Forwarded-For only behind a known proxy (PROXY=true).
  proxy: { koa: env.bool('PROXY', false) },
  // DEMO_PUBLIC_DIR moves public/ (and the uploads in it) elsewhere; the benchmark keeps its 3,000 stills in bench/.data/.
  dirs: { public: env('DEMO_PUBLIC_DIR', './public') },
  app: {
    // Demo-only defaults so `npm start` works on a fresh clone; set APP_KEYS in any real deployment.
    keys: env.array('APP_KEYS', ['demoKeyOne-movie-reviews', 'demoKeyTwo-movie-reviews']),
  },
});
