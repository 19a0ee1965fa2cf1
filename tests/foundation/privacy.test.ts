import { startStrapi, type TestApp } from '../helpers/strapi';

const COMMENT = 'plugin::movie-reviews.comment';
const REVIEW = 'plugin::movie-reviews.movie-review';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: true });
});
afterAll(async () => {
  await app?.close();
});

describe('privacy of the stored data', () => {
  it("removes the commenter's email, IP and user agent from content-API output", async () => {
    const comments = await app.strapi.documents(COMMENT).findMany({});
    expect(comments.length).toBeGreaterThan(0);
    expect(comments[0]).toHaveProperty('authorEmail');
    const sanitized = (await app.strapi.contentAPI.sanitize.output(comments, app.strapi.contentType(COMMENT), {
      auth: undefined,
    })) as Array<Record<string, unknown>>;
    for (const c of sanitized) {
      expect(c).not.toHaveProperty('authorEmail');
      expect(c).not.toHaveProperty('ip');
      expect(c).not.toHaveProperty('userAgent');
    }
  });

  it('does not return drafts when the published version is asked for', async () => {
    const published = await app.strapi.documents(REVIEW).findMany({ status: 'published' });
    const titles = published.map((r) => r.movieTitle);
    expect(titles).toContain('Her');
    expect(titles).not.toContain('The Unfinished Draft');
  });

  it('gives anonymous GraphQL clients no access to the plugin types by default', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ comments { authorName } }' });
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/example\.com/);
    expect(text).not.toMatch(/203\.0\.113\.7/);
  });
});
