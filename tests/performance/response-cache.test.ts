/**
 * The response cache of the public GETs stays correct: a cached detail changes
 * after a comment is approved, after the review is updated and republished, after
 * a still's file is deleted and after a setting changes; a matching ETag gets a
 * 304 (from the early path, with the same headers as the full stack); revoking the
 * Public role's permission is not bypassed by a cached answer.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, countQueries, REVIEW, settingsService } from '../helpers/fixtures';
import { deleteFile, uploadFile } from '../custom-fields/helpers/media';

let app: TestApp;
const DETAIL = `${API}/reviews/her-2013`;

type Stats = { entries: number; generation: number };
const cache = () => app.strapi.plugin('movie-reviews').service('responseCache') as { stats(): Stats };

const detail = async (headers: Record<string, string> = {}) => {
  let req = app.http().get(DETAIL);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req;
};

/** A first request fills the cache; the second is answered from it (same body and ETag). */
const cachedDetail = async () => {
  const first = await detail();
  expect(first.status).toBe(200);
  expect(cache().stats().entries).toBeGreaterThan(0);
  const second = await detail();
  expect(second.status).toBe(200);
  expect(second.headers.etag).toBe(first.headers.etag);
  expect(second.body).toEqual(first.body);
  return first;
};

const herDocumentId = async () =>
  (
    (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } })) as {
      documentId: string;
    }
  ).documentId;

beforeAll(async () => {
  app = await startStrapi({ seed: true });
});

afterAll(async () => {
  await app?.close();
});

describe('response cache', () => {
  it('serves a matching If-None-Match with 304 and the headers of the full response', async () => {
    const first = await cachedDetail();
    let res = await detail({ 'If-None-Match': first.headers.etag });
    // Answered before Strapi's stack: not even the permission lookup runs.
    const queries = await countQueries(app, async () => {
      res = await detail({ 'If-None-Match': first.headers.etag });
    });
    expect(queries).toBe(0);
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
    expect(res.headers.etag).toBe(first.headers.etag);
    expect(res.headers['cache-control']).toBe(first.headers['cache-control']);
    // Security headers set by Strapi's global middlewares are replayed too.
    for (const name of ['x-frame-options', 'x-content-type-options', 'strict-transport-security', 'vary']) {
      expect(res.headers[name]).toBe(first.headers[name]);
    }
    // A cached 200 is answered early too, with the same body and headers as the full stack's.
    let cached = await detail();
    expect(
      await countQueries(app, async () => {
        cached = await detail();
      })
    ).toBe(0);
    expect(cached.status).toBe(200);
    expect(cached.headers['content-type']).toBe(first.headers['content-type']);
    expect(cached.text).toBe(first.text);
    for (const name of ['etag', 'cache-control', 'x-frame-options', 'x-content-type-options', 'vary']) {
      expect(cached.headers[name]).toBe(first.headers[name]);
    }
    const weak = await detail({ 'If-None-Match': `"other", W/${first.headers.etag}` });
    expect(weak.status).toBe(304);
    // An authenticated or cross-origin request goes through the full stack, and still gets its 304.
    expect((await detail({ 'If-None-Match': first.headers.etag, Origin: 'http://localhost:1337' })).status).toBe(304);
    const stale = await detail({ 'If-None-Match': '"not-the-etag"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(first.body);
  });

  it('changes the cached detail after a comment is approved through the document service', async () => {
    const before = await cachedDetail();
    const pending = (await app.strapi.db.query(COMMENT).findOne({ where: { moderationStatus: 'pending' } })) as {
      documentId: string;
    };
    expect(pending).toBeTruthy();
    await app.strapi
      .documents(COMMENT)
      .update({ documentId: pending.documentId, data: { moderationStatus: 'approved' } as never });
    const after = await detail({ 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.body.data.commentCount).toBe(before.body.data.commentCount + 1);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const comments = await app.http().get(`${DETAIL}/comments`);
    expect(JSON.stringify(comments.body)).toContain(
      (
        (await app.strapi.db.query(COMMENT).findOne({ where: { documentId: pending.documentId } })) as {
          content: string;
        }
      ).content
    );
  });

  it('changes the cached detail after the review is updated and republished', async () => {
    const before = await cachedDetail();
    const documentId = await herDocumentId();
    await app.strapi.documents(REVIEW).update({ documentId, data: { title: 'Her, revisited' } as never });
    // The draft changed, the published version not yet.
    const draftOnly = await detail();
    expect(draftOnly.body.data.title).toBe(before.body.data.title);
    await app.strapi.documents(REVIEW).publish({ documentId });
    const after = await detail({ 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.body.data.title).toBe('Her, revisited');
    const listed = await app.http().get(`${API}/reviews`);
    expect(listed.body.data.map((r: { title: string }) => r.title)).toContain('Her, revisited');
  });

  it("changes the cached detail after a still's file is deleted", async () => {
    const before = await cachedDetail();
    const stills = before.body.data.stills as Array<{ image: { url: string } }>;
    expect(stills.length).toBeGreaterThan(0);
    const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { url: stills[0].image.url } });
    expect(file).toBeTruthy();
    await app.strapi.plugin('upload').service('upload').remove(file);
    const after = await detail({ 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.body.data.stills).toHaveLength(stills.length - 1);
    expect(after.body.data.stills.map((s: { image: { url: string } }) => s.image.url)).not.toContain(
      stills[0].image.url
    );
  });

  it('drops the cached details when any upload file is deleted (their ETag holds the deletion stamp)', async () => {
    const before = await cachedDetail();
    // A file her-2013 does not show: the body stays, the version (and so the ETag) changes.
    const file = await uploadFile(app.strapi, 'never-shown.png');
    await deleteFile(app.strapi, file.id);
    const after = await detail();
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await detail({ 'If-None-Match': after.headers.etag })).status).toBe(304);
  });

  it('changes the cached answer after a setting changes', async () => {
    const before = await cachedDetail();
    const { cacheMaxAge } = await settingsService(app).get();
    await settingsService(app).set({ cacheMaxAge: Number(cacheMaxAge) + 7 });
    const after = await detail();
    expect(after.headers['cache-control']).toBe(`public, max-age=${Number(cacheMaxAge) + 7}`);
    expect(before.headers['cache-control']).toBe(`public, max-age=${cacheMaxAge}`);
  });

  it('does not let a cached answer bypass a revoked Public permission', async () => {
    const before = await cachedDetail();
    const role = (await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } })) as { id: number };
    const action = 'plugin::movie-reviews.reviews.findOne';
    await app.strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id, action } });
    try {
      expect((await detail({ 'If-None-Match': before.headers.etag })).status).toBe(403);
      expect((await detail()).status).toBe(403);
    } finally {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    expect((await detail()).status).toBe(200);
  });
});
