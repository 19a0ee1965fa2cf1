#!/usr/bin/env node
'use strict';
/**
 * Seeds the benchmark database inside a real Strapi instance of the demo app (createStrapi().load(),
 * the same code and database the benchmarked server then uses), and reports how long it took.
 *
 *   - stills: a handful of distinct JPEGs drawn with sharp, uploaded BENCH_REVIEWS × 3 times through
 *     the upload service (real media rows and files with their thumbnail format), several at once;
 *   - reviews: BENCH_REVIEWS published documents (a draft row and a published row each, as Strapi stores
 *     them) plus BENCH_DRAFTS drafts, inserted with `strapi.db.query().createMany` in batches, each with
 *     3 stills, a song, a synopsis, a body and an author avatar (linked like the Content Manager does);
 *   - comments: BENCH_COMMENTS across the published reviews (some reviews much busier than others),
 *     a mix of statuses, about a third of them replies to an approved comment.
 *
 * Run by bench/run.js with the database environment already set; sends its summary over IPC.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');
const cliProgress = require('cli-progress');
const { createRandom, reviewData, stillText, commentData, documentIdFactory } = require('./lib/content');

const ROOT = path.resolve(__dirname, '..');
const DEMO = path.join(ROOT, 'demo');
const demoRequire = createRequire(path.join(DEMO, 'package.json'));

const REVIEW = 'plugin::movie-reviews.movie-review';
const COMMENT = 'plugin::movie-reviews.comment';
const FILE = 'plugin::upload.file';

const envInt = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a non-negative integer`);
  return v;
};
const COUNTS = {
  reviews: envInt('BENCH_REVIEWS', 1000),
  drafts: envInt('BENCH_DRAFTS', 200),
  comments: envInt('BENCH_COMMENTS', 20000),
  stillsPerReview: 3,
};
const UPLOAD_CONCURRENCY = envInt('BENCH_UPLOAD_CONCURRENCY', 6);
const DISTINCT_STILLS = 8;
const DISTINCT_AVATARS = 4;
/** How many reviews and comments are created through the document service (validated) before the bulk inserts. */
const VALIDATED = 10;

const interactive = Boolean(process.stdout.isTTY);
const say = (msg) => process.stdout.write(`[bench seed] ${msg}\n`);

/** One progress bar per phase; on a non-TTY, one line when the phase ends. */
const phase = async (label, total, fn) => {
  const started = Date.now();
  const bar = interactive
    ? new cliProgress.SingleBar(
        { format: `[bench seed] ${label.padEnd(20)} [{bar}] {value}/{total} {eta_formatted} left`, hideCursor: true },
        cliProgress.Presets.shades_classic
      )
    : null;
  bar?.start(total, 0);
  const tick = (n = 1) => bar?.increment(n);
  try {
    return await fn(tick);
  } finally {
    bar?.stop();
    const seconds = (Date.now() - started) / 1000;
    say(`${label}: ${total} in ${seconds.toFixed(1)} s`);
    timings[label] = seconds;
  }
};
const timings = {};

const chunk = (list, size) => {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** Runs `worker` over `items` with at most `limit` in flight. */
const pool = async (items, limit, worker) => {
  const results = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await worker(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
};

const PALETTES = [
  ['#f4a261', '#e76f51', '#264653'],
  ['#8ecae6', '#219ebc', '#023047'],
  ['#e9c46a', '#f4a261', '#2a9d8f'],
  ['#adb5bd', '#495057', '#ffb703'],
  ['#ffafcc', '#cdb4db', '#3a0ca3'],
  ['#90be6d', '#43aa8b', '#277da1'],
  ['#ffd6a5', '#ffadad', '#6d597a'],
  ['#caf0f8', '#48cae4', '#03045e'],
];

/** A small abstract "still" (400×170, so Strapi also makes its 245 px thumbnail), or a 128 px avatar. */
const drawImages = async (sharp, dir) => {
  const stills = [];
  for (let i = 0; i < DISTINCT_STILLS; i++) {
    const [a, b, c] = PALETTES[i % PALETTES.length];
    const towers = Array.from({ length: 6 }, (_, t) => {
      const h = 30 + ((i * 37 + t * 53) % 110);
      return `<rect x="${t * 66 + (i % 5) * 4}" y="${170 - h}" width="${40 + ((i + t) % 3) * 8}" height="${h}" fill="${c}" opacity="0.8"/>`;
    }).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="170"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="400" height="170" fill="url(#g)"/><circle cx="${60 + i * 40}" cy="50" r="22" fill="#fff3d6"/>${towers}</svg>`;
    const file = path.join(dir, `still-${i}.jpg`);
    await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file);
    stills.push(file);
  }
  const avatars = [];
  for (let i = 0; i < DISTINCT_AVATARS; i++) {
    const [a, , c] = PALETTES[(i * 3) % PALETTES.length];
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><rect width="128" height="128" fill="${a}"/><circle cx="64" cy="50" r="26" fill="${c}"/><rect x="24" y="86" width="80" height="42" rx="20" fill="${c}"/></svg>`;
    const file = path.join(dir, `avatar-${i}.jpg`);
    await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file);
    avatars.push(file);
  }
  return { stills, avatars };
};

const uploadOne = async (strapi, source, name, info) => {
  const [file] = await strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: { fileInfo: { name, caption: info.caption ?? null, alternativeText: info.alt ?? null } },
      files: { filepath: source, originalFilename: name, mimetype: 'image/jpeg', size: fs.statSync(source).size },
    });
  return file.id;
};

const main = async () => {
  const startedAll = Date.now();
  const { createStrapi } = demoRequire('@strapi/strapi');
  const sharp = demoRequire('sharp');
  const rnd = createRandom();
  const newDocumentId = documentIdFactory(rnd);

  const bootStarted = Date.now();
  const strapi = createStrapi({ appDir: DEMO, distDir: path.join(DEMO, 'dist') });
  await strapi.load();
  timings['boot Strapi'] = (Date.now() - bootStarted) / 1000;
  say(`Strapi loaded in ${timings['boot Strapi'].toFixed(1)} s (${strapi.db.dialect.client})`);

  const seedStarted = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-bench-'));
  try {
    if (strapi.db.dialect.client === 'sqlite') {
      // The benchmark database runs in WAL mode (as a production SQLite usually does). With the default
      // rollback journal, each of the 3,000 upload transactions spent ~10 ms creating its journal file.
      await strapi.db.connection.raw('PRAGMA journal_mode = WAL');
    }
    const images = await drawImages(sharp, tmp);
    // Many small uploads run at once: one libvips thread per operation beats each spawning one per core.
    sharp.concurrency(1);
    // The generated JPEGs are already compressed: skip Strapi's re-encoding pass (a Media Library setting any
    // admin can change). Thumbnails are still generated, so every still has a real `formats.thumbnail`.
    const uploadService = strapi.plugin('upload').service('upload');
    const mediaSettings = await uploadService.getSettings();
    await uploadService.setSettings({ ...mediaSettings, sizeOptimization: false, autoOrientation: false });

    // 1. Stills and avatars, through the upload service.
    const totalStills = COUNTS.reviews * COUNTS.stillsPerReview;
    const stillJobs = Array.from({ length: totalStills }, (_, i) => ({
      source: images.stills[i % images.stills.length],
      name: `bench-still-${String(i + 1).padStart(5, '0')}.jpg`,
      info: stillText(rnd),
    }));
    const avatarJobs = images.avatars.map((source, i) => ({
      source,
      name: `bench-avatar-${i + 1}.jpg`,
      info: { alt: 'Author portrait' },
    }));
    const [stillIds, avatarIds] = await phase('upload stills', totalStills + avatarJobs.length, async (tick) => {
      const upload = async (job) => {
        const id = await uploadOne(strapi, job.source, job.name, job.info);
        tick();
        return id;
      };
      return [await pool(stillJobs, UPLOAD_CONCURRENCY, upload), await pool(avatarJobs, UPLOAD_CONCURRENCY, upload)];
    });

    // 2. Reviews: published documents (draft row + published row) and drafts, with createMany.
    const now = Date.now();
    const DAY = 86_400_000;
    const published = [];
    const usedSlugs = new Set();
    for (let i = 0; i < COUNTS.reviews + COUNTS.drafts; i++) {
      const data = reviewData(rnd, i + 1);
      if (usedSlugs.has(data.slug)) data.slug = `${data.slug}-${i + 1}`;
      usedSlugs.add(data.slug);
      const isPublished = i < COUNTS.reviews;
      const createdAt = new Date(now - (COUNTS.reviews + COUNTS.drafts - i) * 0.9 * DAY);
      const stills = isPublished
        ? stillIds.slice(i * COUNTS.stillsPerReview, (i + 1) * COUNTS.stillsPerReview).map((file, k) => ({
            file,
            ...stillJobs[i * COUNTS.stillsPerReview + k].info,
          }))
        : [];
      published.push({
        ...data,
        stills,
        documentId: newDocumentId(),
        createdAt,
        updatedAt: createdAt,
        publishedAt: isPublished ? new Date(createdAt.getTime() + 3_600_000) : null,
        avatar: avatarIds[i % avatarIds.length],
      });
    }
    // The first few go through the document service, so the plugin's own validation (custom fields
    // included) vouches for what the generator produces; the rest, same generator, go in bulk.
    const validated = Math.min(VALIDATED, COUNTS.reviews);
    const bulk = published.slice(validated);
    // Published documents are two rows, as Strapi stores them: the draft and the published version.
    const rows = bulk.flatMap(({ avatar, ...doc }) => (doc.publishedAt ? [{ ...doc, publishedAt: null }, doc] : [doc]));
    await phase('reviews', validated * 2 + rows.length, async (tick) => {
      for (const doc of published.slice(0, validated)) {
        const { documentId, createdAt, updatedAt, publishedAt, avatar, ...data } = doc;
        const created = await strapi
          .documents(REVIEW)
          .create({ data: { ...data, authorAvatar: avatar }, status: 'published' });
        doc.documentId = created.documentId;
        doc.publishedAt = new Date(created.publishedAt);
        tick(2);
      }
      for (const batch of chunk(rows, 100)) {
        await strapi.db.query(REVIEW).createMany({ data: batch });
        tick(batch.length);
      }
      // Author avatars: the media relation lives in the upload plugin's morph table, linked to both rows of a document.
      const { joinTable } = strapi.db.metadata.get(FILE).attributes.related;
      const reviewTable = strapi.db.metadata.get(REVIEW).tableName;
      const avatarByDoc = new Map(bulk.map((d) => [d.documentId, d.avatar]));
      const reviewIds = await strapi.db.connection(reviewTable).select('id', 'document_id');
      const links = reviewIds
        .filter((r) => avatarByDoc.has(r.document_id))
        .map((r) => ({
          [joinTable.joinColumn.name]: avatarByDoc.get(r.document_id),
          [joinTable.morphColumn.idColumn.name]: r.id,
          [joinTable.morphColumn.typeColumn.name]: REVIEW,
          // Strapi's morph tables name these two columns `field` and `order` (not in the metadata).
          field: 'authorAvatar',
          order: 1,
        }));
      for (const batch of chunk(links, 500)) await strapi.db.connection(joinTable.name).insert(batch);
    });

    // The bulk rows name their author inline (authorName, authorBio, authorAvatar), as rows written before
    // authors existed: the plugin links them to Author entries the way its startup migration does.
    await phase('authors', 1, async (tick) => {
      await strapi.plugin('movie-reviews').service('authors').linkInlineAuthors();
      tick();
    });

    // 3. Comments: busy threads on a few reviews, a handful on the others; ~1/3 replies to approved comments.
    const publishedDocs = published.filter((d) => d.publishedAt);
    const hot = Math.min(20, publishedDocs.length);
    const perReview = publishedDocs.map(
      (_, i) => (i < hot ? 0.25 : 0.75) / (i < hot ? hot : Math.max(1, publishedDocs.length - hot))
    );
    const statusOf = () => {
      const x = rnd.next();
      return x < 0.75 ? 'approved' : x < 0.9 ? 'pending' : x < 0.96 ? 'rejected' : 'spam';
    };
    const comments = [];
    const approvedTop = new Map();
    for (let c = 0; c < COUNTS.comments; c++) {
      // Draw a review by weight (hot reviews take a quarter of all comments).
      let x = rnd.next();
      let r = 0;
      while (r < perReview.length - 1 && x >= perReview[r]) x -= perReview[r++];
      const review = publishedDocs[r];
      const status = statusOf();
      const parents = approvedTop.get(review.documentId) ?? [];
      const parent = parents.length && rnd.next() < 0.33 ? rnd.pick(parents) : null;
      const createdAt = new Date(review.publishedAt.getTime() + (c + 1) * 60_000);
      const documentId = newDocumentId();
      comments.push({
        ...commentData(rnd),
        documentId,
        reviewDocumentId: review.documentId,
        parentDocumentId: parent,
        moderationStatus: status,
        moderatedAt: status === 'pending' ? null : createdAt,
        authorIsEditor: false,
        createdAt,
        updatedAt: createdAt,
        publishedAt: createdAt,
      });
      if (!parent && status === 'approved') approvedTop.set(review.documentId, [...parents, documentId]);
    }
    await phase('comments', comments.length, async (tick) => {
      // As for reviews: a few through the document service (validated: review exists, parent approved and of
      // the same review), the rest in bulk. Strapi gives those few their own ids, so replies are re-pointed.
      const ids = new Map();
      for (const c of comments.slice(0, VALIDATED)) {
        const { documentId, createdAt, updatedAt, publishedAt, ...data } = c;
        const created = await strapi.documents(COMMENT).create({
          data: {
            ...data,
            parentDocumentId: data.parentDocumentId ? (ids.get(data.parentDocumentId) ?? data.parentDocumentId) : null,
          },
        });
        ids.set(documentId, created.documentId);
        tick();
      }
      const rest = comments
        .slice(VALIDATED)
        .map((c) =>
          c.parentDocumentId && ids.has(c.parentDocumentId)
            ? { ...c, parentDocumentId: ids.get(c.parentDocumentId) }
            : c
        );
      for (const batch of chunk(rest, 500)) {
        await strapi.db.query(COMMENT).createMany({ data: batch });
        tick(batch.length);
      }
    });

    // Sanity: the data is readable through the document service like any other content.
    const publishedCount = await strapi.documents(REVIEW).count({ status: 'published' });
    const draftCount = (await strapi.documents(REVIEW).count({ status: 'draft' })) - publishedCount;
    const commentCount = await strapi.db.query(COMMENT).count();
    const fileCount = await strapi.db.query(FILE).count();
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    say(
      `seeded ${publishedCount} published reviews, ${draftCount} drafts, ${commentCount} comments, ${fileCount} media files ` +
        `in ${seedSeconds.toFixed(1)} s (stills ${timings['upload stills'].toFixed(1)} s, reviews ${timings['reviews'].toFixed(1)} s, ` +
        `comments ${timings.comments.toFixed(1)} s)`
    );

    const client = strapi.db.dialect.client;
    const versionSql = {
      sqlite: 'select sqlite_version() as v',
      postgres: 'show server_version',
      mysql: 'select version() as v',
    }[client];
    const versionRows = await strapi.db.connection.raw(versionSql);
    const versionRow = (
      client === 'postgres' ? versionRows.rows : client === 'mysql' ? versionRows[0] : versionRows
    )[0];
    const dbVersion = `${client} ${Object.values(versionRow)[0]}`;

    const commentsByReview = new Map();
    for (const c of comments)
      commentsByReview.set(c.reviewDocumentId, (commentsByReview.get(c.reviewDocumentId) ?? 0) + 1);
    const summary = {
      seconds: seedSeconds,
      dbVersion,
      requested: { reviews: COUNTS.reviews, drafts: COUNTS.drafts, comments: COUNTS.comments },
      totalSeconds: (Date.now() - startedAll) / 1000,
      phases: timings,
      counts: { publishedReviews: publishedCount, drafts: draftCount, comments: commentCount, files: fileCount },
      slugs: publishedDocs.map((d) => d.slug),
      draftSlugs: published.filter((d) => !d.publishedAt).map((d) => d.slug),
      busiestSlug: publishedDocs.reduce((best, d) =>
        (commentsByReview.get(d.documentId) ?? 0) > (commentsByReview.get(best.documentId) ?? 0) ? d : best
      ).slug,
    };
    if (process.send) await new Promise((resolve) => process.send({ type: 'seeded', summary }, resolve));
    else console.log(JSON.stringify({ ...summary, slugs: summary.slugs.length }, null, 2));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await strapi.destroy();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    // Knex errors quote the whole statement (a batch of rows): keep the first line only.
    console.error('[bench seed] failed:', String(error?.stack ?? error).slice(0, 2000));
    process.exit(1);
  }
);
