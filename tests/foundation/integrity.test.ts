import { startStrapi, type TestApp } from '../helpers/strapi';

const REVIEW = 'plugin::movie-reviews.movie-review';
const COMMENT = 'plugin::movie-reviews.comment';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: false });
});
afterAll(async () => {
  await app?.close();
});

type Docs = {
  create(p: { data: Record<string, unknown> }): Promise<{ documentId: string; commentsEnabled?: boolean }>;
  update(p: { documentId: string; data: Record<string, unknown> }): Promise<unknown>;
};
const docs = (uid: string) => app.strapi.documents(uid as typeof REVIEW) as unknown as Docs;
const settings = () =>
  app.strapi.plugin('movie-reviews').service('settings') as {
    set(p: unknown): Promise<unknown>;
    get(): Promise<Record<string, unknown>>;
  };

const review = (overrides: Record<string, unknown> = {}) =>
  docs(REVIEW).create({
    data: { title: 'Integrity', movieTitle: 'Film', movieYear: 2000, authorName: 'T', ...overrides },
  });
const comment = (reviewDocumentId: string, parentDocumentId: string | null = null) =>
  docs(COMMENT).create({
    data: { reviewDocumentId, parentDocumentId, authorName: 'A', authorEmail: 'a@example.com', content: 'x' },
  });

const rejection = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected a rejection');
};

describe('comment threads stay whole', () => {
  it('refuses a parent that is one of the comment’s own replies, and keeps the stored parent', async () => {
    const r = await review();
    const top = await comment(r.documentId);
    const reply = await comment(r.documentId, top.documentId);
    const replyOfReply = await comment(r.documentId, reply.documentId);
    const err = await rejection(() =>
      docs(COMMENT).update({ documentId: top.documentId, data: { parentDocumentId: replyOfReply.documentId } })
    );
    expect(err.name).toBe('ValidationError');
    expect(err.message).toMatch(/^parentDocumentId/);
    const stored = await app.strapi.db.query(COMMENT).findOne({ where: { documentId: top.documentId } });
    expect(stored.parentDocumentId).toBeNull();
  });

  it('refuses to move a comment to another review', async () => {
    const r1 = await review();
    const r2 = await review();
    const c = await comment(r1.documentId);
    const err = await rejection(() =>
      docs(COMMENT).update({ documentId: c.documentId, data: { reviewDocumentId: r2.documentId } })
    );
    expect(err.message).toMatch(/^reviewDocumentId/);
    const stored = await app.strapi.db.query(COMMENT).findOne({ where: { documentId: c.documentId } });
    expect(stored.reviewDocumentId).toBe(r1.documentId);
  });

  it('refuses a parent id that only matches when case and trailing spaces are ignored (MySQL, MariaDB)', async () => {
    const r = await review();
    const top = await comment(r.documentId);
    for (const variant of [top.documentId.toUpperCase(), `${top.documentId} `]) {
      const err = await rejection(() => comment(r.documentId, variant));
      expect(err.name).toBe('ValidationError');
      expect(err.message).toMatch(/^parentDocumentId/);
    }
  });

  it('still lets a comment be re-parented within its thread', async () => {
    const r = await review();
    const a = await comment(r.documentId);
    const b = await comment(r.documentId);
    await docs(COMMENT).update({ documentId: b.documentId, data: { parentDocumentId: a.documentId } });
    const stored = await app.strapi.db.query(COMMENT).findOne({ where: { documentId: b.documentId } });
    expect(stored.parentDocumentId).toBe(a.documentId);
  });
});

describe('settings', () => {
  it('applies "comments enabled on new reviews" when a create does not say', async () => {
    await settings().set({ commentsEnabledByDefault: false });
    const off = await review();
    expect(off.commentsEnabled).toBe(false);
    const explicit = await review({ commentsEnabled: true });
    expect(explicit.commentsEnabled).toBe(true);
    await settings().set({ commentsEnabledByDefault: true });
    expect((await review()).commentsEnabled).toBe(true);
  });

  it('keeps the other saved settings when one stored value no longer validates', async () => {
    await settings().set({ autoApprove: true, cacheMaxAge: 120 });
    const store = app.strapi.store({ type: 'plugin', name: 'movie-reviews' });
    const saved = (await store.get({ key: 'settings' })) as Record<string, unknown>;
    await store.set({ key: 'settings', value: { ...saved, rateLimitPoints: -3, removedKey: 'x' } });
    const current = await settings().get();
    expect(current).toMatchObject({ autoApprove: true, cacheMaxAge: 120, rateLimitPoints: 5 });
    expect(current).not.toHaveProperty('removedKey');
  });
});
