/**
 * The comment form's POST: reads the form, calls the API, and tells the page what
 * to show. A refusal the reader can fix (400, 403, 413, 415, 429) comes back as a
 * message and per-field messages; anything else is rethrown for the error pages.
 */
import type { CommentInput } from 'strapi-plugin-movie-reviews/client';
import { isMovieReviewsApiError } from 'strapi-plugin-movie-reviews/client';
import { api } from './api';
import type { CommentFormState } from '../components/CommentForm.astro';

export type PostOutcome =
  { ok: true; status: 'pending' | 'approved' } | { ok: false; state: CommentFormState; parent: string | null };

const READER_ERRORS = new Set([400, 403, 413, 415, 429]);

export const emptyForm = (): CommentFormState => ({
  values: { authorName: '', authorEmail: '', content: '' },
  error: null,
});

export const postCommentForm = async (
  slug: string,
  request: Request,
  clientAddress: string | null
): Promise<PostOutcome> => {
  const form = await request.formData();
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === 'string' ? value : '';
  };
  const values = { authorName: text('authorName'), authorEmail: text('authorEmail'), content: text('content') };
  const parent = text('parent') || null;
  const input: CommentInput = {
    ...values,
    ...(parent ? { parent } : {}),
    ...(text('website') ? { website: text('website') } : {}),
  };
  // Only when Strapi runs behind this site as a trusted proxy (its PROXY=true) does the reader's address count for the rate limit.
  const headers: Record<string, string> =
    process.env.FORWARD_CLIENT_IP === 'true' && clientAddress ? { 'x-forwarded-for': clientAddress } : {};
  try {
    const { data } = await api.postComment(slug, input, {
      idempotencyKey: text('idempotencyKey') || undefined,
      headers,
    });
    return { ok: true, status: data.status };
  } catch (error) {
    if (!isMovieReviewsApiError(error) || !READER_ERRORS.has(error.status)) throw error;
    const fields: Record<string, string> = {};
    for (const issue of error.fieldErrors) {
      const field = issue.path[0];
      if (field && !fields[field])
        fields[field] = issue.message.replace(/^[\w.]+:\s*/, '').replace(new RegExp(`^${field}\\s+`), '');
    }
    const message =
      error.status === 429 && error.retryAfter
        ? `${error.message.replace(/\.?$/, '.')} You can post again in ${error.retryAfter} second${error.retryAfter === 1 ? '' : 's'}.`
        : Object.keys(fields).length
          ? `Please check the field${Object.keys(fields).length === 1 ? '' : 's'} marked below.`
          : error.message;
    return { ok: false, parent, state: { values, error: { status: error.status, message, fields } } };
  }
};
