/**
 * The plugin's hand-compiled reads (utils/compiled-statement.ts: authors, stills
 * files, comment counts, review versions) run through the current transaction when
 * there is one, as Strapi's query engine does. On SQLite, with its single connection,
 * a read beside an open transaction would wait for it until knex gives up.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createComment } from '../helpers/fixtures';

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

it('reads the detail and its version through a transaction that has written', async () => {
  const her = (await app.strapi.db
    .query('plugin::movie-reviews.movie-review')
    .findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } })) as { documentId: string };
  const outside = await service('reviews').findOne('her-2013');
  const outsideEtag = await service('reviewVersion').etag('her-2013');
  expect(outside).not.toBeNull();
  const inside = await within(
    10_000,
    app.strapi.db.transaction(async () => {
      // An approved comment written in the transaction: reads through it see it (on every
      // database), reads beside it do not (PostgreSQL, MariaDB) or wait for it (SQLite).
      await createComment(app, her.documentId, { content: 'Written in the transaction' });
      return {
        detail: await service('reviews').findOne('her-2013'),
        etag: await service('reviewVersion').etag('her-2013'),
      };
    })
  );
  expect(inside.detail).toMatchObject({ title: outside?.title, author: outside?.author, stills: outside?.stills });
  expect(inside.detail?.commentCount).toBe((outside?.commentCount ?? 0) + 1);
  expect(inside.etag).toEqual(expect.any(String));
  expect(inside.etag).not.toBe(outsideEtag);
});
