/** Query rules of the admin tag-suggestion route (`GET /movie-reviews/tags/suggest`). */
import { z } from 'zod';
import { MAX_SUGGESTIONS, MAX_SUGGEST_QUERY } from '../shared/custom-field-limits';
import { hasControlCharacters } from './control-characters';

export const tagSuggestQuerySchema = z.strictObject({
  q: z
    .string({ message: 'must be text' })
    .max(MAX_SUGGEST_QUERY, { message: `must be at most ${MAX_SUGGEST_QUERY} characters` })
    .refine((v) => !hasControlCharacters(v, { allowLineBreaks: false }), {
      message: 'must not contain control characters',
    })
    .transform((v) => v.normalize('NFC').trim())
    .default(''),
  limit: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: `must be between 1 and ${MAX_SUGGESTIONS}` })
    .max(MAX_SUGGESTIONS, { message: `must be between 1 and ${MAX_SUGGESTIONS}` })
    .default(MAX_SUGGESTIONS),
});

export type TagSuggestQuery = z.infer<typeof tagSuggestQuerySchema>;
