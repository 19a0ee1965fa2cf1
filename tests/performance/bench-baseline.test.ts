/**
 * The benchmark's own pieces inside the demo (DEMO_BENCH=true): the naive baseline routes return
 * the same public data as the API is meant to (published only, stills expanded), and the SQL
 * counter route reports what a request ran without running anything itself.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { DEMO_BENCH: 'true' } });
});
afterAll(async () => {
  await app?.close();
});

interface Counters {
  queries: number;
  transactionControl: number;
  recent: string[];
}
const counters = async (): Promise<Counters> => {
  const res = await app.http().get('/__bench/queries');
  expect(res.status).toBe(200);
  return res.body as Counters;
};

describe('naive baseline routes', () => {
  it('lists published reviews only, with the API fields expanded', async () => {
    const res = await app.http().get('/api/naive/reviews?pageSize=10');
    expect(res.status).toBe(200);
    const slugs = res.body.data.map((r: { slug: string }) => r.slug);
    expect(slugs).toContain('her-2013');
    expect(slugs).not.toContain('the-unfinished-draft-2024');
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 1 });
    const her = res.body.data[0];
    expect(her.movie).toMatchObject({ title: 'Her', year: 2013, director: 'Spike Jonze' });
    expect(her.author).toMatchObject({ name: 'Mara Okafor' });
    expect(her.stills).toHaveLength(3);
    expect(her.stills[0]).toMatchObject({
      alt: expect.any(String),
      image: { url: expect.stringMatching(/^\/uploads\//), mime: 'image/jpeg' },
    });
    expect(her.song).toMatchObject({
      provider: 'youtube',
      embedUrl: 'https://www.youtube-nocookie.com/embed/3VKoeVMJN8w',
    });
    expect(her).not.toHaveProperty('body');
  });

  it('returns one published review with its approved comment count, and 404 for a draft', async () => {
    const res = await app.http().get('/api/naive/reviews/her-2013');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ slug: 'her-2013', commentCount: 2, structuredData: { '@type': 'Review' } });
    expect(Array.isArray(res.body.data.body)).toBe(true);
    const draft = await app.http().get('/api/naive/reviews/the-unfinished-draft-2024');
    expect(draft.status).toBe(404);
  });

  it('rejects a page size over 100', async () => {
    const res = await app.http().get('/api/naive/reviews?pageSize=101');
    expect(res.status).toBe(400);
  });
});

describe('SQL counter route', () => {
  it('runs no query itself', async () => {
    const a = await counters();
    const b = await counters();
    expect(b.queries).toBe(a.queries);
    expect(b.transactionControl).toBe(a.transactionControl);
  });

  it('counts the statements of a request, the same for the same request, one per still for the naive detail', async () => {
    const measure = async () => {
      const before = await counters();
      const res = await app.http().get('/api/naive/reviews/her-2013');
      expect(res.status).toBe(200);
      const after = await counters();
      return { queries: after.queries - before.queries, recent: after.recent };
    };
    const first = await measure();
    const second = await measure();
    expect(second.queries).toBe(first.queries);
    const last = (await app.http().get(`/__bench/queries?recent=${first.queries}`)).body as Counters;
    // The naive code looks up each of the 3 stills' files one by one.
    expect(
      last.recent.filter((sql) => /from ([`"]\w+[`"]\.)?[`"]files[`"]/.test(sql) && /[`"]id[`"] = /.test(sql))
    ).toHaveLength(3);
    expect(first.queries).toBeGreaterThanOrEqual(5);
  });
});

describe('bench controls', () => {
  it('turns the response cache off and on, and reports its hits', async () => {
    const off = await app.http().get('/__bench/cache?enabled=false');
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    await app.http().get('/api/movie-reviews/reviews');
    expect((await app.http().get('/__bench/cache')).body.entries).toBe(0);
    expect((await app.http().get('/__bench/cache?enabled=true')).body.enabled).toBe(true);
    await app.http().get('/api/movie-reviews/reviews');
    const before = (await app.http().get('/__bench/cache')).body.hits as number;
    await app.http().get('/api/movie-reviews/reviews');
    expect((await app.http().get('/__bench/cache')).body.hits).toBe(before + 1);
  });

  it('approves one pending comment of a published review through the moderation service', async () => {
    const pendingBefore = await app.strapi.db
      .query('plugin::movie-reviews.comment')
      .count({ where: { moderationStatus: 'pending' } });
    expect(pendingBefore).toBeGreaterThan(0);
    const res = await app.http().get('/__bench/approve');
    expect(res.status).toBe(200);
    expect(res.body.approved).toHaveLength(1);
    const approved = (await app.strapi.db.query('plugin::movie-reviews.comment').findOne({
      where: { documentId: res.body.approved[0] },
    })) as { moderationStatus: string; moderatedAt: string | null };
    expect(approved.moderationStatus).toBe('approved');
    expect(approved.moderatedAt).not.toBeNull();
  });
});
