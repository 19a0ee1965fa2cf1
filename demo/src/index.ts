import type { Core } from '@strapi/strapi';
import { seedDemo } from './seed';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.DEMO_SEED === 'false') return;
    await seedDemo(strapi);
  },
};
