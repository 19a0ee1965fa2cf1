/**
 * Bootstrap migration of inline authors (server/src/migrations/inline-authors.ts):
 * review rows written the old way (authorName/authorBio/authorAvatar, no author
 * relation), straight into the database, are linked to Author entries on the next
 * boot, one author per name; booting again creates nothing.
 */
import { randomBytes } from 'node:crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, REVIEW } from '../helpers/fixtures';
import type { TestDatabase } from '../helpers/database';
import { migrateInlineAuthors } from '../../server/src/migrations/inline-authors';

const AUTHOR = 'plugin::movie-reviews.author';
const FILE = 'plugin::upload.file';

let app: TestApp | undefined;
let database: TestDatabase;

const documentId = () => randomBytes(12).toString('hex');

interface LinkedRow {
  id: number;
  slug: string;
  publishedAt: string | null;
  author: { id: number; name: string } | null;
}

const reviewRows = async (a: TestApp) =>
  (await a.strapi.db.query(REVIEW).findMany({
    select: ['id', 'slug', 'publishedAt'],
    populate: { author: { select: ['id', 'name'] } },
    orderBy: { id: 'asc' },
  })) as LinkedRow[];

const authorRows = async (a: TestApp) =>
  (await a.strapi.db.query(AUTHOR).findMany({
    select: ['id', 'name', 'slug', 'bio'],
    populate: { avatar: { select: ['id'] } },
    orderBy: { id: 'asc' },
  })) as Array<{ id: number; name: string; slug: string; bio: string | null; avatar: { id: number } | null }>;

/** A review as the plugin stored it before authors existed: a draft row and, when `published`, its published row. */
const insertLegacyReview = async (
  a: TestApp,
  fields: { slug: string; authorName: string; authorBio?: string; authorAvatar?: number },
  published: boolean
) => {
  const id = documentId();
  const base = {
    documentId: id,
    title: `Legacy ${fields.slug}`,
    slug: fields.slug,
    movieTitle: 'Legacy film',
    movieYear: 1999,
    authorName: fields.authorName,
    authorBio: fields.authorBio ?? null,
    ...(fields.authorAvatar ? { authorAvatar: fields.authorAvatar } : {}),
  };
  await a.strapi.db.query(REVIEW).create({ data: { ...base, publishedAt: null } });
  if (published) await a.strapi.db.query(REVIEW).create({ data: { ...base, publishedAt: new Date() } });
};

afterAll(async () => {
  await app?.close();
});

describe('inline authors migration', () => {
  it('links every legacy review row to one author per name at boot, and creates nothing on the next boots', async () => {
    // Boot 1: an empty database, then rows written the old way, as an older version left them.
    app = await startStrapi({ seed: false });
    database = app.db;
    const avatar = (await app.strapi.db.query(FILE).create({
      data: {
        name: 'old-hand.jpg',
        hash: 'old_hand_avatar',
        ext: '.jpg',
        mime: 'image/jpeg',
        size: 12.5,
        width: 400,
        height: 400,
        url: '/uploads/old_hand_avatar.jpg',
        provider: 'local',
        alternativeText: 'Old Hand at a typewriter',
      },
    })) as { id: number };
    const existing = (await app.strapi
      .documents(AUTHOR)
      .create({ data: { name: 'Already There', bio: 'Created by an editor' } })) as unknown as { id: number };
    await insertLegacyReview(
      app,
      { slug: 'legacy-one', authorName: 'Old Hand', authorBio: 'Writes a lot', authorAvatar: avatar.id },
      true
    );
    await insertLegacyReview(app, { slug: 'legacy-two', authorName: '  old HAND ' }, true);
    await insertLegacyReview(app, { slug: 'legacy-draft', authorName: 'Someone Else' }, false);
    await insertLegacyReview(app, { slug: 'legacy-three', authorName: 'already there' }, true);
    expect((await reviewRows(app)).every((r) => r.author === null)).toBe(true);
    await app.close({ keepDatabase: true });
    app = undefined;

    // Boot 2: the migration runs in bootstrap.
    app = await startStrapi({ seed: false, database });
    const authors = await authorRows(app);
    expect(authors.map((a) => a.name)).toEqual(['Already There', 'Old Hand', 'Someone Else']);
    const oldHand = authors.find((a) => a.name === 'Old Hand');
    expect(oldHand).toMatchObject({ slug: 'old-hand', bio: 'Writes a lot', avatar: { id: avatar.id } });
    const rows = await reviewRows(app);
    expect(rows).toHaveLength(7);
    const authorOf = Object.fromEntries(
      rows.map((r) => [`${r.slug}:${r.publishedAt ? 'published' : 'draft'}`, r.author?.name])
    );
    expect(authorOf).toEqual({
      'legacy-one:draft': 'Old Hand',
      'legacy-one:published': 'Old Hand',
      'legacy-two:draft': 'Old Hand',
      'legacy-two:published': 'Old Hand',
      'legacy-draft:draft': 'Someone Else',
      'legacy-three:draft': 'Already There',
      'legacy-three:published': 'Already There',
    });
    expect(rows.find((r) => r.slug === 'legacy-three')?.author?.id).toBe(existing.id);

    // The public API shows the migrated author, avatar and alt text included.
    const res = await app.http().get(`${API}/reviews/legacy-one`);
    expect(res.status).toBe(200);
    expect(res.body.data.author).toMatchObject({
      name: 'Old Hand',
      slug: 'old-hand',
      bio: 'Writes a lot',
      links: [],
      avatar: { url: '/uploads/old_hand_avatar.jpg', alternativeText: 'Old Hand at a typewriter' },
    });
    const page = await app.http().get(`${API}/authors/old-hand`);
    expect(page.status).toBe(200);
    expect(page.body.data.reviews.map((r: { slug: string }) => r.slug).sort()).toEqual(['legacy-one', 'legacy-two']);

    // Run again in the same process: nothing to link, nothing to create.
    expect(await migrateInlineAuthors(app.strapi)).toEqual({ linked: 0, authorsCreated: 0, skipped: 0 });
    await app.close({ keepDatabase: true });
    app = undefined;

    // Boot 3: the same authors, the same links.
    app = await startStrapi({ seed: false, database });
    expect(await authorRows(app)).toEqual(authors);
    expect((await reviewRows(app)).map((r) => r.author?.id)).toEqual(rows.map((r) => r.author?.id));
  });

  it('leaves a legacy name the author rules refuse inline, and still boots', async () => {
    if (!app) throw new Error('no app');
    const bad = `Bad\u0007Name`;
    await insertLegacyReview(app, { slug: 'legacy-bad', authorName: bad }, false);
    const before = (await authorRows(app)).length;
    const result = await migrateInlineAuthors(app.strapi);
    expect(result).toEqual({ linked: 0, authorsCreated: 0, skipped: 1 });
    expect((await authorRows(app)).length).toBe(before);
    const row = (await reviewRows(app)).find((r) => r.slug === 'legacy-bad');
    expect(row?.author).toBeNull();
  });
});
