'use strict';
/**
 * The mixed workload: what a blog's API sees while it is read and commented.
 * Reads (autocannon, fixed connections) pick a review with a Zipf law (s = 1) over every published
 * review: 60% details, 25% list pages (varied page, sort and filter), 15% comment pages. Meanwhile
 * 2 comment POSTs per second arrive from many client IPs (X-Forwarded-For; the demo trusts it with
 * PROXY=true), most of them pending as on a moderated blog, and an editor approves one pending comment
 * every 5 s through the plugin's moderation service (`/__bench/approve`, see demo/src/bench).
 * Reported: req/s, p50/p99 of the reads, the response cache's hit ratio over the measured window,
 * 5xx counts of reads and writes.
 */
const { runLoad } = require('./load');
const { request } = require('./processes');

/** A sampler of ranks 0..n-1 with P(k) ∝ 1/(k+1)^s. */
const zipf = (n, s = 1) => {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k += 1) {
    sum += 1 / (k + 1) ** s;
    cdf[k] = sum;
  }
  return () => {
    const u = Math.random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

const weighted = (pairs) => {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  return () => {
    let u = Math.random() * total;
    for (const [value, w] of pairs) {
      u -= w;
      if (u <= 0) return value;
    }
    return pairs[pairs.length - 1][0];
  };
};

const SORTS = weighted([
  [null, 55],
  ['rating:desc', 15],
  ['title:asc', 15],
  ['movie.year:desc', 15],
]);
const FILTERS = weighted([
  [null, 70],
  ['filters[movie][year][$gte]=2000', 15],
  ['filters[rating][$gte]=7', 15],
]);

/**
 * The read mix. `api`: the plugin's prefix; `naive`: when set, the same mix against the naive
 * baseline (which has no sort, filter or comment route: lists vary the page only, and a comment page
 * is its detail, which carries the approved comments).
 */
const readMix = ({ api, naive, slugs }) => {
  const pickReview = zipf(slugs.length);
  const pickPage = zipf(20);
  const kind = weighted([
    ['detail', 60],
    ['list', 25],
    ['comments', 15],
  ]);
  return () => {
    const k = kind();
    if (k === 'list') {
      const page = pickPage() + 1;
      if (naive) return { path: `${naive}/reviews?page=${page}&pageSize=10` };
      const parts = [`page=${page}`, 'pageSize=10'];
      const sort = SORTS();
      const filter = FILTERS();
      if (sort) parts.push(`sort=${encodeURIComponent(sort)}`);
      if (filter) parts.push(filter);
      return { path: `${api}/reviews?${parts.join('&')}` };
    }
    const slug = slugs[pickReview()];
    if (naive) return { path: `${naive}/reviews/${slug}` };
    return { path: k === 'detail' ? `${api}/reviews/${slug}` : `${api}/reviews/${slug}/comments` };
  };
};

/** Starts the writers; `stop()` returns their status counts. */
const startWriters = ({ url, api, slugs }) => {
  const pickReview = zipf(slugs.length);
  const statuses = { posts: {}, approvals: {} };
  const bump = (bucket, status) => {
    bucket[status] = (bucket[status] ?? 0) + 1;
  };
  let n = 0;
  const post = async () => {
    n += 1;
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    try {
      const res = await request(`${url}${api}/reviews/${slugs[pickReview()]}/comments`, {
        method: 'POST',
        headers: { 'X-Forwarded-For': ip },
        body: {
          authorName: `Reader ${n}`,
          authorEmail: `reader${n}@example.com`,
          content: `Mixed workload comment ${n}`,
        },
      });
      bump(statuses.posts, res.status);
    } catch {
      bump(statuses.posts, 'error');
    }
  };
  const approve = async () => {
    try {
      bump(statuses.approvals, (await request(`${url}/__bench/approve`)).status);
    } catch {
      bump(statuses.approvals, 'error');
    }
  };
  const posts = setInterval(() => void post(), 500);
  const approvals = setInterval(() => void approve(), 5000);
  return {
    stop() {
      clearInterval(posts);
      clearInterval(approvals);
      return statuses;
    },
  };
};

const fivexx = (codes) => Object.entries(codes).reduce((a, [k, v]) => a + (/^5\d\d$/.test(k) ? v : 0), 0);

/** One mixed case (ours or naive). */
const runMixed = async ({ url, pid, api, naive, slugs, duration, warmup, connections }) => {
  const cacheStats = async () => JSON.parse((await request(`${url}/__bench/cache`)).body.toString());
  const writers = startWriters({ url, api, slugs });
  let before;
  let m;
  let writes;
  try {
    const next = readMix({ api, naive, slugs });
    if (warmup > 0) await runLoad({ url, pid, next, duration: warmup, warmup: 0, connections });
    before = await cacheStats();
    m = await runLoad({ url, pid, next, duration, warmup: 0, connections });
  } finally {
    writes = writers.stop();
  }
  const after = await cacheStats();
  const hits = after.hits - before.hits;
  return {
    ...m,
    hitRatio: naive ? null : Number((hits / Math.max(1, m.responses)).toFixed(3)),
    readFivexx: fivexx(m.statusCodes),
    writes,
    writeFivexx: fivexx(writes.posts) + fivexx(writes.approvals),
  };
};

module.exports = { runMixed, zipf };
