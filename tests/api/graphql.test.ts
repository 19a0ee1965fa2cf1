/**
 * The typed GraphQL API returns what REST returns, validates the same way, shares
 * the comment rules, and has no shadow-CRUD entry points or private fields.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, createComment, createReview, gql, REVIEW, settingsService } from '../helpers/fixtures';

let app: TestApp;
let her: { documentId: string };

const IMAGE = 'url width height mime formats { name url width height mime }';
const SEO_IMAGE = 'url width height alt';
const SEO_FIELDS = `seo { title description canonicalUrl image { ${SEO_IMAGE} }
  openGraph { type title description url siteName image { ${SEO_IMAGE} } publishedTime modifiedTime tags }
  twitter { card title description image imageAlt } }
  share { facebook x whatsapp pinterest email copy }`;
const SUMMARY_FIELDS = `
  documentId slug title
  movie { title originalTitle year director cast { actor character } imdbId runtimeMinutes }
  synopsis { text source sourceUrl }
  stills { caption alt image { ${IMAGE} } }
  filmingLocations
  song { url provider embedUrl title artist startAt }
  rating
  author { name slug bio avatar { ${IMAGE} alternativeText } links { label url } }
  tags commentsEnabled publishedAt createdAt updatedAt`;
const COMMENT_FIELDS = 'documentId authorName content createdAt isEditor';
const THREAD = `${COMMENT_FIELDS} replies { ${COMMENT_FIELDS} replies { ${COMMENT_FIELDS} replies { ${COMMENT_FIELDS} } } }`;

/** GraphQL lists image formats with their name; REST keys them by name. */
const restFormats = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(restFormats);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === 'formats' && Array.isArray(v)) {
        return [k, v.length ? Object.fromEntries(v.map(({ name, ...rest }: { name: string }) => [name, rest])) : null];
      }
      return [k, restFormats(v)];
    })
  );
};

/** Drops the deepest `replies` level a query did not ask for. */
type Thread = Record<string, unknown> & { replies?: Thread[] | null };
const withoutEmptyReplies = (threads: Thread[]): Thread[] =>
  threads.map((c) => ({ ...c, replies: c.replies ? withoutEmptyReplies(c.replies) : [] }));

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  her = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })) as { documentId: string };
  await createReview(app, {
    title: 'Graph Alpha',
    movieYear: 1999,
    movieDirector: 'Lana Wachowski',
    rating: 8.5,
    tags: ['action'],
  });
  await createReview(app, { title: 'Graph Beta', movieYear: 2005, rating: 6, tags: ['action', 'drama'] });
});

afterAll(async () => {
  await app?.close();
});

describe('queries', () => {
  it('movieReviews returns the REST list', async () => {
    const res = await gql(
      app,
      `{ movieReviews { data { ${SUMMARY_FIELDS} } meta { pagination { page pageSize pageCount total } } } }`
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const rest = await app.http().get(`${API}/reviews`);
    expect(restFormats(res.body.data.movieReviews)).toEqual(rest.body);
    expect(res.body.data.movieReviews.data).toHaveLength(3);
  });

  it('movieReviews takes the same filters, search, sort and pagination as REST', async () => {
    const res = await gql(
      app,
      `query($f: MovieReviewsFiltersInput, $p: MovieReviewsPaginationInput, $s: [String!], $q: String) {
        movieReviews(filters: $f, pagination: $p, sort: $s, q: $q) { data { slug rating } meta { pagination { page pageSize pageCount total } } }
      }`,
      {
        f: { tags: { eq: 'ACTION' }, movie: { year: { gte: 1990 } }, rating: { gte: 6 } },
        p: { page: 1, pageSize: 1 },
        s: ['rating:desc'],
        q: 'graph',
      }
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.movieReviews).toEqual({
      data: [{ slug: 'graph-alpha-1999', rating: 8.5 }],
      meta: { pagination: { page: 1, pageSize: 1, pageCount: 2, total: 2 } },
    });
    const rest = await app
      .http()
      .get(
        `${API}/reviews?filters[tags]=ACTION&filters[movie][year][$gte]=1990&filters[rating][$gte]=6&page=1&pageSize=1&sort=rating:desc&q=graph`
      );
    expect(rest.body.data.map((r: { slug: string }) => r.slug)).toEqual(['graph-alpha-1999']);
    const director = await gql(
      app,
      `{ movieReviews(filters: { movie: { director: { containsi: "wachowski" } } }) { data { slug } } }`
    );
    expect(director.body.data.movieReviews.data).toEqual([{ slug: 'graph-alpha-1999' }]);
    const years = await gql(
      app,
      `{ movieReviews(filters: { movie: { year: { in: [2005, 2013] } } }, sort: ["movie.year:asc"]) { data { slug } } }`
    );
    expect(years.body.data.movieReviews.data).toEqual([{ slug: 'graph-beta-2005' }, { slug: 'her-2013' }]);
  });

  it.each([
    ['pagination: { pageSize: 101 }', 'pageSize'],
    ['pagination: { page: 0 }', 'page'],
    ['sort: ["authorEmail:asc"]', 'sort'],
    ['sort: ["title:sideways"]', 'sort'],
    [`q: "${'x'.repeat(101)}"`, 'q'],
    ['filters: { tags: { eq: "" } }', 'filters.tags.$eq'],
  ])('movieReviews(%s) is a BAD_USER_INPUT error naming the argument', async (args, path) => {
    const res = await gql(app, `{ movieReviews(${args}) { data { slug } } }`);
    expect(res.body.data).toBeNull();
    const [error] = res.body.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.error.name).toBe('ValidationError');
    expect(error.extensions.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toContain(path);
  });

  it('rejects unknown filter fields in the schema itself', async () => {
    const res = await gql(app, '{ movieReviews(filters: { publishedAt: { null: true } }) { data { slug } } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('movieReview returns the REST detail', async () => {
    const res = await gql(
      app,
      `{ movieReview(slug: "her-2013") { ${SUMMARY_FIELDS} body commentCount structuredData ${SEO_FIELDS} } }`
    );
    expect(res.body.errors).toBeUndefined();
    const rest = await app.http().get(`${API}/reviews/her-2013`);
    expect(restFormats(res.body.data.movieReview)).toEqual(rest.body.data);
    expect(res.body.data.movieReview.structuredData['@type']).toBe('Review');
    expect(res.body.data.movieReview.commentCount).toBe(2);
  });

  it.each(['the-unfinished-draft-2024', 'no-such-review', 'HER-2013'])('movieReview(%s) is null', async (slug) => {
    const res = await gql(app, `query($slug: String!) { movieReview(slug: $slug) { title } }`, { slug });
    expect(res.body).toEqual({ data: { movieReview: null } });
  });

  it('movieReviewComments returns the REST threads', async () => {
    const res = await gql(
      app,
      `{ movieReviewComments(slug: "her-2013") { data { ${THREAD} } meta { pagination { page pageSize pageCount total } } } }`
    );
    expect(res.body.errors).toBeUndefined();
    const rest = await app.http().get(`${API}/reviews/her-2013/comments`);
    expect({
      ...res.body.data.movieReviewComments,
      data: withoutEmptyReplies(res.body.data.movieReviewComments.data),
    }).toEqual(rest.body);
    expect(res.body.data.movieReviewComments.data[0].replies[0].isEditor).toBe(true);
  });

  it('movieReviewComments paginates and is null for drafts', async () => {
    const paged = await gql(
      app,
      '{ movieReviewComments(slug: "her-2013", pagination: { page: 2, pageSize: 1 }) { data { content } meta { pagination { page total } } } }'
    );
    expect(paged.body.data.movieReviewComments).toEqual({ data: [], meta: { pagination: { page: 2, total: 1 } } });
    const draft = await gql(app, '{ movieReviewComments(slug: "the-unfinished-draft-2024") { data { content } } }');
    expect(draft.body).toEqual({ data: { movieReviewComments: null } });
    const bad = await gql(
      app,
      '{ movieReviewComments(slug: "her-2013", pagination: { pageSize: 500 }) { data { content } } }'
    );
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('enforces the depth limit of 10', async () => {
    let selection = 'content';
    for (let i = 0; i < 11; i += 1) selection = `content replies { ${selection} }`;
    const res = await gql(app, `{ movieReviewComments(slug: "her-2013") { data { ${selection} } } }`);
    expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth of 10/);
  });
});

describe('createMovieReviewComment', () => {
  const MUTATION = `mutation($slug: String!, $data: MovieReviewCommentInput!) {
    createMovieReviewComment(slug: $slug, data: $data) { documentId authorName content createdAt isEditor replies { documentId } status }
  }`;
  const valid = (extra: Record<string, unknown> = {}) => ({
    authorName: 'Gwen',
    authorEmail: 'gwen@example.org',
    content: 'Via GraphQL',
    ...extra,
  });
  const countAll = async () => Number(await app.strapi.db.query(COMMENT).count({}));

  it('creates a pending comment and returns its public view', async () => {
    const res = await gql(app, MUTATION, { slug: 'her-2013', data: valid() }, { 'User-Agent': 'GraphqlTest/2.0' });
    expect(res.body.errors).toBeUndefined();
    const created = res.body.data.createMovieReviewComment;
    expect(created).toMatchObject({
      authorName: 'Gwen',
      content: 'Via GraphQL',
      isEditor: false,
      replies: [],
      status: 'pending',
    });
    const [row] = (await app.strapi.db.query(COMMENT).findMany({ where: { documentId: created.documentId } })) as Array<
      Record<string, unknown>
    >;
    expect(row).toMatchObject({
      reviewDocumentId: her.documentId,
      authorEmail: 'gwen@example.org',
      moderationStatus: 'pending',
      userAgent: 'GraphqlTest/2.0',
    });
    expect(row.ip).toBeTruthy();
  });

  it('approves at once with autoApprove, and accepts an approved parent', async () => {
    await settingsService(app).set({ autoApprove: true });
    try {
      const parent = await createComment(app, her.documentId, { content: 'GraphQL parent' });
      const res = await gql(app, MUTATION, { slug: 'her-2013', data: valid({ parent: parent.documentId }) });
      expect(res.body.data.createMovieReviewComment.status).toBe('approved');
      const [row] = (await app.strapi.db
        .query(COMMENT)
        .findMany({ where: { documentId: res.body.data.createMovieReviewComment.documentId } })) as Array<
        Record<string, unknown>
      >;
      expect(row.parentDocumentId).toBe(parent.documentId);
    } finally {
      await settingsService(app).set({ autoApprove: false });
    }
  });

  it.each([
    ['authorEmail', { authorEmail: 'nope' }],
    ['authorName', { authorName: '' }],
    ['content', { content: 'x'.repeat(5001) }],
    ['parent', { parent: 'not-a-comment' }],
  ])('rejects an invalid %s as BAD_USER_INPUT and stores nothing', async (field, extra) => {
    const before = await countAll();
    const res = await gql(app, MUTATION, { slug: 'her-2013', data: valid(extra) });
    expect(res.body.data).toBeNull();
    const [error] = res.body.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain(field);
    expect(await countAll()).toBe(before);
  });

  it.each(['status', 'ip', 'userAgent', 'review', 'authorIsEditor'])(
    'rejects the unknown field %s before running anything',
    async (field) => {
      const before = await countAll();
      const res = await gql(app, MUTATION, { slug: 'her-2013', data: { ...valid(), [field]: 'x' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toContain(field);
      expect(await countAll()).toBe(before);
    }
  );

  it('stores a filled honeypot as spam but answers as usual', async () => {
    const res = await gql(app, MUTATION, { slug: 'her-2013', data: valid({ website: 'http://bot.example' }) });
    expect(res.body.data.createMovieReviewComment.status).toBe('pending');
    const [row] = (await app.strapi.db
      .query(COMMENT)
      .findMany({ where: { documentId: res.body.data.createMovieReviewComment.documentId } })) as Array<
      Record<string, unknown>
    >;
    expect(row.moderationStatus).toBe('spam');
  });

  it('answers FORBIDDEN for a review closed to comments and NOT_FOUND for drafts', async () => {
    const closed = await createReview(app, { title: 'Graph Closed', movieYear: 2010, commentsEnabled: false });
    const before = await countAll();
    const forbidden = await gql(app, MUTATION, { slug: closed.slug, data: valid() });
    expect(forbidden.body.errors[0]).toMatchObject({
      message: 'Comments are closed on this review',
      extensions: { code: 'FORBIDDEN', error: { name: 'ForbiddenError' } },
    });
    const missing = await gql(app, MUTATION, { slug: 'the-unfinished-draft-2024', data: valid() });
    expect(missing.body.errors[0].extensions).toMatchObject({
      code: 'STRAPI_NOT_FOUND_ERROR',
      error: { name: 'NotFoundError' },
    });
    expect(await countAll()).toBe(before);
  });
});

describe('schema', () => {
  let types: Array<{
    name: string;
    kind: string;
    fields: Array<{ name: string; args: Array<{ name: string }> }> | null;
    inputFields: Array<{ name: string }> | null;
  }>;

  beforeAll(async () => {
    const res = await gql(
      app,
      '{ __schema { types { name kind fields { name args { name } } inputFields { name } } } }'
    );
    types = res.body.data.__schema.types;
  });

  it('has no private comment field in any output type, and no way to set one', () => {
    const leaks: string[] = [];
    // Users & Permissions' own user types legitimately have an email; everything else is checked.
    for (const type of types.filter((t) => !t.name.startsWith('UsersPermissions'))) {
      for (const f of type.fields ?? []) {
        // The share links' `email` is a mailto: link with no address (see tests/api/leak.test.ts).
        if (type.name === 'MovieReviewShare' && f.name === 'email') continue;
        if (['authorEmail', 'email', 'ip', 'userAgent'].includes(f.name)) leaks.push(`${type.name}.${f.name}`);
      }
      // Inputs: the commenter gives an email (write-only); nothing else private can be set.
      for (const f of type.inputFields ?? [])
        if (['ip', 'userAgent', 'status', 'authorIsEditor'].includes(f.name)) leaks.push(`${type.name}.${f.name}`);
    }
    expect(leaks).toEqual([]);
    expect(
      types
        .find((t) => t.name === 'MovieReviewCommentInput')!
        .inputFields!.map((f) => f.name)
        .sort()
    ).toEqual(['authorEmail', 'authorName', 'content', 'parent', 'website']);
  });

  it('has none of the generated (shadow CRUD) queries, mutations or types of the plugin', () => {
    const query = types.find((t) => t.name === 'Query')!;
    const mutation = types.find((t) => t.name === 'Mutation')!;
    const queries = query.fields!.map((f) => f.name);
    const mutations = mutation.fields!.map((f) => f.name);
    expect(queries).toEqual(expect.arrayContaining(['movieReview', 'movieReviews', 'movieReviewComments']));
    for (const name of ['comment', 'comments', 'comments_connection', 'movieReviews_connection'])
      expect(queries).not.toContain(name);
    expect(mutations.filter((m) => /movieReview|comment/i.test(m))).toEqual([
      'createMovieReviewComment',
      'reportMovieReviewComment',
    ]);
    for (const name of ['commentReport', 'commentReports', 'createCommentReport', 'deleteCommentReport'])
      expect([...queries, ...mutations]).not.toContain(name);
    expect(types.map((t) => t.name)).not.toEqual(expect.arrayContaining(['Comment']));
    expect(
      types
        .map((t) => t.name)
        .filter((n) => /^(MovieReview|Comment)(EntityResponse|FiltersInput|Input|RelationResponseCollection)$/.test(n))
    ).toEqual([]);
    // No status/publicationState argument to reach drafts.
    for (const name of ['movieReview', 'movieReviews', 'movieReviewComments']) {
      const args = query.fields!.find((f) => f.name === name)!.args.map((a) => a.name);
      expect(args).not.toContain('status');
    }
  });

  it('types the custom fields and the film as objects, not JSON', () => {
    const review = types.find((t) => t.name === 'MovieReview')!;
    const byName = Object.fromEntries(review.fields!.map((f) => [f.name, f]));
    for (const field of ['movie', 'synopsis', 'stills', 'song', 'author']) expect(byName[field]).toBeDefined();
    expect(types.find((t) => t.name === 'MovieReviewSong')!.fields!.map((f) => f.name)).toContain('embedUrl');
  });

  it('checks the same public permissions as REST', async () => {
    await settingsService(app).set({ grantPublicPermissions: false });
    try {
      const res = await gql(app, '{ movieReviews { data { slug } } }');
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await app.http().get(`${API}/reviews`)).status).toBe(403);
    } finally {
      await settingsService(app).set({ grantPublicPermissions: true });
    }
    expect((await gql(app, '{ movieReviews { data { slug } } }')).body.errors).toBeUndefined();
  });
});
