import type { Core } from '@strapi/strapi';
import { seedDemo } from './seed';
import { installQueryCounter } from './bench/query-counter';
import { installBenchControls } from './bench/cache-switch';
import { demoAdmin } from './seed/admin-user';

/** Tells whoever ran `npm start` where to look, on every start. */
const printWhereToLook = (strapi: Core.Strapi) => {
  const port = strapi.config.get('server.port', 1337);
  const base = `http://localhost:${port}`;
  const { email, password } = demoAdmin();
  strapi.log.info(
    [
      '',
      'Movie Reviews demo is ready:',
      `  admin       ${base}/admin   (log in as ${email} / ${password} unless you changed it)`,
      `  reviews     ${base}/api/movie-reviews/reviews`,
      `  one review  ${base}/api/movie-reviews/reviews/her-2013`,
      `  comments    ${base}/api/movie-reviews/reviews/her-2013/comments`,
      `  GraphQL     ${base}/graphql`,
      '',
    ].join('\n')
  );
};

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.DEMO_BENCH === 'true') {
      installQueryCounter(strapi);
      installBenchControls(strapi);
    }
    if (process.env.DEMO_SEED === 'false') return;
    await seedDemo(strapi);
    if (process.env.NODE_ENV !== 'test') printWhereToLook(strapi);
  },
};
