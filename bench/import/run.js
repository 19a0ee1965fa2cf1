#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:import`: generates a WordPress export of 2,000 posts and 20,000
 * comments (one still per post, served by a local image server), imports it with
 * the `movie-reviews-import` command into the demo app on a fresh database, and
 * reports the time and the command's peak RSS. Targets: under 2 minutes, under
 * 500 MB. Environment: BENCH_DB (sqlite | postgres | mysql), BENCH_POSTS (2000),
 * BENCH_COMMENTS_PER_POST (10).
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createRequire } = require('node:module');
const { generateExport } = require('../../tests/import/helpers/generate-export');
const { createBenchDatabase } = require('../lib/database');
const { readRss } = require('../lib/processes');

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO = path.join(ROOT, 'demo');
const posts = Number(process.env.BENCH_POSTS ?? 2000);
const commentsPerPost = Number(process.env.BENCH_COMMENTS_PER_POST ?? 10);
const db = process.env.BENCH_DB ?? 'sqlite';
const LIMIT_SECONDS = 120;
const LIMIT_RSS_MB = 500;
const log = (msg) => process.stdout.write(`[bench:import] ${msg}\n`);

const imageServer = async () => {
  const sharp = createRequire(path.join(DEMO, 'package.json'))('sharp');
  const jpeg = await sharp({ create: { width: 320, height: 180, channels: 3, background: '#7a4e2d' } })
    .jpeg()
    .toBuffer();
  const server = http.createServer((req, res) =>
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg)
  );
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
};

const main = async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-bench-import-'));
  fs.mkdirSync(path.join(tmp, 'uploads'));
  const images = await imageServer();
  const file = path.join(tmp, 'export.xml');
  const size = await generateExport(file, { posts, commentsPerPost, imageOrigin: images.origin });
  log(`generated ${posts} posts, ${posts * commentsPerPost} comments: ${(size / 1024 / 1024).toFixed(1)} MB`);
  const database = await createBenchDatabase(db);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DEMO_SEED: 'false',
    JWT_SECRET: 'bench-jwt-secret',
    STRAPI_TELEMETRY_DISABLED: 'true',
    DEMO_PUBLIC_DIR: tmp,
    MOVIE_REVIEWS_IMPORT_ALLOW_PRIVATE_HOSTS: 'true',
    MOVIE_REVIEWS_IMPORT_MEMORY: 'true',
    ...database.env,
  };
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_GC ? ['--expose-gc'] : []),
      path.join(ROOT, 'bin', 'movie-reviews-import.js'),
      file,
      '--app',
      DEMO,
      '--compiled',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  // The command re-runs itself in a child Node with a bounded heap: sample the whole process tree.
  const tree = (pid) => {
    let kids = [];
    try {
      kids = fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      /* gone */
    }
    return [pid, ...kids.flatMap(tree)];
  };
  let peak = 0;
  const sampler = setInterval(() => {
    let total = 0;
    for (const pid of tree(child.pid)) {
      const rss = readRss(pid);
      if (rss && Number.isFinite(rss.peakMb)) {
        peak = Math.max(peak, rss.peakMb);
        total += rss.rssMb;
      }
    }
    peak = Math.max(peak, total);
  }, 250);
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const code = await new Promise((r) => child.on('exit', r));
  clearInterval(sampler);
  const total = (Date.now() - started) / 1000;
  await images.close();
  await database.drop?.().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
  const lines = output
    .split(/\r?\n/)
    .filter((l) => /^(Done|Dry run|Import finished|Read |Memory|movie-reviews-import)/.test(l));
  lines.forEach((l) => log(l));
  const phase = /Import finished in ([\d.]+) s/.exec(output);
  const importSeconds = phase ? Number(phase[1]) : total;
  log(
    `exit ${code}; whole command ${total.toFixed(1)} s (app start included); import ${importSeconds.toFixed(1)} s; peak RSS ${peak.toFixed(0)} MB`
  );
  const ok = code === 0 && importSeconds < LIMIT_SECONDS && peak < LIMIT_RSS_MB;
  log(
    ok
      ? `within targets (< ${LIMIT_SECONDS} s, < ${LIMIT_RSS_MB} MB)`
      : `OUTSIDE targets (< ${LIMIT_SECONDS} s, < ${LIMIT_RSS_MB} MB)`
  );
  if (code !== 0 || process.env.MR_IMPORT_TIMING) process.stdout.write(output.slice(-4000));
  process.exit(ok ? 0 : 1);
};

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
