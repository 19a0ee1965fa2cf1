#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: seeds a fresh database, starts the demo with `strapi start`, and measures the
 * plugin's public API against a hand-written Strapi baseline and a bare node:http server.
 * See README.md, "Benchmark". Environment:
 *   BENCH_DB           sqlite (default) | postgres | mysql
 *   BENCH_DURATION     seconds per case (default 10)
 *   BENCH_CONNECTIONS  concurrent connections (default 10)
 *   BENCH_WARMUP       seconds of unmeasured load before each case (default 2, at most the duration)
 *   BENCH_REVIEWS / BENCH_DRAFTS / BENCH_COMMENTS   data set size (default 1000 / 200 / 20000)
 *   BENCH_MIXED_WARMUP / BENCH_MIXED_DURATION        seconds of the mixed workload (default 20 / 20)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureBuilt, ROOT } = require('./lib/build');
const { createBenchDatabase, DATA_DIR } = require('./lib/database');
const { readRss, request, runSeed, startDemo, startLimit } = require('./lib/processes');
const { runLoad } = require('./lib/load');
const { runMixed } = require('./lib/mixed');
const { evaluate, writeReports, printSummary } = require('./lib/report');

// BENCH_API_PREFIX points the "ours" cases at another implementation of the same routes (default: the plugin's).
const API = process.env.BENCH_API_PREFIX ?? '/api/movie-reviews';
const NAIVE = '/api/naive';

const num = (name, fallback, min = 0) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number ≥ ${min}`);
  return v;
};
const settings = {
  db: process.env.BENCH_DB ?? 'sqlite',
  duration: num('BENCH_DURATION', 10, 1),
  connections: num('BENCH_CONNECTIONS', 10, 1),
  // The mixed workload is measured on a warm cache, as a site in production is.
  mixedWarmup: num('BENCH_MIXED_WARMUP', 20),
  mixedDuration: num('BENCH_MIXED_DURATION', 20, 1),
};
settings.warmup = Math.min(num('BENCH_WARMUP', 2), settings.duration);

const log = (msg) => process.stdout.write(`[bench] ${msg}\n`);

const cleanups = [];
const cleanup = async () => {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await fn().catch((e) => log(`cleanup: ${e.message}`));
  }
};
process.on('SIGINT', () => {
  log('interrupted, cleaning up');
  cleanup().finally(() => process.exit(130));
});

/** A random element, from a list that the load generator walks through in random order. */
const picker = (list) => () => list[Math.floor(Math.random() * list.length)];

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);
const saveCapture = (res, file) => {
  const headers = res.rawHeaders.filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase()));
  if (res.body.length && !headers.some(([k]) => k.toLowerCase() === 'content-length')) {
    headers.push(['Content-Length', String(res.body.length)]);
  }
  fs.writeFileSync(file, JSON.stringify({ status: res.status, headers, body: res.body.toString('base64') }));
};

const main = async () => {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  log(
    `database ${settings.db}, ${settings.duration} s per case (+${settings.warmup} s warm-up), ${settings.connections} connections`
  );
  ensureBuilt({ log });
  fs.mkdirSync(DATA_DIR, { recursive: true });

  const db = await createBenchDatabase(settings.db);
  cleanups.push(() => db.drop());
  log(`fresh ${db.client} database ${db.name}`);

  const common = {
    ...db.env,
    NODE_ENV: 'production',
    DEMO_SEED: 'true',
    DEMO_BENCH: 'true',
    SERVE_ADMIN: 'false',
    STRAPI_LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    // The mixed workload posts comments from many client IPs (X-Forwarded-For).
    PROXY: 'true',
  };

  // 1. Seed, in its own Strapi process, before the server starts.
  log('seeding (inside a Strapi instance of the demo, see bench/seed.js)');
  const seed = await runSeed(common);
  if (db.client === 'postgres')
    log('VACUUM ANALYZE (what autovacuum does after such a load; it is off on this machine)');
  await db.analyse();

  // 2. Start the demo.
  log('starting the demo with `strapi start`');
  const demo = await startDemo(common);
  cleanups.push(() => demo.stop());
  const idleRss = readRss(demo.pid);
  log(`demo listening on ${demo.url} (pid ${demo.pid}, RSS ${idleRss?.rssMb.toFixed(0)} MB)`);

  const get = (p, headers) => request(`${demo.url}${p}`, { headers });
  const counters = async () => JSON.parse((await get('/__bench/queries')).body);
  /** SQL statements the server ran for one request, with nothing else in flight (BEGIN/COMMIT counted apart). */
  const measureQueries = async (p, headers) => {
    const before = await counters();
    const res = await get(p, headers);
    const after = await counters();
    return {
      status: res.status,
      queries: after.queries - before.queries,
      tx: after.transactionControl - before.transactionControl,
      res,
    };
  };

  // 3. Which cases can run: the public API may not exist on this branch yet.
  const slugs = seed.slugs;
  const probe = await get(`${API}/reviews?pageSize=1`);
  const apiPresent = probe.status === 200;
  if (!apiPresent) {
    log('');
    log(`!!! The public API is MISSING: GET ${API}/reviews answered ${probe.status}.`);
    log('!!! Its cases (list, detail, comments, 304) are reported as "missing"; the baseline and the limit still run.');
    log('');
  }
  const naiveProbe = await get(`${NAIVE}/reviews?pageSize=1`);
  if (naiveProbe.status !== 200) {
    throw new Error(`the naive baseline route answered ${naiveProbe.status} (is DEMO_BENCH=true reaching the demo?)`);
  }

  // Slugs: a few reserved for cold (never requested) query counts, the rest for the load.
  const coldSlugs = slugs.slice(0, 6);
  const loadSlugs = slugs.slice(6);
  const pickSlug = picker(loadSlugs);

  // 4. Query counts. Cold = the first request of a URL (no response cache can answer it); warm = the same URL again.
  // Before counting, one list page and one detail go through Strapi's stack, and one more of each fills the
  // memo of the Public role's permissions: from then on the plugin answers uncached ones before the stack
  // (early-cache.ts), as it does for every request of a running site but its first ones.
  if (apiPresent) {
    for (const p of [
      `${API}/reviews?pageSize=1`,
      `${API}/reviews?pageSize=2`,
      `${API}/reviews/${loadSlugs[1]}`,
      `${API}/reviews/${loadSlugs[2]}`,
    ]) {
      await get(p);
    }
  }
  log('counting SQL queries per request (sequential requests, knex query events in the server)');
  const queryCounts = {};
  const count = async (id, coldPaths, warmPath, headers) => {
    const cold = [];
    for (const p of coldPaths) cold.push(await measureQueries(p, headers));
    const warm = warmPath ? await measureQueries(warmPath, headers) : null;
    queryCounts[id] = {
      cold: cold.map((c) => c.queries),
      warm: warm ? warm.queries : null,
      transactionControl: [...cold, ...(warm ? [warm] : [])].map((c) => c.tx),
      statuses: [...new Set([...cold, ...(warm ? [warm] : [])].map((c) => c.status))],
    };
  };
  if (apiPresent) {
    await count(
      'list10',
      [`${API}/reviews?pageSize=10`, `${API}/reviews?pageSize=10&page=2`, `${API}/reviews?pageSize=10&page=3`],
      `${API}/reviews?pageSize=10`
    );
    await count(
      'list100',
      [`${API}/reviews?pageSize=100`, `${API}/reviews?pageSize=100&page=2`, `${API}/reviews?pageSize=100&page=3`],
      `${API}/reviews?pageSize=100`
    );
    await count(
      'detail',
      coldSlugs.slice(0, 3).map((s) => `${API}/reviews/${s}`),
      `${API}/reviews/${coldSlugs[0]}`
    );
    await count(
      'comments',
      coldSlugs.slice(3, 6).map((s) => `${API}/reviews/${s}/comments`),
      `${API}/reviews/${coldSlugs[3]}/comments`
    );
  }
  await count(
    'naiveList10',
    [`${NAIVE}/reviews?pageSize=10`, `${NAIVE}/reviews?pageSize=10&page=2`],
    `${NAIVE}/reviews?pageSize=10`
  );
  await count(
    'naiveList100',
    [`${NAIVE}/reviews?pageSize=100`, `${NAIVE}/reviews?pageSize=100&page=2`],
    `${NAIVE}/reviews?pageSize=100`
  );
  await count(
    'naiveDetail',
    coldSlugs.slice(0, 2).map((s) => `${NAIVE}/reviews/${s}`),
    `${NAIVE}/reviews/${coldSlugs[0]}`
  );

  // 5. Responses the limit server replays, and ETags for the 304 case.
  const captureSlug = loadSlugs[0];
  const detailPath = apiPresent ? `${API}/reviews/${captureSlug}` : `${NAIVE}/reviews/${captureSlug}`;
  const detailRes = await get(detailPath);
  saveCapture(detailRes, path.join(DATA_DIR, 'capture-200.json'));
  let etags = [];
  let has304 = false;
  if (apiPresent) {
    const sample = loadSlugs.slice(0, 200);
    for (const s of sample) {
      const r = await get(`${API}/reviews/${s}`);
      if (r.headers.etag) etags.push([s, r.headers.etag]);
    }
    if (etags.length) {
      const [s, etag] = etags[0];
      const r304 = await measureQueries(`${API}/reviews/${s}`, { 'If-None-Match': etag });
      queryCounts.detail304 = { cold: [], warm: r304.queries, transactionControl: [r304.tx], statuses: [r304.status] };
      if (r304.status === 304) {
        has304 = true;
        saveCapture(r304.res, path.join(DATA_DIR, 'capture-304.json'));
      }
    }
    if (!has304)
      log(
        `!!! detail responses carry no usable ETag/304 (${etags.length} ETags seen): the 304 case is reported as missing`
      );
  }
  const pickEtag = picker(etags);

  // 6. Load.
  const cases = [
    {
      id: 'list10',
      group: 'ours',
      label: `GET ${API}/reviews?pageSize=10`,
      expect: 200,
      run: apiPresent,
      next: () => ({ path: `${API}/reviews?pageSize=10` }),
    },
    {
      id: 'list100',
      group: 'ours',
      label: `GET ${API}/reviews?pageSize=100`,
      expect: 200,
      run: apiPresent,
      next: () => ({ path: `${API}/reviews?pageSize=100` }),
    },
    {
      id: 'detail',
      group: 'ours',
      label: `GET ${API}/reviews/:slug (random slugs)`,
      expect: 200,
      run: apiPresent,
      next: () => ({ path: `${API}/reviews/${pickSlug()}` }),
    },
    {
      id: 'comments',
      group: 'ours',
      label: `GET ${API}/reviews/:slug/comments (random slugs)`,
      expect: 200,
      run: apiPresent,
      next: () => ({ path: `${API}/reviews/${pickSlug()}/comments` }),
    },
    {
      id: 'detail304',
      group: 'ours',
      label: `GET ${API}/reviews/:slug with If-None-Match`,
      expect: 304,
      run: has304,
      next: () => {
        const [s, etag] = pickEtag();
        return { path: `${API}/reviews/${s}`, headers: { 'If-None-Match': etag } };
      },
    },
    {
      id: 'naiveList10',
      group: 'naive',
      label: `GET ${NAIVE}/reviews?pageSize=10`,
      expect: 200,
      run: true,
      next: () => ({ path: `${NAIVE}/reviews?pageSize=10` }),
    },
    {
      id: 'naiveList100',
      group: 'naive',
      label: `GET ${NAIVE}/reviews?pageSize=100`,
      expect: 200,
      run: true,
      next: () => ({ path: `${NAIVE}/reviews?pageSize=100` }),
    },
    {
      id: 'naiveDetail',
      group: 'naive',
      label: `GET ${NAIVE}/reviews/:slug (random slugs)`,
      expect: 200,
      run: true,
      next: () => ({ path: `${NAIVE}/reviews/${pickSlug()}` }),
    },
    {
      id: 'limit',
      group: 'limit',
      label: `node:http replaying ${apiPresent ? 'the API' : 'the naive'} detail response (${detailRes.body.length} B body)`,
      expect: detailRes.status,
      run: true,
      capture: 'capture-200.json',
      next: () => ({ path: '/' }),
    },
    {
      id: 'limit304',
      group: 'limit',
      label: 'node:http replaying the 304 response',
      expect: 304,
      run: has304,
      capture: 'capture-304.json',
      next: () => ({ path: '/' }),
    },
  ];

  const results = [];
  const runCase = async (c) => {
    const base = { id: c.id, group: c.group, label: c.label, phase: c.phase ?? 'cache on' };
    if (!c.run) {
      results.push({ ...base, status: 'missing', queries: queryCounts[c.id] ?? null });
      log(`${c.id.padEnd(13)} missing`);
      return;
    }
    let target = { url: demo.url, pid: demo.pid };
    let limit = null;
    if (c.capture) {
      limit = await startLimit(path.join(DATA_DIR, c.capture));
      target = limit;
    }
    try {
      log(`${c.id.padEnd(13)} ${c.label}`);
      const load = {
        ...target,
        duration: settings.duration,
        warmup: settings.warmup,
        connections: settings.connections,
      };
      const m = c.mixed
        ? await runMixed({ ...load, warmup: settings.mixedWarmup, duration: settings.mixedDuration, ...c.mixed, slugs })
        : await runLoad({ ...load, next: c.next });
      const expected = c.mixed ? m.responses - m.readFivexx : (m.statusCodes[String(c.expect)] ?? 0);
      const valid = m.responses > 0 && expected / m.responses >= 0.99 && m.errors === 0;
      results.push({
        ...base,
        status: valid ? 'ok' : 'invalid',
        note: valid
          ? undefined
          : `expected ${c.mixed ? 'no 5xx' : c.expect} for ≥ 99% of responses, got ${JSON.stringify(m.statusCodes)}, ${m.errors} errors`,
        ...m,
        queries: queryCounts[c.id] ?? null,
        rssProcess: c.capture ? 'limit server' : 'demo',
      });
      const extra = c.mixed
        ? `, hit ratio ${m.hitRatio ?? '–'}, 5xx ${m.readFivexx}+${m.writeFivexx}, writes ${JSON.stringify(m.writes)}`
        : '';
      log(
        `${''.padEnd(13)} ${m.requestsPerSecond} req/s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, RSS max ${m.rssMb.max} MB${extra}${valid ? '' : '  (INVALID: see note)'}`
      );
    } finally {
      await limit?.stop();
    }
  };
  for (const c of cases) await runCase(c);

  // 7. The same API with its response cache off (every request is a miss), next to the floor.
  const cacheSwitch = async (enabled) => (await get(`/__bench/cache?enabled=${enabled}`)).status === 200;
  const canSwitch = apiPresent && (await cacheSwitch(false));
  if (apiPresent && !canSwitch) log('!!! /__bench/cache is not there: the cache-off cases are reported as missing');
  if (canSwitch) {
    await count(
      'offList10',
      [`${API}/reviews?pageSize=10&page=4`, `${API}/reviews?pageSize=10&page=5`],
      `${API}/reviews?pageSize=10&page=4`
    );
    await count('offDetail', [`${API}/reviews/${coldSlugs[1]}`], `${API}/reviews/${coldSlugs[1]}`);
    if (etags.length) {
      const [s, etag] = etags[0];
      // Warm-up: one full answer (the stack's headers) and one 304 (the Public permissions memo).
      await get(`${API}/reviews/${s}`);
      await get(`${API}/reviews/${s}`, { 'If-None-Match': etag });
      const r = await measureQueries(`${API}/reviews/${s}`, { 'If-None-Match': etag });
      queryCounts.offDetail304 = { cold: [r.queries], warm: null, transactionControl: [r.tx], statuses: [r.status] };
    }
  }
  const off = { phase: 'cache off', group: 'ours', run: canSwitch };
  const offCases = [
    {
      ...off,
      id: 'offList10',
      label: `GET ${API}/reviews?pageSize=10, cache off`,
      expect: 200,
      next: () => ({ path: `${API}/reviews?pageSize=10` }),
    },
    {
      ...off,
      id: 'offList100',
      label: `GET ${API}/reviews?pageSize=100, cache off`,
      expect: 200,
      next: () => ({ path: `${API}/reviews?pageSize=100` }),
    },
    {
      ...off,
      id: 'offDetail',
      label: `GET ${API}/reviews/:slug (random slugs), cache off`,
      expect: 200,
      next: () => ({ path: `${API}/reviews/${pickSlug()}` }),
    },
    {
      ...off,
      id: 'offComments',
      label: `GET ${API}/reviews/:slug/comments (random slugs), cache off`,
      expect: 200,
      next: () => ({ path: `${API}/reviews/${pickSlug()}/comments` }),
    },
    {
      ...off,
      id: 'offDetail304',
      label: `GET ${API}/reviews/:slug with If-None-Match, cache off (nothing cached)`,
      expect: 304,
      run: canSwitch && has304,
      next: () => {
        const [s, etag] = pickEtag();
        return { path: `${API}/reviews/${s}`, headers: { 'If-None-Match': etag } };
      },
    },
    {
      phase: 'cache off',
      group: 'floor',
      run: true,
      id: 'floor',
      label: "GET /_health (Strapi's own route: the global middlewares, no plugin work)",
      expect: 204,
      next: () => ({ path: '/_health' }),
    },
  ];
  for (const c of offCases) await runCase(c);
  if (canSwitch) await cacheSwitch(true);

  // 8. The mixed workload (cache on), ours then naive.
  const mixedCases = [
    {
      phase: 'mixed',
      group: 'ours',
      run: canSwitch,
      id: 'mixed',
      label: 'Zipf reads (60% detail, 25% lists, 15% comments) + 2 posts/s + 1 approval/5 s',
      mixed: { api: API },
    },
    {
      phase: 'mixed',
      group: 'naive',
      run: canSwitch,
      id: 'naiveMixed',
      label: 'the same reads on the naive routes + the same writes',
      mixed: { api: API, naive: NAIVE },
    },
  ];
  for (const c of mixedCases) await runCase(c);

  const peak = readRss(demo.pid);
  const loadAfter = os.loadavg();
  const report = {
    generatedAt: startedAt.toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      database: seed.dbVersion,
      loadAverage1m: { before: Number(loadBefore[0].toFixed(2)), after: Number(loadAfter[0].toFixed(2)) },
    },
    settings: {
      ...settings,
      reviews: seed.requested.reviews,
      drafts: seed.requested.drafts,
      comments: seed.requested.comments,
    },
    apiPresent,
    seeding: {
      seconds: Number(seed.seconds.toFixed(1)),
      phases: Object.fromEntries(Object.entries(seed.phases).map(([k, v]) => [k, Number(v.toFixed(1))])),
      counts: seed.counts,
    },
    server: {
      idleRssMb: idleRss ? Number(idleRss.rssMb.toFixed(1)) : null,
      peakRssMb: peak ? Number(peak.peakMb.toFixed(1)) : null,
    },
    cases: results,
  };
  report.evaluation = evaluate(report);
  writeReports(report);
  printSummary(report, log);
};

main()
  .then(cleanup, async (error) => {
    process.exitCode = 1;
    log(`failed: ${error.stack ?? error}`);
    await cleanup();
  })
  .then(() => process.exit());
