#!/usr/bin/env node
'use strict';
/**
 * `node bench/profile.js`: where a cache miss spends its CPU. Starts the demo on the database the last
 * `npm run bench` left (bench/.data/bench.db; or the database DATABASE_CLIENT, DATABASE_NAME... name) with the response cache off and `node --cpu-prof`, loads
 * it for PROFILE_SECONDS (default 5) with cold details and list pages on 4 connections, stops the demo and
 * prints the self time per package / plugin function and the costliest functions of the profile (written in
 * bench/.data/profile/). Samples taken before the measured requests (boot, warm-up) are left out.
 * PROFILE_CASE picks the requests: mixed (default: two details for one list page), detail, list10, list100,
 * detail304 (conditional GETs of unchanged reviews, answered 304 from their version).
 */
const fs = require('node:fs');
const path = require('node:path');
const { DATA_DIR } = require('./lib/database');
const { request, startDemo } = require('./lib/processes');
const { runLoad } = require('./lib/load');

const PROFILE_DIR = path.join(DATA_DIR, 'profile');
const seconds = Number(process.env.PROFILE_SECONDS ?? 5);
const profileCase = process.env.PROFILE_CASE ?? 'mixed';
const API = '/api/movie-reviews';

const pathOf = (i, slugs) => {
  const detail = `${API}/reviews/${slugs[i % slugs.length]}`;
  const list = (size) => `${API}/reviews?pageSize=${size}&page=${1 + (i % (1000 / size))}`;
  if (profileCase === 'detail' || profileCase === 'detail304') return detail;
  if (profileCase === 'list10') return list(10);
  if (profileCase === 'list100') return list(100);
  return i % 3 === 2 ? list(10) : detail;
};

const top = (map, count) => {
  const total = [...map.values()].reduce((a, b) => a + b, 0);
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
};

/** Self time per package and per function, counting samples from `skipMicros` after the profile's start. */
const summarise = (file, skipMicros, untilMicros) => {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const functions = new Map();
  const dt = profile.timeDeltas;
  let at = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += dt[i] ?? 0;
    if (at < skipMicros || at > untilMicros) continue;
    const node = byId.get(profile.samples[i]);
    const { url, functionName, lineNumber } = node.callFrame;
    const fn = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + (dt[i] ?? 0));
    let where = url || `(${functionName || 'native'})`;
    const nm = where.lastIndexOf('node_modules/');
    if (nm >= 0) {
      const rest = where.slice(nm + 'node_modules/'.length).split('/');
      where = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    } else if (where.includes('/dist/server/')) where = `plugin: ${functionName || '(anonymous)'}`;
    self.set(where, (self.get(where) ?? 0) + (dt[i] ?? 0));
  }
  const busy = [...self.entries()].reduce((sum, [k, v]) => (k === '((idle))' ? sum : sum + v), 0);
  return { packages: top(self, 30), functions: top(functions, 40), busyMs: busy / 1000 };
};

const main = async () => {
  fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const spawnedAt = Date.now();
  const demo = await startDemo(
    {
      // Another database when DATABASE_CLIENT and its settings are in the environment (a seeded copy).
      ...(process.env.DATABASE_CLIENT
        ? {}
        : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(DATA_DIR, 'bench.db') }),
      DEMO_PUBLIC_DIR: path.join(DATA_DIR, 'public'),
      NODE_ENV: 'production',
      DEMO_SEED: 'false',
      SERVE_ADMIN: 'false',
      STRAPI_LOG_LEVEL: 'warn',
      STRAPI_TELEMETRY_DISABLED: 'true',
      MOVIE_REVIEWS_RESPONSE_CACHE: 'false',
    },
    { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] }
  );
  let measuredFrom = 0;
  let measuredUntil = 0;
  let responses = 0;
  try {
    const list = JSON.parse((await request(`${demo.url}${API}/reviews?pageSize=100`)).body.toString());
    const slugs = list.data.map((r) => r.slug);
    const etags = new Map();
    for (let i = 0; i < (profileCase === 'detail304' ? slugs.length : 50); i += 1) {
      const p = pathOf(i, slugs);
      const res = await request(`${demo.url}${p}`);
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
      if (res.headers.etag) etags.set(p, res.headers.etag);
    }
    const expected = profileCase === 'detail304' ? '304' : '200';
    const next = (i) => {
      const p = pathOf(i, slugs);
      return profileCase === 'detail304' ? { path: p, headers: { 'If-None-Match': etags.get(p) } } : { path: p };
    };
    // Keep-alive connections, as the bench's load has (a new connection per request would
    // show up as socket work that the bench does not have).
    let i = 0;
    measuredFrom = Date.now();
    const result = await runLoad({
      url: demo.url,
      next: () => next(i++),
      duration: seconds,
      warmup: 0,
      connections: 4,
      pid: demo.pid,
    });
    measuredUntil = Date.now();
    responses = result.responses;
    if (Object.keys(result.statusCodes).some((code) => code !== expected)) {
      throw new Error(`unexpected statuses: ${JSON.stringify(result.statusCodes)}`);
    }
  } finally {
    await demo.stop();
  }
  const file = fs.readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const { packages, functions, busyMs } = summarise(
    path.join(PROFILE_DIR, file),
    (measuredFrom - spawnedAt) * 1000,
    (measuredUntil - spawnedAt) * 1000
  );
  console.log(
    `self time by package / plugin function (${responses} ${profileCase} requests in ${seconds} s, cache off): ${path.join(PROFILE_DIR, file)}`
  );
  console.log(`busy (not idle) CPU per request: ${(busyMs / responses).toFixed(3)} ms`);
  for (const line of packages) console.log(line);
  console.log('\ncostliest functions (self time):');
  for (const line of functions) console.log(line);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
