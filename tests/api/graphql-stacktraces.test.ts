/**
 * Apollo shows stack traces (extensions.stacktrace) outside production unless the
 * host turns them off. NODE_ENV=test hides them whatever the plugin does, so this
 * app runs in development with stack traces on, as a host app may: the plugin's
 * own errors must still carry no server file path.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { FILE_PATH, pluginGraphqlErrors } from '../helpers/graphql-errors';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ env: { NODE_ENV: 'development', GRAPHQL_STACKTRACES: 'true' } });
});
afterAll(async () => {
  await app?.close();
});

it('shows stack traces with file paths for errors the plugin did not make (this host really shows them)', async () => {
  const res = await app
    .http()
    .post('/graphql')
    .send({ query: '{ movieReviews(pagination: { page: "x" }) { meta { pagination { total } } } }' });
  expect(res.body.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(res.body.errors[0].extensions.stacktrace)).toMatch(FILE_PATH);
});

it("keeps only the first line of the plugin's own errors' stack traces", async () => {
  for (const res of await pluginGraphqlErrors(app)) {
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const error of res.body.errors) {
      expect(error.extensions.stacktrace).toEqual([expect.stringContaining(error.message)]);
    }
    expect(JSON.stringify(res.body)).not.toMatch(FILE_PATH);
  }
});
