import type { Core } from '@strapi/strapi';
import { seedDemo } from './seed';
import { installQueryCounter } from './bench/query-counter';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.DEMO_BENCH === 'true') installQueryCounter(strapi);
    if (process.env.DEMO_SEED === 'false') return;
    await seedDemo(strapi);
  },
};
