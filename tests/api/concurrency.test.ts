/**
 * 200 comment posts at once (rate limit raised for the test) store exactly 200
 * comments: none lost, none duplicated, each with its own documentId.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, listen, rawRequest } from '../helpers/fixtures';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '10000' } });
});
afterAll(async () => {
  await app?.close();
});

it('stores exactly 200 comments from 200 concurrent posts', async () => {
  const target = await listen(app);
  const N = 200;
  const bodies = Array.from({ length: N }, (_, i) =>
    JSON.stringify({
      authorName: `Crowd ${i}`,
      authorEmail: `crowd${i}@example.org`,
      content: `concurrent comment #${i}`,
    })
  );
  const responses = await Promise.all(
    bodies.map((body) =>
      rawRequest(target, {
        method: 'POST',
        path: `${API}/reviews/her-2013/comments`,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
        chunks: [body],
      })
    )
  );
  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s !== 201)).toEqual([]);
  const returned = responses.map((r) => (r.json as { data: { documentId: string; content: string } }).data);
  expect(new Set(returned.map((c) => c.documentId)).size).toBe(N);

  const rows = (await app.strapi.db.query(COMMENT).findMany({
    select: ['documentId', 'content', 'authorEmail', 'moderationStatus'],
    where: { content: { $startsWith: 'concurrent comment #' } },
  })) as Array<{ documentId: string; content: string; authorEmail: string; status: string }>;
  expect(rows).toHaveLength(N);
  expect(new Set(rows.map((r) => r.content)).size).toBe(N);
  expect(new Set(rows.map((r) => r.documentId))).toEqual(new Set(returned.map((c) => c.documentId)));
  for (let i = 0; i < N; i += 1) {
    const row = rows.find((r) => r.content === `concurrent comment #${i}`);
    expect(row).toMatchObject({ authorEmail: `crowd${i}@example.org`, moderationStatus: 'pending' });
  }
});
