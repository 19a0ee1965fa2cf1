/**
 * Behind a trusted proxy (Strapi `server.proxy.koa: true`, the demo's PROXY=true)
 * the client address, for the rate limit and the stored IP, is X-Forwarded-For's.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, gql } from '../helpers/fixtures';

let app: TestApp;

const valid = (content: string) => ({ authorName: 'Pia', authorEmail: 'pia@example.org', content });
const post = (ip: string, content: string) =>
  app.http().post(`${API}/reviews/her-2013/comments`).set('X-Forwarded-For', ip).send(valid(content));

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { PROXY: 'true' } });
});
afterAll(async () => {
  await app?.close();
});

it('limits and records each forwarded client address separately', async () => {
  for (let i = 1; i <= 5; i += 1) expect((await post('203.0.113.10', `from ten #${i}`)).status).toBe(201);
  expect((await post('203.0.113.10', 'from ten #6')).status).toBe(429);
  expect((await post('203.0.113.11', 'from eleven')).status).toBe(201);
  // The left-most address of a chain is the client's.
  expect((await post('203.0.113.10, 10.0.0.1', 'chained')).status).toBe(429);

  const rows = (await app.strapi.db.query(COMMENT).findMany({
    select: ['content', 'ip'],
    where: { content: { $in: ['from ten #1', 'from eleven'] } },
  })) as Array<{ content: string; ip: string }>;
  expect(Object.fromEntries(rows.map((r) => [r.content, r.ip]))).toEqual({
    'from ten #1': '203.0.113.10',
    'from eleven': '203.0.113.11',
  });
});

it('uses the same address for GraphQL posts', async () => {
  const mutation = `mutation($data: MovieReviewCommentInput!) { createMovieReviewComment(slug: "her-2013", data: $data) { status } }`;
  const limited = await gql(app, mutation, { data: valid('graphql from ten') }, { 'X-Forwarded-For': '203.0.113.10' });
  expect(limited.body.errors[0].extensions.code).toBe('STRAPI_RATE_LIMIT_ERROR');
  const other = await gql(app, mutation, { data: valid('graphql from twelve') }, { 'X-Forwarded-For': '203.0.113.12' });
  expect(other.body.data.createMovieReviewComment.status).toBe('pending');
  const [row] = (await app.strapi.db.query(COMMENT).findMany({ where: { content: 'graphql from twelve' } })) as Array<{
    ip: string;
  }>;
  expect(row.ip).toBe('203.0.113.12');
});
