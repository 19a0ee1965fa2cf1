/**
 * Rate limit of comment posts with the default settings (5 per minute per IP,
 * memory store), Strapi's proxy trust off: X-Forwarded-For is ignored.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, gql, settingsService } from '../helpers/fixtures';

let app: TestApp;

const valid = (content: string) => ({ authorName: 'Rita', authorEmail: 'rita@example.org', content });
const post = (body: unknown, headers: Record<string, string> = {}) => {
  let req = app.http().post(`${API}/reviews/her-2013/comments`);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.send(body as object);
};
const MUTATION = `mutation Post($slug: String!, $data: MovieReviewCommentInput!) {
  createMovieReviewComment(slug: $slug, data: $data) { documentId status }
}`;

beforeAll(async () => {
  app = await startStrapi({ seed: true });
});
afterAll(async () => {
  await app?.close();
});

describe('comment rate limit (defaults, no proxy trust)', () => {
  it('allows 5 posts a minute from one address, valid or not, then answers 429 with Retry-After', async () => {
    const statuses = [];
    statuses.push((await post(valid('first'), { 'X-Forwarded-For': '198.51.100.9' })).status);
    statuses.push((await post(valid('second'))).status);
    statuses.push((await post({ ...valid('third'), status: 'approved' })).status);
    statuses.push((await post(valid(''))).status);
    statuses.push((await post(valid('fifth'))).status);
    expect(statuses).toEqual([201, 201, 400, 400, 201]);

    const before = Number(await app.strapi.db.query(COMMENT).count({}));
    const limited = await post(valid('sixth'));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      data: null,
      error: {
        status: 429,
        name: 'RateLimitError',
        message: expect.stringMatching(/try again in \d+ seconds?/),
        details: { retryAfter: expect.any(Number) },
      },
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.error.details.retryAfter).toBe(retryAfter);
    expect(Number(await app.strapi.db.query(COMMENT).count({}))).toBe(before);
  });

  it('stores the socket address, not X-Forwarded-For, when Strapi does not trust a proxy', async () => {
    const [row] = (await app.strapi.db.query(COMMENT).findMany({ where: { content: 'first' } })) as Array<{
      ip: string;
    }>;
    expect(row.ip).not.toBe('198.51.100.9');
    expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('does not let a client escape the limit with X-Forwarded-For', async () => {
    const res = await post(valid('spoofed'), { 'X-Forwarded-For': '203.0.113.99' });
    expect(res.status).toBe(429);
  });

  it('counts GraphQL comment posts in the same budget', async () => {
    const res = await gql(app, MUTATION, { slug: 'her-2013', data: valid('through graphql') });
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'STRAPI_RATE_LIMIT_ERROR',
      error: { name: 'RateLimitError', details: { retryAfter: expect.any(Number) } },
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('never limits reading', async () => {
    for (let i = 0; i < 12; i += 1) expect((await app.http().get(`${API}/reviews/her-2013/comments`)).status).toBe(200);
  });

  it('applies a new limit from the settings without a restart', async () => {
    await settingsService(app).set({ rateLimitPoints: 50 });
    expect((await post(valid('after raising the limit'))).status).toBe(201);
    const viaGraphql = await gql(app, MUTATION, { slug: 'her-2013', data: valid('graphql after raising') });
    expect(viaGraphql.body.data.createMovieReviewComment.status).toBe('pending');
    await settingsService(app).set({ rateLimitPoints: 5 });
    expect((await post(valid('after lowering it again'))).status).toBe(429);
  });
});
