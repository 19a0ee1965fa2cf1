/**
 * The demo runs in development, where Apollo shows stack traces unless the app turns
 * them off: the demo's configuration turns them off, for every error, the plugin's
 * and GraphQL's own. (graphql-stacktraces.test.ts: a host that leaves them on.)
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { FILE_PATH, pluginGraphqlErrors } from '../helpers/graphql-errors';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ env: { NODE_ENV: 'development' } });
});
afterAll(async () => {
  await app?.close();
});

it('answers errors without stack traces or file paths', async () => {
  const foreign = await app
    .http()
    .post('/graphql')
    .send({ query: '{ movieReviews(pagination: { page: "x" }) { meta { pagination { total } } } }' });
  for (const res of [foreign, ...(await pluginGraphqlErrors(app))]) {
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const error of res.body.errors) expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(JSON.stringify(res.body)).not.toMatch(FILE_PATH);
  }
});
