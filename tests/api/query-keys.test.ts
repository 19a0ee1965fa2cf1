import { startStrapi, type TestApp } from '../helpers/strapi';

const API = '/api/movie-reviews';
let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: true });
});
afterAll(async () => {
  await app?.close();
});

describe('sort keys are looked up as own keys only', () => {
  it.each(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'constructor:desc'])(
    'sort=%s is a 400 naming sort',
    async (sort) => {
      const res = await app.http().get(`${API}/reviews`).query({ sort });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(res.body.error.message).toMatch(/sort/);
    }
  );

  it('the same through GraphQL is an error, not a crash', async () => {
    const res = await app
      .http()
      .post('/graphql')
      .send({ query: '{ movieReviews(sort: ["constructor"]) { data { slug } } }' });
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toMatch(/sort|constructor/i);
    expect(res.body.data?.movieReviews ?? null).toBeNull();
  });
});
