// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

/**
 * Server-rendered (SSR) on Node with @astrojs/node: every page is built per request
 * from the plugin's REST API, so a published change shows at once and the editor's
 * preview can show drafts. No client-side JavaScript is shipped.
 *
 * The client is imported as a site would from the published package
 * (`strapi-plugin-movie-reviews/client`); in this repository the alias points at its
 * source, so the example builds without installing or building the plugin first.
 */
/**
 * Host names this site answers on. Astro trusts the Host header only for these (anything
 * else is read as "localhost"), and its same-origin check of form POSTs compares against
 * it, so the comment form needs the real host listed. Set SITE_HOSTNAMES at build time
 * (comma-separated, wildcards like **.example.com allowed).
 */
const hostnames = (process.env.SITE_HOSTNAMES ?? 'localhost,127.0.0.1')
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean);

export default defineConfig({
  output: 'server',
  security: { checkOrigin: true, allowedDomains: hostnames.map((hostname) => ({ hostname })) },
  adapter: node({ mode: 'standalone' }),
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  vite: {
    resolve: {
      alias: {
        'strapi-plugin-movie-reviews/client': fileURLToPath(new URL('../../client/src/index.ts', import.meta.url)),
      },
    },
  },
});
