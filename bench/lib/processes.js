'use strict';
/**
 * Child processes of the benchmark: the seeding process, the demo server (`strapi start`) and
 * the bare node:http limit server; plus free ports, HTTP probes and RSS readings from /proc.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { ROOT, DEMO } = require('./build');

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => (port === 1337 ? freePort().then(resolve, reject) : resolve(port)));
    });
  });

/** Resident set size of a process in MB (VmRSS), and its peak so far (VmHWM); null when unreadable. */
const readRss = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) ?? [])[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
};

/** One HTTP request with a fresh connection; resolves { status, headers (raw pairs), body (Buffer) }. */
const request = (url, { headers = {}, method = 'GET', body } = {}) =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const sent = payload
      ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length), ...headers }
      : headers;
    const req = http.request(url, { method, headers: sent, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const pairs = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode, headers: res.headers, rawHeaders: pairs, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end(payload);
  });

const stopChild = async (child, { timeoutMs = 10_000 } = {}) => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
};

/** Runs bench/seed.js in its own process against the bench database and returns its summary. */
const runSeed = (env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'seed.js')], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let summary = null;
    child.on('message', (m) => {
      if (m && m.type === 'seeded') summary = m.summary;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && summary ? resolve(summary) : reject(new Error(`seeding failed (exit code ${code})`))
    );
  });

/**
 * Node options the demo runs with, as its `npm start` does (demo/package.json): V8 lets the heap
 * grow to several times what is live before a full collection while requests allocate fast, so
 * the heap is capped (README, "Memory").
 */
const DEMO_NODE_ARGS = ['--max-old-space-size=256'];

/** Starts the built demo with `strapi start` on a free port and waits for /_health. */
const startDemo = async (env, { nodeArgs = [] } = {}) => {
  const port = await freePort();
  let log = '';
  const child = spawn(
    process.execPath,
    [...DEMO_NODE_ARGS, ...nodeArgs, path.join(DEMO, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    {
      cwd: DEMO,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  const keep = (d) => {
    log += d;
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the demo exited (code ${child.exitCode}):\n${log.slice(-5000)}`);
    try {
      const res = await request(`${url}/_health`);
      if (res.status === 204 || res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`the demo did not answer /_health within 180 s:\n${log.slice(-5000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid: child.pid, output: () => log, stop: () => stopChild(child) };
};

/** Starts bench/limit-server.js replaying `capture` and resolves once it listens. */
const startLimit = (captureFile) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'limit-server.js'), captureFile], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`limit server exited (${code})`)));
    child.on('message', (m) => {
      if (m && m.type === 'listening') {
        child.removeAllListeners('exit');
        resolve({ url: `http://127.0.0.1:${m.port}`, pid: child.pid, stop: () => stopChild(child) });
      }
    });
  });

module.exports = { freePort, readRss, request, runSeed, startDemo, startLimit, stopChild };
