/**
 * The plugin's hand-compiled reads (utils/compiled-statement.ts: authors, stills
 * files, comment counts, review versions) run through the current transaction when
 * there is one, as Strapi's query engine does. On SQLite, with its single connection,
 * a read beside an open transaction would wait for it until knex gives up.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ seed: true });
});
afterAll(async () => {
  await app?.close();
});

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms).unref()),
  ]);

interface Services {
  reviews: {
    findOne(slug: string): Promise<{ title: string; author: unknown; stills: unknown[]; commentCount: number } | null>;
    list(query: unknown): Promise<{ data: unknown[] }>;
  };
  reviewVersion: { etag(slug: string): Promise<string | null> };
}
const service = <K extends keyof Services>(name: K) => app.strapi.plugin('movie-reviews').service(name) as Services[K];

it('answers the detail and its version inside a transaction that has written', async () => {
  const outside = await service('reviews').findOne('her-2013');
  expect(outside).not.toBeNull();
  const inside = await within(
    10_000,
    app.strapi.db.transaction(async () => {
      // A write first, so the transaction holds the connection (and SQLite's write lock).
      await app.strapi.db.query('plugin::movie-reviews.movie-review').updateMany({
        where: { slug: 'her-2013' },
        data: { seoTitle: 'Written in the transaction' },
      });
      return {
        detail: await service('reviews').findOne('her-2013'),
        etag: await service('reviewVersion').etag('her-2013'),
      };
    })
  );
  expect(inside.detail).toMatchObject({
    title: outside?.title,
    author: outside?.author,
    stills: outside?.stills,
    commentCount: outside?.commentCount,
  });
  expect(inside.etag).toEqual(expect.any(String));
});
