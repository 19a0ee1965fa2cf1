/**
 * The read side of the custom fields on a real Strapi: stills expanded with one
 * query for a whole page (a deleted file is dropped, not a 500), songs with an
 * embed URL rebuilt from the parsed id; and the Content Manager labels and list
 * columns set at bootstrap without overriding an editor's own.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { deleteFile, uploadFile, type UploadedFile } from './helpers/media';
import { expandStillsBatch, missingStillFiles, toPublicSong } from '../../server/src/custom-fields/read';
import { configureContentManager } from '../../server/src/content-manager-layout';

const REVIEW = 'plugin::movie-reviews.movie-review';
const COMMENT = 'plugin::movie-reviews.comment';

let app: TestApp;
let files: UploadedFile[];

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  files = [];
  for (let i = 0; i < 4; i += 1) files.push(await uploadFile(app.strapi, `read-still-${i}.png`));
});
afterAll(async () => {
  await app?.close();
});

/** Runs `fn` and returns the SQL statements it sent. */
const captureQueries = async <T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> => {
  const sql: string[] = [];
  const listener = (q: { sql: string }) => sql.push(q.sql);
  app.strapi.db.connection.on('query', listener);
  try {
    const result = await fn();
    return { result, sql };
  } finally {
    app.strapi.db.connection.off('query', listener);
  }
};

describe('expandStillsBatch', () => {
  it('expands a page of entries with one query, keeps order, and drops deleted files', async () => {
    const doomed = await uploadFile(app.strapi, 'doomed.png');
    const values = Array.from({ length: 20 }, (_, i) => [
      { file: files[i % 4].id, caption: `Entry ${i}`, alt: `Alt ${i}` },
      { file: doomed.id, caption: null, alt: 'Soon gone' },
      { file: files[(i + 1) % 4].id, caption: null, alt: 'Second' },
    ]);
    await deleteFile(app.strapi, doomed.id);

    const { result, sql } = await captureQueries(() => expandStillsBatch(app.strapi, [...values, null, 'junk', []]));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/files/);
    expect(result).toHaveLength(23);
    result.slice(0, 20).forEach((stills, i) => {
      expect(stills.map((s) => s.alt)).toEqual([`Alt ${i}`, 'Second']);
      expect(stills[0]).toEqual({
        caption: `Entry ${i}`,
        alt: `Alt ${i}`,
        image: {
          url: files[i % 4].url,
          width: 1,
          height: 1,
          mime: 'image/png',
          formats: null,
        },
      });
    });
    expect(result.slice(20)).toEqual([[], [], []]);
  });

  it('sends no query when there is nothing to expand', async () => {
    const { result, sql } = await captureQueries(() => expandStillsBatch(app.strapi, [null, [], undefined]));
    expect(sql).toHaveLength(0);
    expect(result).toEqual([[], [], []]);
  });

  it('gives the image formats of the seeded stills', async () => {
    const her = await app.strapi.db
      .query(REVIEW)
      .findOne({ where: { slug: 'her-2013', publishedAt: { $notNull: true } } });
    const [stills] = await expandStillsBatch(app.strapi, [her.stills]);
    expect(stills).toHaveLength(3);
    expect(stills[0].image).toMatchObject({ mime: 'image/jpeg', width: 1280, height: 544 });
    expect(stills[0].image.url).toMatch(/^\/uploads\/.+\.jpg$/);
    expect(Object.keys(stills[0].image.formats ?? {})).toEqual(expect.arrayContaining(['thumbnail', 'small']));
    expect(stills[0].image.formats?.thumbnail).toEqual({
      url: expect.stringMatching(/^\/uploads\/thumbnail_/),
      width: expect.any(Number),
      height: expect.any(Number),
      mime: 'image/jpeg',
    });
  });

  it('lists the files a value points at that no longer exist', async () => {
    const gone = await uploadFile(app.strapi, 'gone.png');
    await deleteFile(app.strapi, gone.id);
    expect(
      await missingStillFiles(app.strapi, [
        { file: files[0].id, alt: 'a' },
        { file: gone.id, alt: 'b' },
      ])
    ).toEqual([gone.id]);
    // An id no file can have (stored outside the editor) is missing too, on every database
    // (PostgreSQL refuses it in a query on an integer column).
    expect(
      await missingStillFiles(app.strapi, [
        { file: files[0].id, alt: 'a' },
        { file: 1e15, alt: 'huge' },
      ])
    ).toEqual([1e15]);
    expect(await missingStillFiles(app.strapi, [{ file: 2 ** 31, alt: 'huge' }])).toEqual([2 ** 31]);
    const [expanded] = await expandStillsBatch(app.strapi, [
      [
        { file: 1e15, alt: 'huge' },
        { file: files[0].id, alt: 'a' },
      ],
    ]);
    expect(expanded.map((still) => still.alt)).toEqual(['a']);
  });
});

describe('toPublicSong', () => {
  it('adds an embed URL built from the parsed id, with the start time', () => {
    expect(
      toPublicSong({
        url: 'https://www.youtube.com/watch?v=3VKoeVMJN8w&si=tracking',
        provider: 'youtube',
        title: 'The Moon Song',
        artist: 'Karen O',
        startAt: 30,
      })
    ).toEqual({
      url: 'https://www.youtube.com/watch?v=3VKoeVMJN8w&si=tracking',
      provider: 'youtube',
      embedUrl: 'https://www.youtube-nocookie.com/embed/3VKoeVMJN8w?start=30',
      title: 'The Moon Song',
      artist: 'Karen O',
      startAt: 30,
    });
  });

  it('gives null for a stored value that no longer parses or whose provider is not allowed any more', () => {
    expect(toPublicSong({ url: 'https://evil.example/x', provider: 'youtube' })).toBeNull();
    expect(toPublicSong('https://youtu.be/3VKoeVMJN8w')).toBeNull();
    expect(toPublicSong({ url: 'https://vimeo.com/76979871', provider: 'vimeo' }, ['youtube'])).toBeNull();
  });
});

describe('for host apps', () => {
  it('offers the same read shapes as a service, honouring the allowed providers', async () => {
    const service = app.strapi.plugin('movie-reviews').service('customFields');
    expect(await service.song({ url: 'https://vimeo.com/76979871', provider: 'vimeo', startAt: 5 })).toMatchObject({
      provider: 'vimeo',
      embedUrl: 'https://player.vimeo.com/video/76979871#t=5s',
    });
    const [stills] = await service.stills([[{ file: files[0].id, caption: null, alt: 'A' }]]);
    expect(stills).toEqual([{ caption: null, alt: 'A', image: expect.objectContaining({ url: files[0].url }) }]);
    const settings = app.strapi.plugin('movie-reviews').service('settings');
    await settings.set({ embedProviders: ['youtube'] });
    try {
      expect(await service.song({ url: 'https://vimeo.com/76979871', provider: 'vimeo' })).toBeNull();
    } finally {
      await settings.set({ embedProviders: ['youtube', 'spotify', 'soundcloud', 'apple-music', 'vimeo'] });
    }
  });

  it('registers the fields for any content type, each with its stored type', () => {
    const registry = app.strapi.get('custom-fields');
    const stored: Record<string, string> = {
      synopsis: 'json',
      stills: 'json',
      'song-embed': 'json',
      'author-links': 'json',
      cast: 'json',
      tags: 'json',
      locations: 'json',
      year: 'integer',
      rating: 'decimal',
    };
    for (const [name, type] of Object.entries(stored)) {
      expect(registry.get(`plugin::movie-reviews.${name}`)).toMatchObject({ name, plugin: 'movie-reviews', type });
    }
  });
});

describe('Content Manager layout', () => {
  const configuration = async (token: string, uid: string) => {
    const res = await app
      .http()
      .get(`/content-manager/content-types/${uid}/configuration`)
      .set({ Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    return res.body.data.contentType as {
      settings: Record<string, unknown>;
      metadatas: Record<
        string,
        {
          edit: { label: string; description: string; visible?: boolean };
          list: { label: string; mainField?: unknown };
        }
      >;
      layouts: { list: string[]; edit: Array<Array<{ name: string }>> };
    };
  };

  it('gives the plugin types friendly labels, hints and list columns on a fresh install', async () => {
    const token = await adminToken(app);
    const review = await configuration(token, REVIEW);
    expect(review.metadatas.movieTitle.edit.label).toBe('Movie title');
    expect(review.metadatas.movieYear.edit.label).toBe('Year');
    expect(review.metadatas.movieRuntimeMinutes.edit.label).toBe('Runtime (minutes)');
    expect(review.metadatas.movieImdbId.edit.description).toMatch(/tt1798709/);
    expect(review.metadatas.author.edit.label).toBe('Author');
    expect(review.metadatas.author.list.label).toBe('Author');
    expect(review.layouts.list).toEqual(['title', 'movieTitle', 'movieYear', 'rating', 'author', 'updatedAt']);
    // The deprecated inline author fields are out of the edit view; the relation is in it.
    const editFields = review.layouts.edit.flat().map((cell) => cell.name);
    expect(editFields).toContain('author');
    for (const field of ['authorName', 'authorBio', 'authorAvatar']) expect(editFields).not.toContain(field);
    const author = await configuration(token, 'plugin::movie-reviews.author');
    expect(author.metadatas.links.edit.label).toBe('Links');
    expect(author.metadatas.avatar.edit.description).toMatch(/media library/);
    expect(author.layouts.list).toEqual(['name', 'slug', 'updatedAt']);
    expect(author.layouts.edit.flat().map((cell) => cell.name)).not.toContain('reviews');
    const comment = await configuration(token, COMMENT);
    expect(comment.metadatas.content.edit.label).toBe('Comment');
    expect(comment.layouts.list).toEqual([
      'authorName',
      'content',
      'moderationStatus',
      'reviewDocumentId',
      'createdAt',
    ]);
  });

  it("keeps an editor's later changes when it runs again", async () => {
    const token = await adminToken(app);
    const auth = { Authorization: `Bearer ${token}` };
    const current = await configuration(token, REVIEW);
    const metadatas = structuredClone(current.metadatas);
    // What "Configure the view" sends back: the list metadatas without the relation main field the GET adds.
    for (const meta of Object.values(metadatas)) delete meta.list.mainField;
    metadatas.movieTitle.edit.label = 'Film';
    metadatas.movieYear.edit.label = 'movieYear';
    const put = await app
      .http()
      .put(`/content-manager/content-types/${REVIEW}/configuration`)
      .set(auth)
      .send({ settings: current.settings, metadatas, layouts: { ...current.layouts, list: ['title', 'rating'] } });
    expect([put.status, put.body.error]).toEqual([200, undefined]);

    // A restart with the marker in place changes nothing.
    await configureContentManager(app.strapi);
    let after = await configuration(token, REVIEW);
    expect(after.metadatas.movieTitle.edit.label).toBe('Film');
    expect(after.layouts.list).toEqual(['title', 'rating']);

    // Even without the marker (a store restored from elsewhere), only default labels are touched, not the list.
    const store = app.strapi.store({ type: 'plugin', name: 'movie-reviews' });
    await store.set({ key: 'content-manager-layout', value: { [REVIEW]: 0 } });
    await configureContentManager(app.strapi);
    after = await configuration(token, REVIEW);
    expect(after.metadatas.movieTitle.edit.label).toBe('Film');
    expect(after.metadatas.movieYear.edit.label).toBe('Year');
    expect(after.layouts.list).toEqual(['title', 'rating']);
  });

  it('replaces the old JSON hints of cast, tags and locations (kept when an editor wrote their own) and hides sourceId', async () => {
    const token = await adminToken(app);
    const current = await configuration(token, REVIEW);
    expect(current.metadatas.sourceId.edit.visible).toBe(false);
    const metadatas = structuredClone(current.metadatas);
    for (const meta of Object.values(metadatas)) delete meta.list.mainField;
    // An install from before: the JSON hints of version 1, and one hint an editor wrote.
    metadatas.movieCast.edit.description =
      'A JSON list, e.g. [{ "actor": "Joaquin Phoenix", "character": "Theodore" }]';
    metadatas.tags.edit.description = 'A JSON list of tags, e.g. ["drama", "romance"]';
    metadatas.filmingLocations.edit.description = 'Where it was shot, as the studio lists it';
    const put = await app
      .http()
      .put(`/content-manager/content-types/${REVIEW}/configuration`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ settings: current.settings, metadatas, layouts: current.layouts });
    expect([put.status, put.body.error]).toEqual([200, undefined]);
    const store = app.strapi.store({ type: 'plugin', name: 'movie-reviews' });
    await store.set({ key: 'content-manager-layout', value: { [REVIEW]: 1 } });
    await configureContentManager(app.strapi);
    const after = await configuration(token, REVIEW);
    expect(after.metadatas.movieCast.edit.description).toBe('');
    expect(after.metadatas.tags.edit.description).toBe('');
    expect(after.metadatas.filmingLocations.edit.description).toBe('Where it was shot, as the studio lists it');
  });

  it('takes the deprecated author fields out of an edit view set up before authors, once', async () => {
    const token = await adminToken(app);
    const auth = { Authorization: `Bearer ${token}` };
    const store = app.strapi.store({ type: 'plugin', name: 'movie-reviews' });
    const withInlineAuthor = async () => {
      const current = await configuration(token, REVIEW);
      const metadatas = structuredClone(current.metadatas);
      for (const meta of Object.values(metadatas)) delete meta.list.mainField;
      (metadatas.authorName.edit as { visible?: boolean }).visible = true;
      const edit = [...current.layouts.edit, [{ name: 'authorName', size: 6 }]];
      const put = await app
        .http()
        .put(`/content-manager/content-types/${REVIEW}/configuration`)
        .set(auth)
        .send({ settings: current.settings, metadatas, layouts: { ...current.layouts, edit } });
      expect([put.status, put.body.error]).toEqual([200, undefined]);
    };
    const editFields = async () => (await configuration(token, REVIEW)).layouts.edit.flat().map((c) => c.name);

    // An install whose layout was written by version 1 still shows the inline author name.
    await withInlineAuthor();
    await store.set({ key: 'content-manager-layout', value: { [REVIEW]: 1 } });
    await configureContentManager(app.strapi);
    expect(await editFields()).not.toContain('authorName');

    // Put back by an editor after that: kept.
    await withInlineAuthor();
    await configureContentManager(app.strapi);
    expect(await editFields()).toContain('authorName');
  });
});
