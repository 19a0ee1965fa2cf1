/**
 * The compiled review reads (server/src/services/review-rows.ts) return what Strapi's
 * query engine returns for the same select, on the database the suite runs on: every
 * sort order of the public list, the detail row by slug (alone, and beside the review's
 * version, services/review-version.ts), the published count, and the
 * `IN (...)` statements padded to a power of two (files, authors) for every length.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { dbClient } from '../helpers/database';
import { COMMENT, createComment, createReview, REVIEW, unlinkAuthor } from '../helpers/fixtures';
import { MAX_ORDERS, reviewRows } from '../../server/src/services/review-rows';
import { keptSqliteStatements, literalLimit } from '../../server/src/utils/compiled-statement';
import { DETAIL_COLUMNS, SUMMARY_COLUMNS } from '../../server/src/services/review-format';
import { readAuthorsOfReviews } from '../../server/src/services/review-authors';
import { expandStillsBatch, type StillFile } from '../../server/src/custom-fields/read';
import { SORT_FIELDS, type SortOrder } from '../../server/src/validation/list-query';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  // Ties on every sort key (same year, rating, title prefix), an unrated one, a draft.
  for (let i = 0; i < 12; i += 1) {
    await createReview(app, {
      title: `Compiled ${i % 3}`,
      movieYear: 1990 + (i % 2),
      rating: i % 4 === 0 ? null : 5 + (i % 3),
      tags: ['compiled'],
      commentsEnabled: i % 2 === 0,
    });
  }
  await createReview(app, { title: 'Compiled draft' }, { publish: false });
  await unlinkAuthor(app, (await createReview(app, { title: 'Compiled without author' })).documentId);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

const engine = () => app.strapi.db.query(REVIEW);
const published = { publishedAt: { $notNull: true } };

const order = (key: keyof typeof SORT_FIELDS, direction: 'asc' | 'desc'): SortOrder => ({
  key,
  column: SORT_FIELDS[key],
  direction,
});
const orders: SortOrder[][] = [
  // Rating first is read through the query engine (unrated last); as a later key it is compiled.
  ...(['publishedAt', 'title', 'movie.year'] as const).flatMap((key) =>
    (['asc', 'desc'] as const).map((direction) => [order(key, direction)])
  ),
  [order('title', 'asc'), order('movie.year', 'desc')],
  [order('movie.year', 'desc'), order('rating', 'asc'), order('title', 'desc')],
];

describe('compiled review reads', () => {
  it.each(orders.map((sort) => [sort.map((s) => `${s.key}:${s.direction}`).join(','), sort] as const))(
    'a page sorted by %s matches the query engine, at every offset',
    async (_name, sort) => {
      const rows = reviewRows(app.strapi);
      const total = Number(await engine().count({ where: published }));
      expect(total).toBeGreaterThan(12);
      for (const [offset, limit] of [
        [0, 5],
        [3, 7],
        [total - 2, 10],
        [total + 5, 10],
      ]) {
        const expected = await engine().findMany({
          select: [...SUMMARY_COLUMNS],
          where: published,
          orderBy: [...sort.map((s) => ({ [s.column]: s.direction })), { id: 'desc' }],
          offset,
          limit,
        });
        const actual = await rows.publishedPage(sort, offset, limit);
        expect(actual).toEqual(expected);
      }
    }
  );

  it('reads the detail row by slug as the query engine does, and nothing for a draft or an unknown slug', async () => {
    const rows = reviewRows(app.strapi);
    const slugs = ((await engine().findMany({ select: ['slug'], where: published })) as Array<{ slug: string }>).map(
      (r) => r.slug
    );
    expect(slugs.length).toBeGreaterThan(12);
    const version = app.strapi.plugin('movie-reviews').service('reviewVersion') as {
      read(slug: string): Promise<{ etag: string; row: { id: number; author?: unknown } } | null>;
    };
    const authors: unknown[] = [];
    for (const slug of slugs) {
      const expected = (await engine().findOne({ select: [...DETAIL_COLUMNS], where: { slug, ...published } })) as {
        id: number;
      };
      expect(await rows.publishedBySlug(slug)).toEqual(expected);
      // The version statement returns the same row beside the ETag, with its author as the
      // authors' own statement reads it (the early path builds the detail from them).
      const read = await version.read(slug);
      const { author, ...row } = read?.row ?? { author: undefined };
      expect(row).toEqual(expected);
      const expectedAuthor = (await readAuthorsOfReviews(app.strapi, [expected.id])).get(expected.id) ?? null;
      expect(author).toEqual(expectedAuthor);
      authors.push(author);
    }
    // Both kinds were compared: an author with an avatar (the seeded one) and a review without an author.
    expect(authors).toContainEqual(
      expect.objectContaining({ avatar: expect.objectContaining({ id: expect.any(Number) }) })
    );
    expect(authors).toContain(null);
    expect(await version.read('no-such-review')).toBeNull();
    const draft = (await engine().findOne({ where: { title: 'Compiled draft', publishedAt: null } })) as {
      slug: string;
    };
    expect(draft.slug).toBeTruthy();
    expect(await rows.publishedBySlug(draft.slug)).toBeNull();
    expect(await rows.publishedBySlug('no-such-review')).toBeNull();
  });

  it('gives the visible comment count with the version when every approved comment is visible, and only then', async () => {
    const version = app.strapi.plugin('movie-reviews').service('reviewVersion') as {
      read(slug: string): Promise<{ known: { visibleComments?: number } } | null>;
    };
    const comments = app.strapi.plugin('movie-reviews').service('comments') as {
      countVisible(reviewDocumentId: string): Promise<number>;
    };
    const setStatus = (documentId: string, moderationStatus: string) =>
      app.strapi.db.query(COMMENT).update({ where: { documentId }, data: { moderationStatus } });
    // [title, how the comments are built, the visible count, whether the version statement knows it]
    const shapes: Array<[string, (review: string) => Promise<unknown>, number, boolean]> = [
      ['none', async () => undefined, 0, true],
      [
        'a reply to a top-level comment, and a pending one',
        async (review) => {
          const top = await createComment(app, review);
          await createComment(app, review, { parentDocumentId: top.documentId });
          await createComment(app, review, { moderationStatus: 'pending' });
        },
        2,
        true,
      ],
      [
        'an approved reply under a rejected comment',
        async (review) => {
          const top = await createComment(app, review);
          await createComment(app, review, { parentDocumentId: top.documentId });
          await setStatus(top.documentId, 'rejected');
        },
        0,
        false,
      ],
      [
        'a reply to a reply',
        async (review) => {
          const top = await createComment(app, review);
          const reply = await createComment(app, review, { parentDocumentId: top.documentId });
          await createComment(app, review, { parentDocumentId: reply.documentId });
        },
        3,
        false,
      ],
    ];
    for (const [title, build, visible, known] of shapes) {
      const review = await createReview(app, { title: `Comments: ${title}` });
      await build(review.documentId);
      expect(await comments.countVisible(review.documentId)).toBe(visible);
      expect((await version.read(review.slug))?.known.visibleComments).toBe(known ? visible : undefined);
    }
  });

  it('reads the files of the stills with the version on PostgreSQL, the same the files query reads, whatever is stored', async () => {
    const version = app.strapi.plugin('movie-reviews').service('reviewVersion') as {
      read(slug: string): Promise<{ row: { stills: unknown }; known: { stillFiles?: StillFile[] } } | null>;
    };
    const files = (await app.strapi.db
      .query('plugin::upload.file')
      .findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } }, orderBy: { id: 'asc' } })) as Array<{
      id: number;
    }>;
    expect(files.length).toBeGreaterThanOrEqual(2);
    const [a, b] = files.map((f) => f.id);
    const deleted = files[files.length - 1].id + 1000;
    // Stored values the public read must survive: only whole-number ids that exist give a still.
    const stored: Array<[string, unknown, number]> = [
      [
        'two stills',
        [
          { file: a, alt: 'A' },
          { file: b, alt: 'B', caption: 'Two' },
        ],
        2,
      ],
      [
        'the same file twice',
        [
          { file: a, alt: 'A' },
          { file: a, alt: 'Again' },
        ],
        2,
      ],
      [
        'a deleted file',
        [
          { file: deleted, alt: 'Gone' },
          { file: b, alt: 'B' },
        ],
        1,
      ],
      [
        'an id as text, a fraction, a negative and a huge id',
        [
          { file: String(a), alt: 'x' },
          { file: b + 0.5, alt: 'x' },
          { file: -a, alt: 'x' },
          { file: 1e15, alt: 'x' },
        ],
        0,
      ],
      ['no alt text, and elements that are not stills', [{ file: a }, 5, null, [b], { alt: 'no file' }], 0],
      ['an object instead of a list', { file: a, alt: 'A' }, 0],
      ['nothing', null, 0],
    ];
    // Stored by SQL on PostgreSQL (what the query engine cannot write): numbers JavaScript reads as
    // whole ones, a `file` that is not a number, and a list stored twice-encoded (a JSON string).
    const raw: Array<[string, string, number]> =
      dbClient() === 'postgres'
        ? [
            [
              'numbers read as whole ones',
              `[{"file": ${b - 1}.9999999999999999, "alt": "x"}, {"file": 0.99999999999999999, "alt": "y"}]`,
              // File b, and file 1 when it is one of the images.
              files[0].id === 1 ? 2 : 1,
            ],
            ['a file that is not a number', `[{"file": "abc", "alt": "x"}, {"file": ${a}, "alt": "A"}]`, 1],
            [
              'twice-encoded',
              JSON.stringify(
                JSON.stringify([
                  { file: a, alt: 'A' },
                  { file: b, alt: 'B' },
                ])
              ),
              2,
            ],
          ]
        : [];
    const table = app.strapi.db.metadata.get(REVIEW).tableName;
    for (const [title, stills, expected] of [...stored, ...raw]) {
      const review = await createReview(app, { title: `Stills: ${title}` });
      if (typeof stills === 'string') {
        await app.strapi.db.connection.raw(`update ?? set stills = ?::jsonb where document_id = ?`, [
          table,
          stills,
          review.documentId,
        ]);
      } else {
        await engine().updateMany({ where: { documentId: review.documentId }, data: { stills } });
      }
      const read = await version.read(review.slug);
      expect(read).not.toBeNull();
      const known = read?.known.stillFiles;
      // Read with the version on PostgreSQL, except for a value stored twice-encoded (the files query reads those).
      if (dbClient() === 'postgres' && title !== 'twice-encoded') expect(Array.isArray(known)).toBe(true);
      else expect(known).toBeUndefined();
      const [withKnown] = await expandStillsBatch(app.strapi, [read?.row.stills], known);
      const [queried] = await expandStillsBatch(app.strapi, [read?.row.stills]);
      expect({ title, stills: withKnown }).toEqual({ title, stills: queried });
      expect({ title, count: queried.length }).toEqual({ title, count: expected });
    }
  });

  it('writes a LIMIT into the SQL only as a whole number', () => {
    const query = () => app.strapi.db.connection('movie_reviews').select('id');
    const { sql, bindings } = literalLimit(query(), 3).toSQL();
    expect(sql).toMatch(/limit 3$/);
    expect(bindings).toEqual([]);
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => literalLimit(query(), bad)).toThrow('is not a row count');
    }
  });

  it('counts the published reviews, also with a page, full or past the end', async () => {
    const total = Number(await engine().count({ where: published }));
    const rows = reviewRows(app.strapi);
    expect(await rows.publishedCount()).toBe(total);
    for (const [offset, limit, length] of [
      [0, 5, 5],
      [total - 1, 5, 1],
      [total + 5, 5, 0],
    ]) {
      const page = await rows.publishedPageWithTotal([order('title', 'asc')], offset, limit);
      expect({ offset, length: page.rows.length, total: page.total }).toEqual({ offset, length, total });
    }
  });

  // On PostgreSQL the compiled statements are named, so node-postgres prepares each once per connection.
  (dbClient() === 'postgres' ? it : it.skip)(
    'runs the compiled statements as named prepared statements on PostgreSQL',
    async () => {
      const seen: Array<{ sql: string; name: unknown }> = [];
      const listen = (query: { sql: string; options?: { name?: unknown } }) =>
        seen.push({ sql: query.sql, name: query.options?.name });
      app.strapi.db.connection.on('query', listen);
      try {
        for (let i = 0; i < 3; i += 1) {
          expect(await reviewRows(app.strapi).publishedCount()).toBe(
            Number(await engine().count({ where: published }))
          );
        }
      } finally {
        app.strapi.db.connection.off('query', listen);
      }
      const compiled = seen.filter((q) => q.name !== undefined);
      expect(compiled).toHaveLength(3);
      expect(new Set(compiled.map((q) => q.name)).size).toBe(1);
      expect(compiled[0].name).toMatch(/^movie_reviews_[0-9a-f]{40}$/);
      // The query engine's own count is not named (each of its statements is prepared on every call).
      const engineCounts = seen.filter(
        (q) => q.name === undefined && /count\(/i.test(q.sql) && q.sql.includes('movie_reviews')
      );
      expect(engineCounts).toHaveLength(3);
    }
  );

  it('keeps at most MAX_ORDERS page statements prepared; orders past them are prepared for their call only', async () => {
    // Every order of up to three keys, none starting with rating (read through the query engine):
    // far more than are kept, each one checked against the query engine.
    const keys = Object.keys(SORT_FIELDS) as Array<keyof typeof SORT_FIELDS>;
    const allOrders: SortOrder[][] = [];
    const extend = (prefix: SortOrder[]) => {
      if (prefix.length) allOrders.push(prefix);
      if (prefix.length === 3) return;
      for (const key of keys.filter((k) => !prefix.some((s) => s.key === k))) {
        if (!prefix.length && key === 'rating') continue;
        for (const direction of ['asc', 'desc'] as const) extend([...prefix, order(key, direction)]);
      }
    };
    extend([]);
    expect(allOrders.length).toBeGreaterThan(MAX_ORDERS + 20);

    const rows = reviewRows(app.strapi);
    const named: Array<unknown> = [];
    const listen = (query: { sql: string; options?: { name?: unknown } }) => {
      if (query.sql.includes('order by')) named.push(query.options?.name);
    };
    const keptBefore = await keptSqliteStatements(app.strapi.db);
    const runAll = async () => {
      for (const sort of allOrders) {
        const expected = await engine().findMany({
          select: [...SUMMARY_COLUMNS],
          where: published,
          orderBy: [...sort.map((s) => ({ [s.column]: s.direction })), { id: 'desc' }],
          limit: 3,
        });
        expect(await rows.publishedPage(sort, 0, 3)).toEqual(expected);
      }
    };
    app.strapi.db.connection.on('query', listen);
    try {
      await runAll();
      const keptAfterOne = await keptSqliteStatements(app.strapi.db);
      await runAll();
      // The second time round, nothing more is kept.
      expect(await keptSqliteStatements(app.strapi.db)).toBe(keptAfterOne);
      if (dbClient() === 'sqlite') {
        expect(keptAfterOne - keptBefore).toBeGreaterThan(0);
        expect(keptAfterOne - keptBefore).toBeLessThanOrEqual(MAX_ORDERS);
      } else expect(keptAfterOne).toBe(0);
    } finally {
      app.strapi.db.connection.off('query', listen);
    }
    // On PostgreSQL the kept orders run as named statements, the others unnamed (not prepared on the session).
    const compiledPages = named.filter((_, i) => i % 2 === 1); // each order: the engine's read, then ours
    expect(compiledPages).toHaveLength(allOrders.length * 2);
    const names = new Set(compiledPages.filter((name) => name !== undefined));
    if (dbClient() === 'postgres') {
      expect(names.size).toBe(MAX_ORDERS);
      expect(compiledPages.filter((name) => name === undefined)).toHaveLength((allOrders.length - MAX_ORDERS) * 2);
    } else expect(names.size).toBe(0);
  });

  it('reads authors and files for every list length the same as one at a time (padded IN lists)', async () => {
    const all = (await engine().findMany({
      select: ['id', 'stills'],
      where: published,
      orderBy: { id: 'asc' },
    })) as Array<{
      id: number;
      stills: unknown;
    }>;
    const one = await Promise.all(
      all.map(async (r) => [
        (await readAuthorsOfReviews(app.strapi, [r.id])).get(r.id) ?? null,
        (await expandStillsBatch(app.strapi, [r.stills]))[0],
      ])
    );
    for (const length of [1, 2, 3, 5, 8, 9, all.length]) {
      const slice = all.slice(0, length);
      const authors = await readAuthorsOfReviews(
        app.strapi,
        slice.map((r) => r.id)
      );
      const stills = await expandStillsBatch(
        app.strapi,
        slice.map((r) => r.stills)
      );
      expect(slice.map((r) => authors.get(r.id) ?? null)).toEqual(one.slice(0, length).map(([author]) => author));
      // Nothing but the reviews asked for (the padding repeats one of them).
      const asked = new Set(slice.map((r) => r.id));
      expect([...authors.keys()].filter((id) => !asked.has(id))).toEqual([]);
      expect(stills).toEqual(one.slice(0, length).map(([, s]) => s));
    }
    expect(one.some(([author]) => author !== null)).toBe(true);
    expect(one.some(([, s]) => Array.isArray(s) && s.length > 0)).toBe(true);
  });
});
