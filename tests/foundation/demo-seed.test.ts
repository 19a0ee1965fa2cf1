import { startStrapi, adminToken, type TestApp } from '../helpers/strapi';
import { seedDemo } from '../../demo/src/seed';

const REVIEW = 'plugin::movie-reviews.movie-review';
const COMMENT = 'plugin::movie-reviews.comment';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: true });
});
afterAll(async () => {
  await app?.close();
});

const counts = async () => ({
  reviews: await app.strapi.db.query(REVIEW).count(),
  published: await app.strapi.db.query(REVIEW).count({ where: { publishedAt: { $notNull: true } } }),
  comments: await app.strapi.db.query(COMMENT).count(),
  files: await app.strapi.db.query('plugin::upload.file').count(),
  admins: await app.strapi.db.query('admin::user').count(),
});

describe('demo seed', () => {
  it('seeds Her (2013) published with every field filled, plus one draft', async () => {
    const her = await app.strapi.documents(REVIEW).findFirst({ filters: { slug: 'her-2013' }, status: 'published' });
    expect(her).toMatchObject({
      movieTitle: 'Her',
      movieYear: 2013,
      movieDirector: 'Spike Jonze',
      movieImdbId: 'tt1798709',
      filmingLocations: ['Shanghai', 'Los Angeles'],
      song: { provider: 'youtube', title: 'The Moon Song' },
    });
    expect(her?.movieCast).toEqual([
      { actor: 'Joaquin Phoenix', character: 'Theodore Twombly' },
      { actor: 'Scarlett Johansson', character: 'Samantha (voice)' },
      { actor: 'Amy Adams', character: 'Amy' },
    ]);
    expect((her?.stills as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect((her?.synopsis as { sourceUrl: string }).sourceUrl).toMatch(/^https:\/\/www\.imdb\.com\//);
    expect(Number(her?.rating)).toBeGreaterThan(0);

    const author = (await app.strapi.db.query('plugin::movie-reviews.author').findOne({
      where: { slug: 'mara-okafor' },
      populate: { avatar: true, reviews: { select: ['slug', 'publishedAt'] } },
    })) as {
      bio: string;
      links: Array<{ label: string; url: string }>;
      avatar: { alternativeText: string } | null;
      reviews: Array<{ slug: string }>;
    };
    expect(author.bio).toBeTruthy();
    expect(author.links).toHaveLength(2);
    for (const link of author.links) expect(link.url).toMatch(/^https:\/\//);
    expect(author.avatar?.alternativeText).toBeTruthy();
    // Both reviews (the published Her, its draft row, and the draft review) are linked to the author.
    expect(author.reviews.map((r) => r.slug).sort()).toEqual(['her-2013', 'her-2013', 'the-unfinished-draft-2024']);

    const draftPublished = await app.strapi
      .documents(REVIEW)
      .findFirst({ filters: { slug: 'the-unfinished-draft-2024' }, status: 'published' });
    expect(draftPublished).toBeNull();
    const draft = await app.strapi
      .documents(REVIEW)
      .findFirst({ filters: { slug: 'the-unfinished-draft-2024' }, status: 'draft' });
    expect(draft).not.toBeNull();
  });

  it('seeds three comments: a reply, and one still pending', async () => {
    const her = await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } });
    const comments = await app.strapi.db.query(COMMENT).findMany({ where: { reviewDocumentId: her.documentId } });
    expect(comments).toHaveLength(3);
    expect(comments.filter((c: { moderationStatus: string }) => c.moderationStatus === 'pending')).toHaveLength(1);
    const reply = comments.find((c: { parentDocumentId: string | null }) => c.parentDocumentId);
    expect(comments.map((c: { documentId: string }) => c.documentId)).toContain(reply.parentDocumentId);
  });

  it('is idempotent: running the seed again changes no counts', async () => {
    const before = await counts();
    await seedDemo(app.strapi);
    await seedDemo(app.strapi);
    expect(await counts()).toEqual(before);
    // Files: three stills and the author's avatar.
    expect(before).toMatchObject({ reviews: 3, published: 1, comments: 3, files: 4, admins: 1 });
  });

  it('lets the printed admin credentials log in, and the admin sees the review with its fields', async () => {
    const token = await adminToken(app);
    const list = await app
      .http()
      .get('/content-manager/collection-types/plugin::movie-reviews.movie-review')
      .set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
    const titles = list.body.results.map((r: { movieTitle: string }) => r.movieTitle);
    expect(titles).toEqual(expect.arrayContaining(['Her', 'The Unfinished Draft']));
  });

  it('answers a Content Manager write with a bad year as a 400 naming the field, not a 500', async () => {
    const token = await adminToken(app);
    const before = await app.strapi.db.query(REVIEW).count();
    const res = await app
      .http()
      .post('/content-manager/collection-types/plugin::movie-reviews.movie-review')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Bad', movieTitle: 'Bad', movieYear: 1700, authorName: 'X' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(JSON.stringify(res.body.error)).toMatch(/movieYear/);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
    // Nothing stored: not even the author the inline name would have created.
    expect(await app.strapi.db.query('plugin::movie-reviews.author').count({ where: { name: 'X' } })).toBe(0);
  });
});
