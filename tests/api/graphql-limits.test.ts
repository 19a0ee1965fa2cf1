import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  // An app that leaves plugin-graphql's operation limits unbounded (-1).
  app = await startStrapi({ seed: true, env: { GRAPHQL_DEPTH_LIMIT: '-1', GRAPHQL_MAX_LIMIT: '-1' } });
});
afterAll(async () => {
  await app?.close();
});

describe('GraphQL operation limits when the app sets none', () => {
  it('bounds depth to 10 and amounts to 100', () => {
    expect(app.strapi.config.get('plugin::graphql.depthLimit')).toBe(10);
    expect(app.strapi.config.get('plugin::graphql.maxLimit')).toBe(100);
  });

  it('rejects a query deeper than 10', async () => {
    const deep = 'replies { '.repeat(11) + 'content' + ' }'.repeat(11);
    const res = await app
      .http()
      .post('/graphql')
      .send({ query: `{ movieReviewComments(slug: "her-2013") { data { ${deep} } } }` });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body.errors)).toMatch(/depth/i);
  });

  it('still answers a normal query', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ movieReview(slug: "her-2013") { slug } }' });
    expect(res.status).toBe(200);
    expect(res.body.data.movieReview.slug).toBe('her-2013');
  });
});
