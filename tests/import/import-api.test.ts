/**
 * The import through real Strapi: upload an export to the admin API, read the
 * dry-run report, import, then find reviews, stills, song and comments in the
 * database and the public API. Re-runs create nothing; an interrupted job
 * resumes; hostile files fail the job with their reason and write nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, REVIEW } from '../helpers/fixtures';
import { findLeaks, PRIVATE_KEYS } from '../helpers/leak-walker';
import { bearer, expectError, limitedAdminToken } from '../admin/helpers';
import { fixtureCopy, FIXTURES } from './helpers/exports';
import { startImageServer, type ImageServer } from './helpers/image-server';
import { createJob, importJob, analyseJob, resumeInterrupted, JOB_UID } from '../../server/src/import/job-runner';
import type { Core } from '@strapi/strapi';
import { generateExport } from './helpers/generate-export';

const IMPORT = 'plugin::movie-reviews.import';
const BASE = '/movie-reviews/import/jobs';

let app: TestApp;
let images: ImageServer;
let token: string;

type Body = Record<string, unknown>;
type Row = Record<string, unknown>;

const upload = (file: string, fields: Record<string, string> = {}, auth = token) => {
  let req = app.http().post(BASE).set(bearer(auth)).attach('file', file);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req;
};

/** Polls a job until it leaves the given states (what the admin page does). */
const waitFor = async (id: number, states: string[] = ['analysing', 'importing']): Promise<Body> => {
  for (let i = 0; i < 600; i += 1) {
    const res = await app.http().get(`${BASE}/${id}`).set(bearer(token));
    expect(res.status).toBe(200);
    const job = res.body.data as Body;
    if (!states.includes(job.state as string) && !job.running) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
};

const reviewsBySource = async (sourceId: string) =>
  (await app.strapi.db.query(REVIEW).findMany({ where: { sourceId } })) as Row[];

const commentsOf = async (reviewDocumentId: string) =>
  (await app.strapi.db
    .query(COMMENT)
    .findMany({ where: { reviewDocumentId }, orderBy: { createdAt: 'asc' } })) as Row[];

beforeAll(async () => {
  images = await startImageServer();
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_IMPORT_ALLOW_PRIVATE_HOSTS: 'true' } });
  token = await adminToken(app);
});
afterAll(async () => {
  await app?.close();
  await images?.close();
});

describe('import routes are guarded by the import permission', () => {
  it('answers 401 without a token and 403 for a role without plugin::movie-reviews.import', async () => {
    expect((await app.http().get(BASE)).status).toBe(401);
    const other = await limitedAdminToken(app, [{ action: 'plugin::movie-reviews.moderate' }]);
    const res = await app.http().get(BASE).set(bearer(other));
    expect(res.status).toBe(403);
    const upl = await upload(fixtureCopy('wordpress-wxr-1.0.xml'), {}, other);
    expect(upl.status).toBe(403);
  });

  it('lets a role with exactly that permission list jobs', async () => {
    const importer = await limitedAdminToken(app, [{ action: IMPORT }]);
    const res = await app.http().get(BASE).set(bearer(importer));
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.data)).toBe(true);
  });
});

describe('upload and dry run', () => {
  it('answers 400 without a file and with unknown fields', async () => {
    const none = await app.http().post(BASE).set(bearer(token)).send({});
    expectError(none.body, 400, 'ValidationError');
    const extra = await upload(fixtureCopy('wordpress-wxr-1.0.xml'), { status: 'done' });
    expectError(extra.body, 400, 'ValidationError');
  });

  it('reports every post of a WXR file before writing anything, with emails for the admin only', async () => {
    const before = await app.strapi.db.query(REVIEW).count();
    const res = await upload(fixtureCopy('wordpress-wxr-1.2.xml', images.origin));
    expect(res.status).toBe(202);
    const job = await waitFor(res.body.data.id);
    expect(job).toMatchObject({ state: 'analysed', format: 'wxr', formatVersion: '1.2', total: 4, skipped: 2 });
    const report = await app.http().get(`${BASE}/${job.id}/report?pageSize=10`).set(bearer(token));
    expect(report.status).toBe(200);
    expect(report.body.meta.pagination.total).toBe(4);
    const her = report.body.data[0];
    expect(her).toMatchObject({
      movieTitle: 'Her',
      movieYear: 2013,
      song: { provider: 'youtube' },
      author: 'Mara Quill',
    });
    expect(her.comments[0]).toMatchObject({ name: 'Ines', email: 'ines@mail.example.net', approved: true });
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
    expect(images.requests).toEqual([]);
  });

  it('reports only the posts with a chosen label or category', async () => {
    const res = await upload(fixtureCopy('wordpress-wxr-1.2.xml', images.origin), { label: 'poetry' });
    const job = await waitFor(res.body.data.id);
    expect(job).toMatchObject({ state: 'analysed', total: 1, label: 'poetry' });
  });
});

describe('the import', () => {
  let jobId: number;

  it('creates draft reviews with blocks, captioned stills, song, tags, threaded comments and their states', async () => {
    const res = await upload(fixtureCopy('wordpress-wxr-1.2.xml', images.origin));
    jobId = (await waitFor(res.body.data.id)).id as number;
    const run = await app.http().post(`${BASE}/${jobId}/run`).set(bearer(token)).send({});
    expect(run.status).toBe(202);
    const job = await waitFor(jobId);
    expect(job).toMatchObject({
      state: 'done',
      created: 2,
      skipped: 2,
      failed: 0,
      commentsCreated: 4,
      imagesFailed: 1,
    });

    const rows = await reviewsBySource('https://reelnotes.example.com#post-41');
    expect(rows).toHaveLength(1);
    const her = rows[0];
    expect(her).toMatchObject({
      title: 'Review: Her (2013)',
      slug: 'review-her-2013',
      movieTitle: 'Her',
      movieYear: 2013,
      authorName: 'Mara Quill',
      publishedAt: null,
    });
    expect(her.song).toMatchObject({ provider: 'youtube' });
    expect(her.tags).toEqual(['Reviews', 'Sci-Fi', 'Romance']);
    expect((her.body as Array<{ type: string }>).map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
      'list',
      'quote',
    ]);
    const stills = her.stills as Array<{ file: number; caption: string; alt: string }>;
    expect(stills).toHaveLength(1);
    expect(stills[0]).toMatchObject({
      caption: "Theodore writes other people's letters.",
      alt: 'Theodore at his desk',
    });
    const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: stills[0].file } });
    expect(file).toMatchObject({ mime: 'image/jpeg', alternativeText: 'Theodore at his desk' });
    expect(new Date(her.createdAt as string).toISOString()).toBe('2014-02-08T19:30:00.000Z');

    const comments = await commentsOf(her.documentId as string);
    expect(comments.map((c) => [c.authorName, c.moderationStatus])).toEqual([
      ['Ines', 'approved'],
      ['Mara Quill', 'approved'],
      ['Pending Pete', 'pending'],
      ['Cheap Pills', 'spam'],
    ]);
    expect(comments[1].parentDocumentId).toBe(comments[0].documentId);
    expect(new Date(comments[0].createdAt as string).toISOString()).toBe('2014-02-09T08:12:00.000Z');

    const results = await app.http().get(`${BASE}/${jobId}/results`).set(bearer(token));
    const herResult = results.body.data.find((r: Body) => r.sourceId === 'https://reelnotes.example.com#post-41');
    expect(herResult.missingFiles).toEqual([
      {
        src: `${images.origin}/missing.jpg`,
        caption: 'The beach at night.',
        alt: 'The beach at night.',
        reason: 'the server answered 404',
      },
    ]);
  });

  it('offers the redirects from old permalinks to new slugs as JSON and CSV', async () => {
    const json = await app.http().get(`${BASE}/${jobId}/redirects?format=json`).set(bearer(token));
    expect(json.status).toBe(200);
    expect(json.body.data).toEqual(
      expect.arrayContaining([
        { from: 'https://reelnotes.example.com/2014/02/review-her-2013/', slug: 'review-her-2013' },
        { from: 'https://reelnotes.example.com/2017/01/paterson/', slug: 'paterson' },
      ])
    );
    const csv = await app.http().get(`${BASE}/${jobId}/redirects?format=csv`).set(bearer(token));
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="redirects-import-\d+\.csv"/);
    expect(csv.text.split('\r\n')).toEqual(
      expect.arrayContaining(['from,slug', 'https://reelnotes.example.com/2014/02/review-her-2013/,review-her-2013'])
    );
  });

  it('creates nothing on a second import of the same file', async () => {
    const counts = async () => [
      await app.strapi.db.query(REVIEW).count(),
      await app.strapi.db.query(COMMENT).count(),
      await app.strapi.db.query('plugin::upload.file').count(),
    ];
    const before = await counts();
    const res = await upload(fixtureCopy('wordpress-wxr-1.2.xml', images.origin));
    const id = (await waitFor(res.body.data.id)).id as number;
    await app.http().post(`${BASE}/${id}/run`).set(bearer(token)).send({});
    const job = await waitFor(id);
    expect(job).toMatchObject({ state: 'done', created: 0, commentsCreated: 0 });
    expect(await counts()).toEqual(before);
  });

  it('adds only the new comments of a later export', async () => {
    const later = fixtureCopy('wordpress-wxr-1.2.xml', images.origin);
    const text = fs.readFileSync(later, 'utf8').replace(
      '</wp:comment>\n\t</item>',
      `</wp:comment>
		<wp:comment><wp:comment_id>106</wp:comment_id><wp:comment_author>Late Lena</wp:comment_author><wp:comment_author_email>lena@mail.example.net</wp:comment_author_email><wp:comment_date_gmt>2015-01-01 10:00:00</wp:comment_date_gmt><wp:comment_content>A year later: still great.</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>101</wp:comment_parent></wp:comment>
	</item>`
    );
    fs.writeFileSync(later, text);
    const res = await upload(later);
    const id = (await waitFor(res.body.data.id)).id as number;
    await app.http().post(`${BASE}/${id}/run`).set(bearer(token)).send({});
    expect(await waitFor(id)).toMatchObject({ state: 'done', created: 0, commentsCreated: 1 });
    const [her] = await reviewsBySource('https://reelnotes.example.com#post-41');
    const comments = await commentsOf(her.documentId as string);
    const lena = comments.find((c) => c.authorName === 'Late Lena');
    expect(lena?.parentDocumentId).toBe(comments.find((c) => c.authorName === 'Ines')?.documentId);
  });

  it('publishes with the original dates when asked, and the public API shows the review without private data', async () => {
    const res = await upload(fixtureCopy('blogger-export.atom', images.origin));
    const id = (await waitFor(res.body.data.id)).id as number;
    await app.http().post(`${BASE}/${id}/run`).set(bearer(token)).send({ publish: true });
    expect(await waitFor(id)).toMatchObject({ state: 'done', created: 1, skipped: 2, commentsCreated: 4 });

    const detail = await app.http().get(`${API}/reviews/parasite-2019-review`);
    expect(detail.status).toBe(200);
    const review = detail.body.data;
    expect(review.publishedAt).toBe('2020-02-10T08:30:00.000Z');
    expect(review.song).toMatchObject({
      provider: 'spotify',
      embedUrl: 'https://open.spotify.com/embed/track/2takcwOaAZWiXQijPHIx7B',
    });
    expect(review.stills).toEqual([
      expect.objectContaining({ caption: 'Stairs, always stairs.', alt: 'The staircase' }),
    ]);
    expect(review.synopsis).toMatchObject({ source: 'IMDb' });
    const comments = await app.http().get(`${API}/reviews/parasite-2019-review/comments`);
    expect(comments.body.data.map((c: Body) => [c.authorName, (c.replies as Body[]).map((r) => r.authorName)])).toEqual(
      [['Jin', ['Ada Reel']]]
    );
    const list = await app.http().get(`${API}/reviews?pageSize=100`);
    const graphql = await app.http().post('/graphql').send({
      query:
        '{ movieReview(slug: "parasite-2019-review") { title synopsis { text } } movieReviewComments(slug: "parasite-2019-review") { data { authorName } } }',
    });
    expect(graphql.body.data.movieReview.title).toBe('Parasite (2019): review');
    const leaks = findLeaks([detail.body, comments.body, list.body, graphql.body], {
      markers: ['tag:blogger.com', 'Awaiting approval', 'cheap stuff'],
      keys: [...PRIVATE_KEYS, 'status'],
    });
    expect(leaks).toEqual([]);
    const schema = await app.http().post('/graphql').send({ query: '{ __schema { queryType { fields { name } } } }' });
    expect(JSON.stringify(schema.body)).not.toMatch(/importJob/i);
    expect((app.strapi.contentType(REVIEW).attributes as Record<string, unknown>).sourceId).toMatchObject({
      private: true,
    });
    expect((app.strapi.contentType(COMMENT).attributes as Record<string, unknown>).sourceId).toMatchObject({
      private: true,
    });
  });

  it('imports the Blogger Atom feed, keeping the draft post a draft even when publishing', async () => {
    const res = await upload(fixtureCopy('blogger-atom.xml', images.origin));
    const id = (await waitFor(res.body.data.id)).id as number;
    await app.http().post(`${BASE}/${id}/run`).set(bearer(token)).send({ publish: true });
    expect(await waitFor(id)).toMatchObject({ state: 'done', created: 2, imagesFailed: 0 });
    const amelie = await app.http().get(`${API}/reviews/review-amelie-2001`);
    expect(amelie.status).toBe(200);
    expect(amelie.body.data.stills[0]).toMatchObject({ caption: 'Amélie at the Canal Saint-Martin' });
    expect((await app.http().get(`${API}/reviews/spirited-away`)).status).toBe(404);
    expect(await reviewsBySource('tag:blogger.com,1999:blog-7700.post-222')).toHaveLength(1);
  });
});

describe('one transaction per post', () => {
  it('leaves nothing of a post whose comment cannot be written, and reports why', async () => {
    const file = fixtureCopy('wordpress-wxr-1.0.xml', images.origin);
    const text = fs.readFileSync(file, 'utf8');
    // A control character (U+007F) is valid XML but not a valid comment text: the second comment fails.
    const broken = text
      .replace('http://oldreels.example.net', 'http://broken.example.net')
      .replace(
        '</wp:comment>',
        '</wp:comment><wp:comment><wp:comment_id>4</wp:comment_id><wp:comment_author>Bad</wp:comment_author><wp:comment_content>bad &#127; text</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>'
      );
    fs.writeFileSync(file, broken);
    const files = await app.strapi.db.query('plugin::upload.file').count();
    const res = await upload(file);
    const id = (await waitFor(res.body.data.id)).id as number;
    await app.http().post(`${BASE}/${id}/run`).set(bearer(token)).send({});
    expect(await waitFor(id)).toMatchObject({ state: 'done', created: 0, failed: 1 });
    expect(await reviewsBySource('http://broken.example.net#post-12')).toEqual([]);
    expect(
      await app.strapi.db.query(COMMENT).count({ where: { sourceId: 'http://broken.example.net#comment-3' } })
    ).toBe(0);
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(files);
    const results = await app.http().get(`${BASE}/${id}/results`).set(bearer(token));
    expect(results.body.data[0]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/control characters/),
    });
  });
});

describe('images from private addresses', () => {
  it('are refused without the test-only option, and each refusal is reported as a missing file', async () => {
    const strapi = app.strapi as Core.Strapi;
    const file = fixtureCopy('wordpress-wxr-1.0.xml', images.origin);
    const job = await createJob(strapi, { filePath: file, fileName: 'x.xml', fileSize: 1 });
    await analyseJob(strapi, job.id);
    const done = await importJob(strapi, job.id, { fetch: { allowPrivateHosts: false } });
    expect(done).toMatchObject({ state: 'done', created: 1, imagesFailed: 1 });
    const result = Object.values(done?.results ?? {})[0];
    expect(result.missingFiles[0].reason).toMatch(/private or loopback address \(127\.0\.0\.1\): refused/);
  });
});

describe('interrupted imports', () => {
  it('resume from the job state and finish without duplicates', async () => {
    const strapi = app.strapi as Core.Strapi;
    const file = fixtureCopy('wordpress-wxr-1.1.xml', images.origin);
    const job = await createJob(strapi, { filePath: file, fileName: 'x.xml', fileSize: 1 });
    await analyseJob(strapi, job.id);
    const controller = new AbortController();
    controller.abort();
    const stopped = await importJob(strapi, job.id, { signal: controller.signal });
    expect(stopped?.state).toBe('importing');
    // A crashed process leaves an old heartbeat behind.
    await strapi.db
      .query(JOB_UID)
      .update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await resumeInterrupted(strapi)).toEqual([job.id]);
    const done = await strapi.db.query(JOB_UID).findOne({ where: { id: job.id } });
    expect(done).toMatchObject({ state: 'done', created: 1 });
    expect(await reviewsBySource('http://matinee.example.org#post-5')).toHaveLength(1);
    expect(await resumeInterrupted(strapi)).toEqual([]);
  });

  it('stopped with the server (dry run or import), are taken up at once by the next start', async () => {
    const strapi = app.strapi as Core.Strapi;
    const file = fixtureCopy('blogger-atom.xml', images.origin);
    const job = await createJob(strapi, { filePath: file, fileName: 'x.xml', fileSize: 1 });
    const controller = new AbortController();
    controller.abort();
    await analyseJob(strapi, job.id, { signal: controller.signal });
    expect(await strapi.db.query(JOB_UID).findOne({ where: { id: job.id } })).toMatchObject({
      state: 'analysing',
      heartbeatAt: null,
    });
    expect(await resumeInterrupted(strapi)).toEqual([job.id]);
    expect(await strapi.db.query(JOB_UID).findOne({ where: { id: job.id } })).toMatchObject({
      state: 'analysed',
      total: 2,
    });
  });
});

describe('a generated export', () => {
  it('imports every post and comment of a generated file, with the still of each post from the local image server', async () => {
    const strapi = app.strapi as Core.Strapi;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-generated-'));
    const file = path.join(dir, 'generated.xml');
    await generateExport(file, { posts: 40, commentsPerPost: 10, imageOrigin: images.origin });
    const job = await createJob(strapi, {
      filePath: file,
      fileName: 'generated.xml',
      fileSize: fs.statSync(file).size,
    });
    expect(await analyseJob(strapi, job.id)).toMatchObject({ state: 'analysed', total: 40, skipped: 0 });
    const done = await importJob(strapi, job.id);
    expect(done).toMatchObject({ state: 'done', created: 40, failed: 0, commentsCreated: 400, imagesFailed: 0 });
    const reviews = (await app.strapi.db
      .query(REVIEW)
      .findMany({ where: { sourceId: { $startsWith: 'https://bench.example.com#post-' } } })) as Row[];
    expect(reviews).toHaveLength(40);
    expect(reviews.every((r) => (r.stills as unknown[]).length === 1 && (r.song as Row).provider === 'youtube')).toBe(
      true
    );
    const replies = await app.strapi.db.query(COMMENT).count({
      where: {
        sourceId: { $startsWith: 'https://bench.example.com#comment-' },
        parentDocumentId: { $notNull: true },
      },
    });
    expect(replies).toBe(40 * 3);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('hostile files', () => {
  it.each([
    ['hostile-xxe.xml', /external entities \(XXE\)/],
    ['hostile-billion-laughs.xml', /billion laughs/],
    ['hostile-malformed.xml', /not well-formed XML/],
    ['wrong-format.xml', /not a WordPress export/],
  ])('%s fails its job with a clear reason, cannot be imported, and writes nothing', async (name, reason) => {
    const before = await app.strapi.db.query(REVIEW).count();
    const res = await upload(`${FIXTURES}/${name}`);
    expect(res.status).toBe(202);
    const job = await waitFor(res.body.data.id);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(reason);
    const run = await app.http().post(`${BASE}/${job.id}/run`).set(bearer(token)).send({});
    expectError(run.body, 400, 'ValidationError');
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
  });
});
