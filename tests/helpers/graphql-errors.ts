/**
 * GraphQL answers of the plugin's own fields that are errors: a bound refused, an
 * input refused, an unknown review. Used to check what error answers carry.
 */
import type { TestApp } from './strapi';

export const FILE_PATH = /\/[\w.-]+\/[\w.-]+\.(?:js|ts|mjs|cjs):\d+/;

export const pluginGraphqlErrors = async (app: TestApp) => {
  const ask = (query: string, variables: Record<string, unknown> = {}) =>
    app.http().post('/graphql').send({ query, variables });
  return [
    await ask('{ movieReviews(pagination: { pageSize: 1000 }) { meta { pagination { total } } } }'),
    await ask(
      'mutation ($data: MovieReviewCommentInput!) { createMovieReviewComment(slug: "her-2013", data: $data) { documentId } }',
      { data: { authorName: 'Rule Tester', authorEmail: 'rules@example.org', content: '' } }
    ),
    await ask(
      'mutation { createMovieReviewComment(slug: "no-such-review", data: { authorName: "A", authorEmail: "a@example.org", content: "x" }) { documentId } }'
    ),
  ];
};
