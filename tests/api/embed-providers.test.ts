import { startStrapi, type TestApp } from '../helpers/strapi';

const API = '/api/movie-reviews';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: true });
});
afterAll(async () => {
  await app?.close();
});

const settings = () =>
  app.strapi.plugin('movie-reviews').service('settings') as { set(patch: unknown): Promise<unknown> };

describe('allowed song providers on read', () => {
  it('embeds the seeded YouTube song while YouTube is allowed', async () => {
    const res = await app.http().get(`${API}/reviews/her-2013`);
    expect(res.status).toBe(200);
    expect(res.body.data.song).toMatchObject({
      provider: 'youtube',
      embedUrl: expect.stringMatching(/^https:\/\/www\.youtube-nocookie\.com\/embed\//),
    });
  });

  it('stops embedding it, in the list and the detail, on the next request after YouTube is disallowed', async () => {
    await settings().set({ embedProviders: ['spotify', 'vimeo'] });
    const detail = await app.http().get(`${API}/reviews/her-2013`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.song).toBeNull();
    const list = await app.http().get(`${API}/reviews`);
    const her = list.body.data.find((r: { slug: string }) => r.slug === 'her-2013');
    expect(her.song).toBeNull();
  });

  it('embeds it again once YouTube is allowed again', async () => {
    await settings().set({ embedProviders: ['youtube', 'spotify'] });
    const res = await app.http().get(`${API}/reviews/her-2013`);
    expect(res.body.data.song).toMatchObject({ provider: 'youtube' });
  });
});
