#!/usr/bin/env node
'use strict';
/**
 * `npm run soak`: starts the built demo (`strapi start`, loopback only) on a fresh
 * database and runs mixed reads and comment POSTs from many client IPs for
 * SOAK_SECONDS (default 60). The demo trusts X-Forwarded-For (PROXY=true), so each
 * POST comes from its own address and the per-IP rate limit stays realistic.
 * Fails (exit 1) on any 5xx, on any acknowledged (201) comment not stored exactly
 * once, or on any stored soak comment that was not acknowledged. Samples the RSS
 * of the demo every 5 s and fails when it grows by 5% or more over the last minute
 * (no plateau) or reaches 450 MB; the curve is written to SOAK_CURVE (default
 * bench/soak-curve.json) and printed.
 *
 * Environment: SOAK_SECONDS (60), SOAK_CONNECTIONS (16), SOAK_DB or DATABASE_CLIENT
 * (sqlite | postgres | mysql; default sqlite), SOAK_HEAP_SNAPSHOTS=true (the demo
 * writes a V8 heap snapshot after the warm-up, halfway and at the end, in
 * bench/.data/heap/, to compare with tests/reliability/heap-diff.js).
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');
const { ensureBuilt, DEMO } = require('../../bench/lib/build');
const { createBenchDatabase } = require('../../bench/lib/database');
const { readRss, startDemo } = require('../../bench/lib/processes');

const demoRequire = createRequire(path.join(DEMO, 'package.json'));
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 16);
const dbName = process.env.SOAK_DB ?? process.env.DATABASE_CLIENT ?? 'sqlite';
const API = '/api/movie-reviews';
const log = (msg) => process.stdout.write(`[soak] ${msg}\n`);
const run = Math.random().toString(36).slice(2, 8);
const RSS_LIMIT_MB = 450;
const PLATEAU_GROWTH = 0.05;
const SAMPLE_MS = 5000;
const snapshots = process.env.SOAK_HEAP_SNAPSHOTS === 'true';
const HEAP_DIR = path.join(__dirname, '..', '..', 'bench', '.data', 'heap');
const curveFile = process.env.SOAK_CURVE ?? path.join(__dirname, '..', '..', 'bench', 'soak-curve.json');

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const call = (base, method, p, { body, headers = {} } = {}) =>
  new Promise((resolve) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      `${base}${p}`,
      {
        method,
        agent,
        headers: { ...headers, ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}) },
        timeout: 30_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      }
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, body: error.message }));
    if (data) req.write(data);
    req.end();
  });

const knexFor = (env) => {
  const knex = demoRequire('knex');
  if (env.DATABASE_CLIENT === 'sqlite') {
    return knex({ client: 'better-sqlite3', connection: { filename: env.DATABASE_FILENAME }, useNullAsDefault: true });
  }
  const pg = env.DATABASE_CLIENT === 'postgres';
  return knex({
    client: pg ? 'pg' : 'mysql2',
    connection: {
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? (pg ? 5432 : 3306)),
      user: process.env.DATABASE_USERNAME ?? (pg ? 'postgres' : 'root'),
      password: process.env.DATABASE_PASSWORD ?? '',
      database: env.DATABASE_NAME,
    },
  });
};

const main = async () => {
  ensureBuilt({ log });
  const db = await createBenchDatabase(dbName);
  let demo;
  let failed = false;
  try {
    const env = {
      ...db.env,
      NODE_ENV: 'production',
      DEMO_SEED: 'true',
      SERVE_ADMIN: 'false',
      PROXY: 'true',
      // /__bench/memory: heap / external breakdown next to each RSS sample.
      DEMO_BENCH: 'true',
      STRAPI_LOG_LEVEL: 'warn',
      STRAPI_TELEMETRY_DISABLED: 'true',
    };
    if (snapshots) {
      fs.mkdirSync(HEAP_DIR, { recursive: true });
      env.NODE_OPTIONS =
        `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${HEAP_DIR}`.trim();
    }
    demo = await startDemo(env);
    const base = demo.url;
    log(`demo on ${base} (${db.client}), ${seconds} s, ${connections} connections`);
    // Warm up, then take the starting RSS.
    for (let i = 0; i < 20; i += 1) await call(base, 'GET', `${API}/reviews`);
    const rssStart = readRss(demo.pid);
    const startedAt = Date.now();
    const curve = [{ t: 0, rssMb: Number(rssStart?.rssMb.toFixed(1)) }];
    const sampler = setInterval(() => {
      const r = readRss(demo.pid);
      if (!r) return;
      const point = { t: Math.round((Date.now() - startedAt) / 1000), rssMb: Number(r.rssMb.toFixed(1)) };
      curve.push(point);
      void call(base, 'GET', '/__bench/memory').then((res) => {
        if (res.status === 200) Object.assign(point, JSON.parse(res.body));
      });
    }, SAMPLE_MS);
    const snapshot = (label) => {
      if (!snapshots) return;
      log(`heap snapshot (${label})`);
      process.kill(demo.pid, 'SIGUSR2');
    };
    snapshot('start');
    const halfway = setTimeout(() => snapshot('halfway'), (seconds * 1000) / 2);

    const statuses = new Map();
    const acknowledged = [];
    let ipCounter = 0;
    let posts = 0;
    let reads = 0;
    const deadline = Date.now() + seconds * 1000;
    const READS = [
      `${API}/reviews`,
      `${API}/reviews/her-2013`,
      `${API}/reviews/her-2013/comments`,
      `${API}/reviews?q=her&pageSize=5`,
      `${API}/reviews?sort=title:asc`,
      `${API}/reviews/no-such-review`,
    ];
    const worker = async (w) => {
      let i = 0;
      while (Date.now() < deadline) {
        i += 1;
        let res;
        if (i % 4 === 0) {
          ipCounter += 1;
          const ip = `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
          const content = `soak ${run} ${w}-${i}`;
          res = await call(base, 'POST', `${API}/reviews/her-2013/comments`, {
            body: { authorName: `Soak ${w}`, authorEmail: `soak${w}@example.org`, content },
            headers: { 'X-Forwarded-For': ip },
          });
          posts += 1;
          if (res.status === 201) acknowledged.push(content);
        } else {
          res = await call(base, 'GET', READS[(w + i) % READS.length], {
            headers: { 'X-Forwarded-For': `10.200.0.${w}` },
          });
          reads += 1;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
    clearInterval(sampler);
    clearTimeout(halfway);
    const rssEnd = readRss(demo.pid);
    curve.push({ t: Math.round((Date.now() - startedAt) / 1000), rssMb: Number(rssEnd?.rssMb.toFixed(1)) });
    snapshot('end');
    if (snapshots) await new Promise((r) => setTimeout(r, 20_000)); // writing a snapshot takes a while
    agent.destroy();

    const k = knexFor(db.env);
    const rows = await k('movie_review_comments').select('content').where('content', 'like', `soak ${run} %`);
    await k.destroy();
    const storedCount = new Map();
    for (const r of rows) storedCount.set(r.content, (storedCount.get(r.content) ?? 0) + 1);
    const lost = acknowledged.filter((c) => storedCount.get(c) !== 1);
    const ackSet = new Set(acknowledged);
    const unacknowledged = [...storedCount.keys()].filter((c) => !ackSet.has(c));
    const fiveXx = [...statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);

    log(
      `requests: ${reads} reads, ${posts} posts; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`
    );
    log(`5xx or connection errors: ${fiveXx}`);
    log(
      `comments acknowledged: ${acknowledged.length}, stored: ${rows.length}, lost or duplicated: ${lost.length}, stored without acknowledgement: ${unacknowledged.length}`
    );
    log(
      `RSS start ${rssStart?.rssMb.toFixed(1)} MB, end ${rssEnd?.rssMb.toFixed(1)} MB (peak ${rssEnd?.peakMb.toFixed(1)} MB)`
    );
    log(`RSS every ${SAMPLE_MS / 1000} s (MB): ${curve.map((p) => p.rssMb).join(' ')}`);
    log(`V8 heap used at the same times (MB): ${curve.map((p) => p.heapUsed ?? '–').join(' ')}`);
    // Plateau: growth over the last minute, from the sample a minute before the end to the end.
    const end = curve[curve.length - 1];
    const minuteAgo = [...curve].reverse().find((p) => p.t <= end.t - 60) ?? curve[0];
    const growth = (end.rssMb - minuteAgo.rssMb) / minuteAgo.rssMb;
    const maxRss = Math.max(...curve.map((p) => p.rssMb));
    // A plateau can only be judged with a minute of samples after a minute of warm-up (2 minutes or more);
    // shorter runs (CI's 20 s) judge 5xx, lost comments and the RSS ceiling only.
    const judgePlateau = end.t - curve[0].t >= 120;
    const plateau = !judgePlateau || growth < PLATEAU_GROWTH;
    log(
      `RSS over the last minute: ${minuteAgo.rssMb} → ${end.rssMb} MB (${(growth * 100).toFixed(1)}%, ${!judgePlateau ? 'too short to judge a plateau' : plateau ? 'plateau' : 'STILL GROWING'}); max ${maxRss} MB (limit ${RSS_LIMIT_MB})`
    );
    fs.writeFileSync(
      curveFile,
      `${JSON.stringify({ db: db.client, seconds, connections, reads, posts, statuses: Object.fromEntries(statuses), growthLastMinute: Number(growth.toFixed(4)), maxRssMb: maxRss, curve }, null, 2)}\n`
    );
    failed =
      fiveXx > 0 ||
      lost.length > 0 ||
      unacknowledged.length > 0 ||
      acknowledged.length === 0 ||
      !plateau ||
      maxRss >= RSS_LIMIT_MB;
  } finally {
    if (demo) await demo.stop();
    await db.drop().catch(() => undefined);
  }
  if (failed) {
    log('FAILED');
    process.exit(1);
  }
  log('ok');
};

main().catch((error) => {
  log(error.stack || String(error));
  process.exit(1);
});
