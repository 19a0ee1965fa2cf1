/** Admin controller for Settings → Movie Reviews: read and save through the settings service. */
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { SONG_PROVIDERS } from '../custom-fields/song-providers';
import type settingsService from '../services/settings';

type Ctx = { request: { body?: unknown }; body: unknown };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('settings') as ReturnType<typeof settingsService>;
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
