/**
 * Targeted invalidation of the response cache: each kind of write drops only the
 * cached answers it can change (counted: the unrelated ones stay cached), and the
 * next answer after the write is never stale. Entries carry their cache tags, also
 * sent as `Surrogate-Key` and `Cache-Tag` headers for CDNs.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, createComment, createReview, REVIEW, settingsService } from '../helpers/fixtures';

let app: TestApp;

interface CacheView {
  get(key: string): unknown;
  stats(): { entries: number };
  setEnabled(v: boolean): void;
}
const cache = () => app.strapi.plugin('movie-reviews').service('responseCache') as CacheView;
const moderation = () =>
  app.strapi.plugin('movie-reviews').service('moderation') as {
    apply(action: string, ids: string[]): Promise<unknown>;
  };

let a: { documentId: string; slug: string };
let b: { documentId: string; slug: string };
let her: { documentId: string; slug: string };

/** The answers kept in the cache during each test, by name. */
const urls = () => ({
  list: `${API}/reviews`,
  list2: `${API}/reviews?pageSize=2`,
  aDetail: `${API}/reviews/${a.slug}`,
  aComments: `${API}/reviews/${a.slug}/comments`,
  bDetail: `${API}/reviews/${b.slug}`,
  bComments: `${API}/reviews/${b.slug}/comments`,
  herDetail: `${API}/reviews/${her.slug}`,
  herComments: `${API}/reviews/${her.slug}/comments`,
});
type Name = keyof ReturnType<typeof urls>;

const isCached = (url: string) => cache().get(url) !== undefined;

/** Fills the cache with every answer of `urls()` and checks they are all cached. */
const warm = async () => {
  for (const url of Object.values(urls())) expect((await app.http().get(url)).status).toBe(200);
  for (const url of Object.values(urls())) expect(isCached(url)).toBe(true);
};

/** Which of the warmed answers are still cached. */
const survivors = (): Name[] =>
  (Object.entries(urls()) as Array<[Name, string]>).filter(([, url]) => isCached(url)).map(([n]) => n);

const all = (): Name[] => Object.keys(urls()) as Name[];
const except = (...dropped: Name[]): Name[] => all().filter((n) => !dropped.includes(n));

const count = async (slug: string) => (await app.http().get(`${API}/reviews/${slug}`)).body.data.commentCount as number;
const commentTexts = async (slug: string) =>
  JSON.stringify((await app.http().get(`${API}/reviews/${slug}/comments?pageSize=100`)).body.data);

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  cache().setEnabled(true);
  a = await createReview(app, { title: 'Tagged Alpha' });
  b = await createReview(app, { title: 'Tagged Beta' });
  her = (await app.strapi.db
    .query(REVIEW)
    .findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } })) as typeof her;
  await createComment(app, a.documentId, { content: 'Alpha first' });
  await createComment(app, b.documentId, { content: 'Beta first' });
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('cache tags on answers', () => {
  it('sends the tags of each answer as Surrogate-Key and Cache-Tag, from the stack and from the cache', async () => {
    for (const fresh of [true, false]) {
      if (fresh) cache().setEnabled(true);
      const detail = await app.http().get(urls().aDetail);
      const keys = String(detail.headers['surrogate-key']).split(' ');
      expect(keys).toEqual(expect.arrayContaining(['mr:all', `mr:review:${a.documentId}`]));
      expect(String(detail.headers['cache-tag']).split(',')).toEqual(keys);
      const comments = await app.http().get(urls().aComments);
      expect(String(comments.headers['surrogate-key']).split(' ')).toEqual(
        expect.arrayContaining(['mr:all', `mr:review:${a.documentId}`, `mr:comments:${a.documentId}`])
      );
      const list = await app.http().get(urls().list);
      expect(String(list.headers['surrogate-key']).split(' ')).toEqual(expect.arrayContaining(['mr:all', 'mr:list']));
    }
  });

  it('tags an answer with the files it shows', async () => {
    const detail = await app.http().get(urls().herDetail);
    expect(detail.body.data.stills.length).toBeGreaterThan(0);
    const file = (await app.strapi.db
      .query('plugin::upload.file')
      .findOne({ where: { url: detail.body.data.stills[0].image.url } })) as {
      id: number;
    };
    expect(String(detail.headers['surrogate-key']).split(' ')).toContain(`mr:file:${file.id}`);
  });
});

describe('comment writes', () => {
  it('keeps every cached answer when a pending, spam or rejected comment is created', async () => {
    await warm();
    const before = cache().stats().entries;
    for (const status of ['pending', 'spam', 'rejected'])
      await createComment(app, a.documentId, { moderationStatus: status, content: `Not public ${status}` });
    const res = await app
      .http()
      .post(`${API}/reviews/${a.slug}/comments`)
      .send({ authorName: 'Poster', authorEmail: 'p@example.com', content: 'Awaiting review' });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('pending');
    expect(survivors()).toEqual(all());
    expect(cache().stats().entries).toBe(before);
  });

  it("drops only that review's detail and comment pages and the lists when a comment is approved (moderation)", async () => {
    const pending = await createComment(app, a.documentId, {
      moderationStatus: 'pending',
      content: 'Approve me please',
    });
    await warm();
    const countBefore = (await app.http().get(urls().aDetail)).body.data.commentCount as number;
    await moderation().apply('approve', [pending.documentId]);
    expect(survivors()).toEqual(except('list', 'list2', 'aDetail', 'aComments'));
    expect(await count(a.slug)).toBe(countBefore + 1);
    expect(await commentTexts(a.slug)).toContain('Approve me please');
  });

  it('drops the same answers when an approved comment is hidden, and when one is deleted', async () => {
    const shown = await createComment(app, a.documentId, { content: 'Soon hidden' });
    await warm();
    const countBefore = await count(a.slug);
    await moderation().apply('reject', [shown.documentId]);
    expect(survivors()).toEqual(except('list', 'list2', 'aDetail', 'aComments'));
    expect(await count(a.slug)).toBe(countBefore - 1);
    expect(await commentTexts(a.slug)).not.toContain('Soon hidden');

    const doomed = await createComment(app, b.documentId, { content: 'Soon deleted' });
    await warm();
    const bBefore = await count(b.slug);
    await app.strapi.documents(COMMENT).delete({ documentId: doomed.documentId });
    expect(survivors()).toEqual(except('list', 'list2', 'bDetail', 'bComments'));
    expect(await count(b.slug)).toBe(bBefore - 1);
    expect(await commentTexts(b.slug)).not.toContain('Soon deleted');
  });

  it('keeps every cached answer when a comment that is not public is deleted or marked spam', async () => {
    const pending = await createComment(app, a.documentId, { moderationStatus: 'pending', content: 'Never shown' });
    await warm();
    await moderation().apply('spam', [pending.documentId]);
    await moderation().apply('delete', [pending.documentId]);
    expect(survivors()).toEqual(all());
  });
});

describe('review writes', () => {
  it("drops that review's answers and the lists on update + publish, and nothing on a draft-only save", async () => {
    await warm();
    await app.strapi
      .documents(REVIEW)
      .update({ documentId: b.documentId, data: { title: 'Tagged Beta, draft' } as never });
    expect(survivors()).toEqual(all());
    expect((await app.http().get(urls().bDetail)).body.data.title).toBe('Tagged Beta');
    await app.strapi.documents(REVIEW).publish({ documentId: b.documentId });
    expect(survivors()).toEqual(except('list', 'list2', 'bDetail', 'bComments'));
    expect((await app.http().get(urls().bDetail)).body.data.title).toBe('Tagged Beta, draft');
    const listed = (await app.http().get(urls().list)).body.data.map((r: { title: string }) => r.title);
    expect(listed).toContain('Tagged Beta, draft');
  });

  it("drops that review's answers and the lists on unpublish, which then answer 404 / no longer list it", async () => {
    const c = await createReview(app, { title: 'Tagged Gamma' });
    await warm();
    const gamma = `${API}/reviews/${c.slug}`;
    expect((await app.http().get(gamma)).status).toBe(200);
    const before = survivors();
    expect(before).toEqual(all());
    await app.strapi.documents(REVIEW).unpublish({ documentId: c.documentId });
    expect(survivors()).toEqual(except('list', 'list2'));
    expect(isCached(gamma)).toBe(false);
    expect((await app.http().get(gamma)).status).toBe(404);
    expect((await app.http().get(urls().list)).body.data.map((r: { slug: string }) => r.slug)).not.toContain(c.slug);
  });
});

describe('file writes', () => {
  it('drops only the answers showing the file when it is updated', async () => {
    await warm();
    const herDetail = (await app.http().get(urls().herDetail)).body.data;
    const url = herDetail.stills[0].image.url as string;
    const file = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { url } })) as { id: number };
    const listShowsHer = (await app.http().get(urls().list)).body.data.some(
      (r: { slug: string }) => r.slug === her.slug
    );
    const list2ShowsHer = (await app.http().get(urls().list2)).body.data.some(
      (r: { slug: string }) => r.slug === her.slug
    );
    await app.strapi.db
      .query('plugin::upload.file')
      .update({ where: { id: file.id }, data: { url: `${url}?v=tagged` } });
    try {
      const dropped: Name[] = ['herDetail'];
      if (listShowsHer) dropped.push('list');
      if (list2ShowsHer) dropped.push('list2');
      expect(survivors()).toEqual(except(...dropped));
      expect((await app.http().get(urls().herDetail)).body.data.stills[0].image.url).toBe(`${url}?v=tagged`);
    } finally {
      await app.strapi.db.query('plugin::upload.file').update({ where: { id: file.id }, data: { url } });
    }
  });
});

describe('settings and permission writes', () => {
  it('drop every cached answer when a setting changes', async () => {
    await warm();
    const { cacheMaxAge } = await settingsService(app).get();
    await settingsService(app).set({ cacheMaxAge: Number(cacheMaxAge) + 3 });
    try {
      expect(survivors()).toEqual([]);
      expect((await app.http().get(urls().aDetail)).headers['cache-control']).toBe(
        `public, max-age=${Number(cacheMaxAge) + 3}`
      );
    } finally {
      await settingsService(app).set({ cacheMaxAge });
    }
  });

  it('drop every cached answer when a permission changes', async () => {
    await warm();
    const role = (await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } })) as { id: number };
    const action = 'plugin::movie-reviews.reviews.comments';
    await app.strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id, action } });
    try {
      expect(survivors()).toEqual([]);
      expect((await app.http().get(urls().aComments)).status).toBe(403);
    } finally {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    expect((await app.http().get(urls().aComments)).status).toBe(200);
  });
});
