// STRAPI_LOG_LEVEL picks how much the demo logs (default `http`: one line per request, Strapi's own default).
// The benchmark and the tests turn it down so request logging does not weigh on what they measure.
export default ({ env }) => ({
  level: env('STRAPI_LOG_LEVEL', 'http'),
});
