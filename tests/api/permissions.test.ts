/**
 * `grantPublicPermissions: false` (file config; MOVIE_REVIEWS_GRANT_PUBLIC=false in
 * the demo) leaves the Public role alone; the admin setting grants and revokes.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, gql, settingsService } from '../helpers/fixtures';

let app: TestApp;

const ACTIONS = [
  ...['comments', 'createComment', 'find', 'findOne', 'related', 'reportComment'].map(
    (a) => `plugin::movie-reviews.reviews.${a}`
  ),
  'plugin::movie-reviews.authors.findOne',
].sort();

const publicActions = async () => {
  const role = (await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as {
    id: number;
  };
  const rows = (await app.strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: role.id } })) as Array<{ action: string }>;
  return rows.map((r) => r.action);
};
const ours = async () => (await publicActions()).filter((a) => a.startsWith('plugin::movie-reviews.')).sort();

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_GRANT_PUBLIC: 'false' } });
});
afterAll(async () => {
  await app?.close();
});

it('grants nothing at bootstrap when grantPublicPermissions is false', async () => {
  expect(await ours()).toEqual([]);
  expect((await app.http().get(`${API}/reviews`)).status).toBe(403);
  expect((await app.http().get(`${API}/reviews/her-2013`)).status).toBe(403);
  expect((await app.http().get(`${API}/reviews/her-2013/comments`)).status).toBe(403);
  expect((await app.http().get(`${API}/authors/mara-okafor`)).status).toBe(403);
  expect(
    (await gql(app, '{ movieReviewAuthor(slug: "mara-okafor") { data { author { name } } } }')).body.errors[0]
      .extensions.code
  ).toBe('FORBIDDEN');
  const post = await app
    .http()
    .post(`${API}/reviews/her-2013/comments`)
    .send({ authorName: 'A', authorEmail: 'a@example.org', content: 'x' });
  expect(post.status).toBe(403);
  expect(post.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
  expect((await gql(app, '{ movieReviews { data { slug } } }')).body.errors[0].extensions.code).toBe('FORBIDDEN');
});

it("keeps Users & Permissions' own defaults for the Public role", async () => {
  expect(await publicActions()).toEqual(
    expect.arrayContaining(['plugin::users-permissions.auth.callback', 'plugin::users-permissions.auth.register'])
  );
});

it('grants on turning the setting on and revokes on turning it off, without a restart', async () => {
  await settingsService(app).set({ grantPublicPermissions: true });
  expect(await ours()).toEqual(ACTIONS);
  expect((await app.http().get(`${API}/reviews`)).status).toBe(200);
  expect((await app.http().get(`${API}/authors/mara-okafor`)).status).toBe(200);
  expect((await gql(app, '{ movieReviews { data { slug } } }')).body.data.movieReviews.data.length).toBeGreaterThan(0);
  // Saving again changes nothing (no duplicates).
  await settingsService(app).set({ grantPublicPermissions: true, cacheMaxAge: 61 });
  expect(await ours()).toEqual(ACTIONS);

  await settingsService(app).set({ grantPublicPermissions: false });
  expect(await ours()).toEqual([]);
  expect((await app.http().get(`${API}/reviews`)).status).toBe(403);
  expect(await publicActions()).toEqual(expect.arrayContaining(['plugin::users-permissions.auth.callback']));
});
