'use strict';
/**
 * One load case: autocannon with fixed connections for a fixed duration (after a short warm-up),
 * latencies of every response (autocannon's own histogram keeps only 2xx, which would drop the 304s),
 * and the server's RSS sampled from /proc every 100 ms while the load runs.
 */
const autocannon = require('autocannon');
const { readRss } = require('./processes');

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;

/**
 * @param {object} o
 * @param {string} o.url        base URL (http://127.0.0.1:port)
 * @param {() => {path: string, headers?: Record<string,string>}} o.next  the next request (random slug etc.)
 * @param {number} o.duration   seconds
 * @param {number} o.warmup     seconds of unmeasured load first
 * @param {number} o.connections
 * @param {number} o.pid        server process to sample
 */
const runLoad = async ({ url, next, duration, warmup, connections, pid }) => {
  const requests = [
    {
      setupRequest: (req) => {
        const { path, headers } = next();
        return { ...req, method: 'GET', path, headers: { ...(req.headers ?? {}), ...(headers ?? {}) } };
      },
    },
  ];
  const base = { url, connections, requests, timeout: 30 };
  if (warmup > 0) await autocannon({ ...base, duration: warmup });

  const latencies = [];
  let bytes = 0;
  const rss = [];
  const sample = () => {
    const r = readRss(pid);
    if (r) rss.push(r.rssMb);
  };
  sample();
  const timer = setInterval(sample, 100);
  const instance = autocannon({ ...base, duration });
  instance.on('response', (_client, _status, resBytes, responseTime) => {
    latencies.push(responseTime);
    bytes += resBytes;
  });
  let result;
  try {
    result = await instance;
  } finally {
    clearInterval(timer);
  }
  sample();
  latencies.sort((a, b) => a - b);
  const round = (n, d = 2) => (n === null || n === undefined ? null : Number(n.toFixed(d)));
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return {
    requestsPerSecond: round(result.requests.average, 1),
    responses: latencies.length,
    durationSeconds: round(result.duration, 2),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[latencies.length - 1] ?? null),
    },
    bytesPerResponse: latencies.length ? Math.round(bytes / latencies.length) : null,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    rssMb: {
      max: round(Math.max(...rss), 1),
      mean: round(rss.reduce((a, b) => a + b, 0) / Math.max(1, rss.length), 1),
    },
  };
};

module.exports = { runLoad };
