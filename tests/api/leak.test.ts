/**
 * Leak check: seeds private data with unique markers (emails, IPs, user agents,
 * drafts, unpublished edits, unapproved comments), then walks every public REST
 * and GraphQL response and fails if any marker or private key shows up.
 */
import { randomBytes } from 'node:crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, createComment, createReview, gql, REVIEW } from '../helpers/fixtures';
import { signPreviewToken } from 'strapi-plugin-movie-reviews/client';
import { expectNoLeaks, findLeaks, PRIVATE_KEYS, type LeakRules } from '../helpers/leak-walker';

let app: TestApp;
const m = `lk${randomBytes(5).toString('hex')}`;

const privateMarkers = {
  email: `secret-${m}@example.net`,
  ip: '198.51.100.77',
  userAgent: `LeakAgent-${m}`,
  postedEmail: `posted-${m}@example.net`,
  postedAgent: `PostAgent-${m}`,
};
const hiddenTexts = {
  draftTitle: `DraftTitle ${m}`,
  draftMovie: `DraftMovie ${m}`,
  draftBody: `DraftBody ${m}`,
  draftTag: `drafttag${m}`,
  unpublishedEdit: `UnpublishedEdit ${m}`,
  unpublishedReview: `UnpublishedReview ${m}`,
  pending: `PendingText ${m}`,
  rejected: `RejectedText ${m}`,
  spam: `SpamText ${m}`,
  orphanReply: `OrphanReply ${m}`,
  pendingReply: `PendingReply ${m}`,
  honeypot: `HoneypotText ${m}`,
  postedPending: `PostedPending ${m}`,
  commentOnDraft: `CommentOnDraft ${m}`,
  draftSeo: `DraftSeo ${m}`,
  unpublishedSeo: `UnpublishedSeo ${m}`,
  authorDraft: `AuthorDraft ${m}`,
  reportNote: `ReportNote ${m}`,
};

/** Filled once the reports are stored: their address hashes must not show anywhere either. */
const reportHashes: string[] = [];

const getMarkers: string[] = [...Object.values(privateMarkers), ...Object.values(hiddenTexts)];
const REPORT_KEYS = ['ipHash', 'hiddenByReports', 'note', 'reason', 'reports', 'commentDocumentId'];
const getRules: LeakRules = {
  markers: getMarkers,
  keys: [
    ...PRIVATE_KEYS,
    'status',
    'moderationStatus',
    'parentDocumentId',
    'reviewDocumentId',
    'moderatedAt',
    ...REPORT_KEYS,
  ],
};
/** A poster sees their own text back, never the private data. */
const postRules: LeakRules = {
  markers: Object.values(privateMarkers),
  keys: [...PRIVATE_KEYS, 'parentDocumentId', 'reviewDocumentId'],
};
/** A reader reporting a comment gets the comment's documentId back, nothing stored about reports. */
const reportRules: LeakRules = {
  markers: getMarkers,
  keys: [...PRIVATE_KEYS, ...REPORT_KEYS.filter((k) => k !== 'reports')],
};
let reportedComment = '';

let publishedSlugs: string[] = [];
let hiddenSlugs: string[] = [];
let hiddenDocumentIds: string[] = [];
const authorSlugs = ['mara-okafor', 'test-author', 'leak-author'];
let checked = 0;

const check = (label: string, value: unknown, rules = getRules) => {
  checked += 1;
  expectNoLeaks(label, value, rules);
};

const getAndCheck = async (path: string, expected?: number) => {
  const res = await app.http().get(path);
  if (expected !== undefined) expect({ path, status: res.status }).toEqual({ path, status: expected });
  // Markers anywhere (headers, raw text, error messages); private keys in the data.
  check(`GET ${path} (headers and text)`, { headers: res.headers, text: res.text }, { markers: getRules.markers });
  check(`GET ${path} (data)`, res.body?.data ?? null);
  return res;
};

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '1000' } });
  const her = (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })) as { documentId: string };

  const open = await createReview(app, { title: 'Leak Open Review', movieYear: 1977, tags: ['leakcheck'] });
  const edited = await createReview(app, { title: 'Leak Edited Review', movieYear: 1978, tags: ['leakcheck'] });
  await app.strapi.documents(REVIEW).update({
    documentId: edited.documentId,
    data: {
      title: hiddenTexts.unpublishedEdit,
      authorBio: hiddenTexts.unpublishedEdit,
      seoTitle: hiddenTexts.unpublishedSeo,
      seoDescription: hiddenTexts.unpublishedSeo,
    } as never,
  });
  const unpublished = await createReview(app, {
    title: hiddenTexts.unpublishedReview,
    movieYear: 1979,
    tags: ['leakcheck'],
  });
  await app.strapi.documents(REVIEW).unpublish({ documentId: unpublished.documentId });
  const draft = await createReview(
    app,
    {
      title: hiddenTexts.draftTitle,
      movieTitle: hiddenTexts.draftMovie,
      movieYear: 1980,
      tags: [hiddenTexts.draftTag, 'leakcheck'],
      body: [{ type: 'paragraph', children: [{ type: 'text', text: hiddenTexts.draftBody }] }],
      seoTitle: hiddenTexts.draftSeo,
      seoDescription: hiddenTexts.draftSeo,
    },
    { publish: false }
  );

  const priv = { authorEmail: privateMarkers.email, ip: privateMarkers.ip, userAgent: privateMarkers.userAgent };
  for (const review of [her, open, edited]) {
    const approved = await createComment(app, review.documentId, {
      ...priv,
      content: `Visible comment on ${review.documentId}`,
    });
    await createComment(app, review.documentId, {
      ...priv,
      content: 'Visible reply',
      parentDocumentId: approved.documentId,
    });
    await createComment(app, review.documentId, {
      ...priv,
      content: hiddenTexts.pendingReply,
      parentDocumentId: approved.documentId,
      moderationStatus: 'pending',
    });
    const pending = await createComment(app, review.documentId, {
      ...priv,
      content: hiddenTexts.pending,
      moderationStatus: 'pending',
    });
    await createComment(app, review.documentId, {
      ...priv,
      content: hiddenTexts.orphanReply,
      parentDocumentId: pending.documentId,
    });
    await createComment(app, review.documentId, {
      ...priv,
      content: hiddenTexts.rejected,
      moderationStatus: 'rejected',
    });
    await createComment(app, review.documentId, { ...priv, content: hiddenTexts.spam, moderationStatus: 'spam' });
  }
  // Reports: one with a note on a visible comment of `open`, stored through the public route.
  const reported = await createComment(app, open.documentId, { ...priv, content: 'Visible but reported' });
  reportedComment = reported.documentId;
  const reportRes = await app
    .http()
    .post(`${API}/reviews/${open.slug}/comments/${reported.documentId}/report`)
    .send({ reason: 'abuse', note: hiddenTexts.reportNote });
  expect(reportRes.status).toBe(201);
  const stored = (await app.strapi.db.query('plugin::movie-reviews.comment-report').findMany({})) as Array<{
    ipHash: string;
  }>;
  for (const row of stored) reportHashes.push(row.ipHash);
  getMarkers.push(...reportHashes);

  await createComment(app, draft.documentId, { ...priv, content: hiddenTexts.commentOnDraft });
  await createComment(app, unpublished.documentId, { ...priv, content: hiddenTexts.commentOnDraft });

  // Site addresses set, so details carry seo, share links and the JSON-LD publisher too.
  await app.strapi.plugin('movie-reviews').service('settings').set({
    siteUrl: 'https://films.example.org',
    siteName: 'Leak Check Films',
    siteLogoUrl: 'https://films.example.org/logo.png',
    mediaBaseUrl: 'https://media.example.org',
  });

  // An author with a published review and a draft one: the author page shows only the first.
  const author = (await app.strapi
    .documents('plugin::movie-reviews.author')
    .create({ data: { name: 'Leak Author' } })) as unknown as { documentId: string };
  const byAuthor = await createReview(app, {
    title: 'Leak Author Review',
    movieYear: 1981,
    author: author.documentId,
    authorName: null,
  });
  const authorDraft = await createReview(
    app,
    { title: hiddenTexts.authorDraft, movieYear: 1982, author: author.documentId, authorName: null },
    { publish: false }
  );

  publishedSlugs = ['her-2013', open.slug, edited.slug, byAuthor.slug];
  hiddenSlugs = ['the-unfinished-draft-2024', draft.slug, unpublished.slug, authorDraft.slug];
  hiddenDocumentIds = [draft.documentId, unpublished.documentId, edited.documentId];
});

afterAll(async () => {
  await app?.close();
});

describe('the walker', () => {
  it('finds markers in nested values and keys, any case, and private keys', () => {
    const leaks = findLeaks(
      {
        data: [
          { a: { b: ['x', `prefix ${privateMarkers.email.toUpperCase()}`] } },
          { [hiddenTexts.pending]: 1, ip: null },
        ],
      },
      getRules
    );
    expect(leaks.map((l) => l.path)).toEqual([
      '$.data[0].a.b[1]',
      '$.data[1]["PendingText ' + m + '"] (key)',
      '$.data[1].ip',
    ]);
    expect(findLeaks({ fine: 'nothing here' }, getRules)).toEqual([]);
    // share.email (a mailto: link without an address) is the one allowed "email" key, only in that form.
    expect(findLeaks({ data: { share: { email: 'mailto:?subject=x' } } }, getRules)).toEqual([]);
    expect(findLeaks({ data: { share: { email: 'someone@example.org' } } }, getRules).map((l) => l.path)).toEqual([
      '$.data.share.email',
    ]);
    expect(findLeaks({ data: { email: 'mailto:?subject=x' } }, getRules).map((l) => l.path)).toEqual(['$.data.email']);
  });
});

describe('public responses never contain private data', () => {
  it('REST: posting comments (own text comes back, nothing private)', async () => {
    for (const [content, extra] of [
      [hiddenTexts.postedPending, {}],
      [hiddenTexts.honeypot, { website: 'https://bot.example' }],
    ] as const) {
      const res = await app
        .http()
        .post(`${API}/reviews/her-2013/comments`)
        .set('User-Agent', privateMarkers.postedAgent)
        .send({ authorName: 'Poster', authorEmail: privateMarkers.postedEmail, content, ...extra });
      expect(res.status).toBe(201);
      check(`POST comment (${content})`, { headers: res.headers, body: res.body }, postRules);
    }
    // Errors do not echo private data either.
    const bad = await app
      .http()
      .post(`${API}/reviews/her-2013/comments`)
      .send({ authorName: 'Poster', authorEmail: privateMarkers.postedEmail, content: '', status: 'approved' });
    expect(bad.status).toBe(400);
    check('POST invalid comment', bad.body.error, { markers: postRules.markers });
  });

  it('REST: lists with every kind of query', async () => {
    const queries = [
      '',
      'pageSize=100',
      'pageSize=1&page=2',
      `q=${m}`,
      'q=draft',
      'q=unpublished',
      `filters[tags]=${hiddenTexts.draftTag}`,
      'filters[tags]=leakcheck&pageSize=100',
      'filters[movie][year][$gte]=1970&pageSize=100',
      'sort=title:asc&pageSize=100',
      'sort=rating:desc&pageSize=100',
      'sort=movie.year:desc&pageSize=100',
      'sort=publishedAt:asc&pageSize=100',
    ];
    for (const q of queries) {
      const res = await getAndCheck(`${API}/reviews${q ? `?${q}` : ''}`, 200);
      for (const review of res.body.data) expect(publishedSlugs).toContain(review.slug);
    }
  });

  it('REST: every published review and its comments, every page', async () => {
    for (const slug of publishedSlugs) {
      await getAndCheck(`${API}/reviews/${slug}`, 200);
      await getAndCheck(`${API}/reviews/${slug}/comments`, 200);
      await getAndCheck(`${API}/reviews/${slug}/comments?pageSize=100`, 200);
      for (let page = 1; page <= 3; page += 1)
        await getAndCheck(`${API}/reviews/${slug}/comments?pageSize=1&page=${page}`, 200);
    }
  });

  it('REST: author pages list only published reviews, on every page', async () => {
    for (const slug of authorSlugs) {
      for (const q of ['', '?pageSize=100', '?pageSize=1&page=2']) {
        const res = await getAndCheck(`${API}/authors/${slug}${q}`, 200);
        for (const review of res.body.data.reviews) expect(publishedSlugs).toContain(review.slug);
      }
    }
    const leakAuthor = await app.http().get(`${API}/authors/leak-author?pageSize=100`);
    expect(leakAuthor.body.data.reviews.map((r: { title: string }) => r.title)).toEqual(['Leak Author Review']);
    await getAndCheck(`${API}/authors/no-such-author`, 404);
    await getAndCheck(`${API}/authors/leak-author?status=draft`, 400);
  });

  it('REST: drafts and unpublished reviews answer 404 with nothing in them', async () => {
    for (const slug of hiddenSlugs) {
      await getAndCheck(`${API}/reviews/${slug}`, 404);
      await getAndCheck(`${API}/reviews/${slug}/comments`, 404);
      await getAndCheck(`${API}/reviews/${slug}/related`, 404);
      await getAndCheck(`${API}/reviews/${slug}/related?limit=12`, 404);
    }
  });

  it('REST: related reviews of every published review list only published ones', async () => {
    for (const slug of publishedSlugs) {
      for (const q of ['', '?limit=1', '?limit=12']) {
        const res = await getAndCheck(`${API}/reviews/${slug}/related${q}`, 200);
        for (const review of res.body.data) expect(publishedSlugs).toContain(review.slug);
      }
    }
    // The drafts share the `leakcheck` tag with the open reviews, so they would be listed if drafts could leak.
    const open = await app.http().get(`${API}/reviews/${publishedSlugs[1]}/related?limit=12`);
    expect(open.body.data.length).toBeGreaterThan(0);
    // Bad input: the 400 names the parameter and echoes nothing private.
    await getAndCheck(`${API}/reviews/${publishedSlugs[0]}/related?limit=99&${m}=1`, 400);
  });

  it('REST: reporting comments answers the documentId and nothing stored', async () => {
    const visible = await createComment(
      app,
      (await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } })).documentId,
      {
        content: 'Visible, reported in the leak test',
      }
    );
    const ok = await app
      .http()
      .post(`${API}/reviews/her-2013/comments/${visible.documentId}/report`)
      .send({ reason: 'other', note: 'a reader note' });
    expect(ok.status).toBe(201);
    check('POST report', { headers: ok.headers, body: ok.body }, reportRules);
    expect(ok.body).toEqual({ data: { comment: visible.documentId, reported: true } });
    const repeat = await app
      .http()
      .post(`${API}/reviews/her-2013/comments/${visible.documentId}/report`)
      .send({ reason: 'spam' });
    expect(repeat.status).toBe(200);
    check('POST report again', { headers: repeat.headers, body: repeat.body }, reportRules);
    // Hidden comments and hidden reviews: 404, and the answer says nothing about them.
    const hidden = (await app.strapi.db.query(COMMENT).findMany({
      select: ['documentId'],
      where: { moderationStatus: { $ne: 'approved' } },
      limit: 5,
    })) as Array<{ documentId: string }>;
    for (const { documentId } of hidden) {
      const res = await app
        .http()
        .post(`${API}/reviews/her-2013/comments/${documentId}/report`)
        .send({ reason: 'spam' });
      expect(res.status).toBe(404);
      check(`POST report of hidden ${documentId}`, { headers: res.headers, text: res.text }, { markers: getMarkers });
    }
    for (const slug of hiddenSlugs) {
      const res = await app
        .http()
        .post(`${API}/reviews/${slug}/comments/${reportedComment}/report`)
        .send({ reason: 'spam' });
      expect(res.status).toBe(404);
      check(`POST report under ${slug}`, { headers: res.headers, text: res.text }, { markers: getMarkers });
    }
    const bad = await app
      .http()
      .post(`${API}/reviews/her-2013/comments/${visible.documentId}/report`)
      .send({ reason: 'nope', note: privateMarkers.email, ip: privateMarkers.ip });
    expect(bad.status).toBe(400);
    check('POST invalid report', bad.body.error, { markers: [privateMarkers.ip] });
  });

  it('REST: the draft preview route answers 401 with nothing in it without a valid token, and no private data with one', async () => {
    const secret = 'demo-preview-secret-movie-reviews'; // the demo's default (config/plugins.ts)
    for (const documentId of hiddenDocumentIds) {
      const forged = await signPreviewToken('not-the-secret-of-this-app', { documentId, status: 'draft' });
      await getAndCheck(`${API}/preview/${documentId}`, 401);
      await getAndCheck(`${API}/preview/${documentId}?token=${forged}`, 401);
      const valid = await app
        .http()
        .get(`${API}/preview/${documentId}`)
        .query({ token: await signPreviewToken(secret, { documentId, status: 'draft' }) });
      expect(valid.status).toBe(200);
      check(`GET preview ${documentId} with a valid token`, { headers: valid.headers, body: valid.body }, postRules);
    }
  });

  it('GraphQL: queries over everything', async () => {
    const image = 'url width height mime formats { name url width height mime }';
    const summary = `documentId slug title movie { title originalTitle year director cast { actor character } imdbId runtimeMinutes }
      synopsis { text source sourceUrl } stills { caption alt image { ${image} } } filmingLocations
      song { url provider embedUrl title artist startAt } rating
      author { name slug bio avatar { ${image} alternativeText } links { label url } }
      tags commentsEnabled publishedAt createdAt updatedAt`;
    const seoImage = 'url width height alt';
    const seoFields = `seo { title description canonicalUrl image { ${seoImage} }
        openGraph { type title description url siteName image { ${seoImage} } publishedTime modifiedTime tags }
        twitter { card title description image imageAlt } }
      share { facebook x whatsapp pinterest email copy }`;
    const comment = 'documentId authorName content createdAt isEditor';
    const thread = `${comment} replies { ${comment} replies { ${comment} replies { ${comment} } } }`;

    const lists = [
      '{ movieReviews(pagination: { pageSize: 100 }) { data { SUMMARY } meta { pagination { total } } } }',
      `{ movieReviews(q: "${m}") { data { SUMMARY } } }`,
      `{ movieReviews(filters: { tags: { eq: "${hiddenTexts.draftTag}" } }) { data { SUMMARY } } }`,
      '{ movieReviews(filters: { tags: { eq: "leakcheck" } }, sort: ["title:asc"]) { data { SUMMARY } } }',
    ];
    for (const q of lists) {
      const res = await gql(app, q.replace('SUMMARY', summary));
      expect(res.body.errors).toBeUndefined();
      check(`GraphQL ${q.slice(0, 60)}`, res.body);
    }
    for (const slug of [...publishedSlugs, ...hiddenSlugs]) {
      const res = await gql(
        app,
        `query($slug: String!) {
          movieReview(slug: $slug) { ${summary} body commentCount structuredData ${seoFields} related(limit: 12) { ${summary} } }
          movieReviewComments(slug: $slug, pagination: { pageSize: 100 }) { data { ${thread} } meta { pagination { total } } }
        }`,
        { slug }
      );
      expect(res.body.errors).toBeUndefined();
      check(`GraphQL review ${slug}`, res.body);
      if (hiddenSlugs.includes(slug)) expect(res.body.data).toEqual({ movieReview: null, movieReviewComments: null });
    }
    for (const slug of authorSlugs) {
      const res = await gql(
        app,
        `query($slug: String!) {
          movieReviewAuthor(slug: $slug, pageSize: 100) {
            data { author { name slug bio links { label url } } reviews { ${summary} } }
            meta { pagination { total } }
          }
        }`,
        { slug }
      );
      expect(res.body.errors).toBeUndefined();
      check(`GraphQL author ${slug}`, res.body);
      for (const review of res.body.data.movieReviewAuthor.data.reviews) expect(publishedSlugs).toContain(review.slug);
    }
  });

  it('GraphQL: posting a comment', async () => {
    const res = await gql(
      app,
      `mutation($data: MovieReviewCommentInput!) { createMovieReviewComment(slug: "her-2013", data: $data) { documentId authorName content createdAt isEditor status replies { documentId } } }`,
      { data: { authorName: 'Poster', authorEmail: privateMarkers.postedEmail, content: 'GraphQL post' } },
      { 'User-Agent': privateMarkers.postedAgent }
    );
    expect(res.body.errors).toBeUndefined();
    check('GraphQL mutation', res.body, postRules);
  });

  it('GraphQL: reporting a comment', async () => {
    const open = (await app.strapi.db
      .query(REVIEW)
      .findOne({ where: { documentId: { $notNull: true }, slug: publishedSlugs[1] } })) as {
      slug: string;
    };
    const res = await gql(
      app,
      `mutation($slug: String!, $id: ID!) { reportMovieReviewComment(slug: $slug, documentId: $id, reason: "spam") { comment reported } }`,
      { slug: open.slug, id: reportedComment }
    );
    expect(res.body.errors).toBeUndefined();
    check('GraphQL report mutation', res.body, reportRules);
  });

  it('really seeded the markers it looks for', async () => {
    const stored = JSON.stringify(await app.strapi.db.query(COMMENT).findMany({}));
    for (const marker of [
      privateMarkers.email,
      privateMarkers.userAgent,
      privateMarkers.postedEmail,
      privateMarkers.postedAgent,
      hiddenTexts.pending,
      hiddenTexts.honeypot,
    ]) {
      expect(stored).toContain(marker);
    }
    const reports = JSON.stringify(await app.strapi.db.query('plugin::movie-reviews.comment-report').findMany({}));
    expect(reports).toContain(hiddenTexts.reportNote);
    expect(reportHashes.length).toBeGreaterThan(0);
    for (const hash of reportHashes) expect(reports).toContain(hash);
    const reviews = JSON.stringify(await app.strapi.db.query(REVIEW).findMany({}));
    for (const marker of [
      hiddenTexts.draftTitle,
      hiddenTexts.draftBody,
      hiddenTexts.unpublishedEdit,
      hiddenTexts.unpublishedReview,
      hiddenTexts.draftSeo,
      hiddenTexts.unpublishedSeo,
      hiddenTexts.authorDraft,
    ])
      expect(reviews).toContain(marker);
    // The details walked above carried seo and share (the site settings were set).
    const her = await app.http().get(`${API}/reviews/her-2013`);
    expect(her.body.data.share.email).toMatch(/^mailto:\?subject=/);
    expect(her.body.data.seo.canonicalUrl).toBe('https://films.example.org/reviews/her-2013');
    expect(checked).toBeGreaterThan(40);
  });
});
