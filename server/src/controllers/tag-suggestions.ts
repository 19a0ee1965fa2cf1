/** Admin controller of the tag input's suggestions: `GET /movie-reviews/tags/suggest?q=&limit=`. */
import type { Core } from '@strapi/strapi';
import { tagSuggestQuerySchema } from '../validation/tag-suggestions';
import { zodToValidationError } from '../utils/zod-issues';
import { getService } from '../utils/get-service';

interface Ctx {
  query: unknown;
  body: unknown;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async suggest(ctx: Ctx) {
    const parsed = tagSuggestQuerySchema.safeParse(ctx.query ?? {});
    if (!parsed.success) throw zodToValidationError(parsed.error, ['query']);
    ctx.body = { data: await getService(strapi, 'tagSuggestions').suggest(parsed.data) };
  },
});
