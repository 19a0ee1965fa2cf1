/** Admin controller for Settings → Movie Reviews: read and save through the settings service. */
import type { Core } from '@strapi/strapi';
import { SONG_PROVIDERS } from '../custom-fields/song-providers';
import { getService } from '../utils/get-service';

type Ctx = { request: { body?: unknown }; body: unknown };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'settings');
  const meta = { embedProviders: [...SONG_PROVIDERS] };

  return {
    async get(ctx: Ctx) {
      ctx.body = { data: await service().get(), meta };
    },

    /** Partial update; `set()` validates strictly and throws a 400 ValidationError naming the field. */
    async update(ctx: Ctx) {
      ctx.body = { data: await service().set(ctx.request.body ?? {}), meta };
    },
  };
};
