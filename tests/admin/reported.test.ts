/**
 * The moderation page's Reported tab (GET /movie-reviews/moderation/reported): the
 * comments readers reported that still await a decision, most reported first, with
 * counts, reasons and notes; bounded queries whatever the page size; the moderate
 * permission required; strict query rules; and approving dismisses the reports.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { countQueries, createComment, createReview } from '../helpers/fixtures';
import { bearer, COMMENT, expectError, limitedAdminToken } from './helpers';

const REPORT = 'plugin::movie-reviews.comment-report';

let app: TestApp;
let token: string;
let review: { documentId: string; slug: string };

const reported = (query: Record<string, string | number> = {}, auth = token) =>
  app.http().get('/movie-reviews/moderation/reported').query(query).set(bearer(auth));

let hashCounter = 0;
/** Stores reports straight in the table (a fixture; the public route is tested in tests/api/comment-reports). */
const addReports = async (commentDocumentId: string, reasons: string[], note: string | null = null) => {
  for (const reason of reasons) {
    hashCounter += 1;
    await app.strapi.db.query(REPORT).create({
      data: { commentDocumentId, reason, note, ipHash: hashCounter.toString(16).padStart(64, '0') },
    });
  }
};

type ReportedRow = {
  documentId: string;
  status: string;
  reports: {
    count: number;
    reasons: Record<string, number>;
    notes: string[];
    lastReportedAt: string | null;
    hiddenByReports: boolean;
  };
};

const made: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
  review = await createReview(app, { title: 'Reported Tab Film' });
  made.most = (await createComment(app, review.documentId, { authorName: 'Most' })).documentId;
  made.some = (await createComment(app, review.documentId, { authorName: 'Some' })).documentId;
  made.hidden = (
    await createComment(app, review.documentId, {
      authorName: 'Hidden',
      moderationStatus: 'pending',
      hiddenByReports: true,
    })
  ).documentId;
  made.rejected = (
    await createComment(app, review.documentId, { authorName: 'Rejected', moderationStatus: 'rejected' })
  ).documentId;
  made.clean = (await createComment(app, review.documentId, { authorName: 'Clean' })).documentId;
  await addReports(made.most, ['spam', 'spam', 'abuse', 'other'], 'Buy cheap watches');
  await addReports(made.some, ['spoiler']);
  await addReports(made.hidden, ['abuse', 'abuse', 'off-topic']);
  await addReports(made.rejected, ['spam', 'spam', 'spam', 'spam', 'spam']);
});

afterAll(async () => {
  await app?.close();
});

describe('GET /movie-reviews/moderation/reported', () => {
  it('lists reported comments awaiting a decision, most reported first, with reasons and notes', async () => {
    const res = await reported();
    expect(res.status).toBe(200);
    const rows = res.body.data as ReportedRow[];
    expect(rows.map((r) => r.documentId)).toEqual([made.most, made.hidden, made.some]);
    expect(rows[0].reports).toMatchObject({
      count: 4,
      reasons: { spam: 2, abuse: 1, 'off-topic': 0, spoiler: 0, other: 1 },
      hiddenByReports: false,
    });
    expect(rows[0].reports.notes).toEqual([
      'Buy cheap watches',
      'Buy cheap watches',
      'Buy cheap watches',
      'Buy cheap watches',
    ]);
    expect(new Date(String(rows[0].reports.lastReportedAt)).getTime()).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({ status: 'pending', reports: { count: 3, hiddenByReports: true } });
    // The rows carry what the other tabs show (author, content, review).
    expect(res.body.data[0]).toMatchObject({ authorName: 'Most', review: { documentId: review.documentId } });
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 3 });
  });

  it('gives the Reported count with the queue, for the tab label, and marks rows hidden by reports', async () => {
    const res = await app.http().get('/movie-reviews/moderation/comments').set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.meta.reported).toBe(3);
    const rows = res.body.data as Array<{ documentId: string; hiddenByReports: boolean }>;
    expect(rows.find((r) => r.documentId === made.hidden)?.hiddenByReports).toBe(true);
    expect(rows.filter((r) => r.documentId !== made.hidden).every((r) => r.hiddenByReports === false)).toBe(true);
  });

  it('pages through the list', async () => {
    const first = await reported({ pageSize: 2, page: 1 });
    const second = await reported({ pageSize: 2, page: 2 });
    expect(first.body.data.map((r: ReportedRow) => r.documentId)).toEqual([made.most, made.hidden]);
    expect(second.body.data.map((r: ReportedRow) => r.documentId)).toEqual([made.some]);
    expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
  });

  it('costs the same number of queries for a page of 2 and a page of 100', async () => {
    const extra: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const id = (await createComment(app, review.documentId, { authorName: `Extra ${i}` })).documentId;
      await addReports(id, ['other']);
      extra.push(id);
    }
    const small = await countQueries(app, async () => expect((await reported({ pageSize: 2 })).status).toBe(200));
    const large = await countQueries(app, async () => expect((await reported({ pageSize: 100 })).status).toBe(200));
    expect(large).toBe(small);
    const res = await reported({ pageSize: 100 });
    expect(res.body.meta.pagination.total).toBe(15);
    await app.strapi.db.query(COMMENT).deleteMany({ where: { documentId: { $in: extra } } });
    await app.strapi.db.query(REPORT).deleteMany({ where: { commentDocumentId: { $in: extra } } });
  });

  it('answers 400 for unknown parameters and out-of-range pages', async () => {
    const queries: Array<Record<string, string | number>> = [
      { status: 'pending' },
      { pageSize: 101 },
      { page: 0 },
      { pageSize: 'ten' },
    ];
    for (const query of queries) {
      const res = await reported(query);
      expectError(res.body, 400, 'ValidationError');
    }
  });

  it('needs the moderate permission', async () => {
    const limited = await limitedAdminToken(app, []);
    const res = await reported({}, limited);
    expect(res.status).toBe(403);
    expect((await app.http().get('/movie-reviews/moderation/reported')).status).toBe(401);
  });

  it('drops a comment once an editor approves it (its reports are dismissed) or deletes it', async () => {
    const approve = await app
      .http()
      .post('/movie-reviews/moderation/comments/actions')
      .set(bearer(token))
      .send({ action: 'approve', ids: [made.hidden, made.some] });
    expect(approve.status).toBe(200);
    expect(await app.strapi.db.query(REPORT).count({ where: { commentDocumentId: made.hidden } })).toBe(0);
    const hidden = (await app.strapi.db.query(COMMENT).findOne({
      select: ['moderationStatus', 'hiddenByReports'],
      where: { documentId: made.hidden },
    })) as { moderationStatus: string; hiddenByReports: boolean };
    expect(hidden).toEqual({ moderationStatus: 'approved', hiddenByReports: false });

    await app.strapi.documents(COMMENT).delete({ documentId: made.most });
    expect(await app.strapi.db.query(REPORT).count({ where: { commentDocumentId: made.most } })).toBe(0);
    const res = await reported();
    expect(res.body.data).toEqual([]);
    expect(res.body.meta.pagination.total).toBe(0);
  });
});
