#!/usr/bin/env node
'use strict';
/**
 * `node bench/profile.js`: where a cache miss spends its CPU. Starts the demo on the database the last
 * `npm run bench` left (bench/.data/bench.db) with the response cache off and `node --cpu-prof`, sends
 * PROFILE_REQUESTS (default 300) cold details and list pages one after the other, stops the demo and
 * prints the self time per package / file of the profile (written in bench/.data/profile/).
 */
const fs = require('node:fs');
const path = require('node:path');
const { DATA_DIR } = require('./lib/database');
const { request, startDemo } = require('./lib/processes');

const PROFILE_DIR = path.join(DATA_DIR, 'profile');
const n = Number(process.env.PROFILE_REQUESTS ?? 300);
const API = '/api/movie-reviews';

const summarise = (file) => {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]);
    const { url, functionName } = node.callFrame;
    let where = url || `(${functionName || 'native'})`;
    const nm = where.lastIndexOf('node_modules/');
    if (nm >= 0) {
      const rest = where.slice(nm + 'node_modules/'.length).split('/');
      where = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    } else if (where.includes('/dist/server/')) where = `plugin: ${functionName || '(anonymous)'}`;
    self.set(where, (self.get(where) ?? 0) + (dt[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
};

const main = async () => {
  fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const demo = await startDemo(
    {
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(DATA_DIR, 'bench.db'),
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
  try {
    const list = JSON.parse((await request(`${demo.url}${API}/reviews?pageSize=100`)).body.toString());
    const slugs = list.data.map((r) => r.slug);
    for (let i = 0; i < n; i += 1) {
      const p =
        i % 3 === 2 ? `${API}/reviews?pageSize=10&page=${1 + (i % 50)}` : `${API}/reviews/${slugs[i % slugs.length]}`;
      const res = await request(`${demo.url}${p}`);
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    }
  } finally {
    await demo.stop();
  }
  const file = fs.readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  console.log(
    `self time by package / plugin function (${n} cold requests, cache off): ${path.join(PROFILE_DIR, file)}`
  );
  for (const line of summarise(path.join(PROFILE_DIR, file))) console.log(line);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
