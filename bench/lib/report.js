'use strict';
/**
 * Ratios, targets and the two result files (bench/results.json, bench/results.md).
 * Ratios only compare cases measured in the same run, on the same machine.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./build');

const round = (n, d = 2) => (n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(d)));

const evaluate = (report) => {
  const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
  const rps = (id) => (byId[id]?.status === 'ok' ? byId[id].requestsPerSecond : null);
  const ratio = (a, b) => (rps(a) && rps(b) ? round(rps(a) / rps(b)) : null);
  const coldMax = (id) => {
    const q = byId[id]?.queries;
    return q && q.cold.length ? Math.max(...q.cold) : null;
  };

  const ratios = [
    { name: 'list(10): ours / naive', value: ratio('list10', 'naiveList10') },
    { name: 'list(100): ours / naive', value: ratio('list100', 'naiveList100') },
    { name: 'detail: ours / naive', value: ratio('detail', 'naiveDetail') },
    { name: '304 / limit (node:http replaying the same 304)', value: ratio('detail304', 'limit304') },
    { name: 'detail / limit (node:http replaying the same 200)', value: ratio('detail', 'limit') },
    { name: 'naive detail / limit', value: ratio('naiveDetail', 'limit') },
    { name: 'cache off: list(10) ours / naive', value: ratio('offList10', 'naiveList10') },
    { name: 'cache off: list(100) ours / naive', value: ratio('offList100', 'naiveList100') },
    { name: 'cache off: detail ours / naive', value: ratio('offDetail', 'naiveDetail') },
    { name: 'cache off: detail / floor (/_health)', value: ratio('offDetail', 'floor') },
    { name: 'cache off: 304 (nothing cached) / cold detail 200', value: ratio('offDetail304', 'offDetail') },
    { name: 'mixed workload: ours / naive', value: ratio('mixed', 'naiveMixed') },
  ];

  const verdict = (value, ok) => (value === null ? 'missing' : ok ? 'pass' : 'fail');
  const targets = [];
  for (const [name, a, b] of [
    ['list(10) ≥ 3× naive', 'list10', 'naiveList10'],
    ['list(100) ≥ 3× naive', 'list100', 'naiveList100'],
    ['detail ≥ 3× naive', 'detail', 'naiveDetail'],
  ]) {
    const v = ratio(a, b);
    targets.push({ target: name, value: v === null ? null : `${v}×`, result: verdict(v, v >= 3) });
  }
  const r304 = ratio('detail304', 'limit304');
  targets.push({
    target: '304 ≥ 50% of the node:http limit',
    value: r304 === null ? null : `${Math.round(r304 * 100)}%`,
    result: verdict(r304, r304 >= 0.5),
  });

  for (const [name, a, b, min] of [
    ['cache off: detail ≥ 3× naive', 'offDetail', 'naiveDetail', 3],
    ['cache off: detail ≥ 40% of the floor', 'offDetail', 'floor', 0.4],
    ['cache off: list(10) ≥ 6× naive', 'offList10', 'naiveList10', 6],
    ['cache off: list(100) ≥ 12× naive', 'offList100', 'naiveList100', 12],
    ['cache off: 304 of an unchanged review ≥ 3× cold 200s', 'offDetail304', 'offDetail', 3],
    ['mixed workload: ours ≥ 10× naive req/s', 'mixed', 'naiveMixed', 10],
  ]) {
    const v = ratio(a, b);
    targets.push({
      target: name,
      value: v === null ? null : min < 1 ? `${Math.round(v * 100)}%` : `${v}×`,
      result: verdict(v, v >= min),
    });
  }
  const q304 = byId.offDetail304?.queries?.cold?.[0] ?? null;
  targets.push({
    target: 'cache off: SQL queries of a 304 for an unchanged review ≤ 1',
    value: q304,
    result: verdict(q304, q304 <= 1),
  });
  const mixed = byId.mixed?.status === 'ok' ? byId.mixed : null;
  targets.push({
    target: 'mixed workload: p99 ≤ 50 ms',
    value: mixed ? `${mixed.latencyMs.p99} ms` : null,
    result: verdict(mixed, mixed && mixed.latencyMs.p99 <= 50),
  });
  targets.push({
    target: 'mixed workload: cache hit ratio ≥ 90%',
    value: mixed ? `${Math.round(mixed.hitRatio * 100)}%` : null,
    result: verdict(mixed, mixed && mixed.hitRatio >= 0.9),
  });
  const fivexx = mixed ? mixed.readFivexx + mixed.writeFivexx : null;
  targets.push({
    target: 'mixed workload: 0 × 5xx (reads and writes)',
    value: fivexx,
    result: verdict(fivexx, fivexx === 0),
  });

  const q10 = coldMax('list10');
  const q100 = coldMax('list100');
  targets.push({
    target: 'SQL queries per request constant in page size (list 10 vs 100, uncached)',
    value: q10 === null || q100 === null ? null : `${q10} vs ${q100}`,
    result: verdict(q10 === null || q100 === null ? null : q10, q10 === q100),
  });
  const qs = ['list10', 'list100', 'detail', 'comments'].map(coldMax).filter((v) => v !== null);
  const qMax = qs.length === 4 ? Math.max(...qs) : null;
  targets.push({
    target: 'SQL queries per request ≤ 6 (list, detail, comments, uncached)',
    value: qMax,
    result: verdict(qMax, qMax <= 6),
  });

  // The API cases run first, so the naive baseline's allocations do not count against them.
  const oursRss = report.cases.filter((c) => c.group === 'ours' && c.status === 'ok').map((c) => c.rssMb.max);
  const rssMax = oursRss.length ? Math.max(...oursRss) : null;
  targets.push({
    target: 'server RSS < 400 MB while serving the API',
    value: rssMax === null ? null : `${rssMax} MB`,
    result: verdict(rssMax, rssMax < 400),
  });
  const s = report.settings;
  const ph = report.seeding.phases;
  const rowsSeconds = round((ph.reviews ?? 0) + (ph.comments ?? 0), 1);
  targets.push({
    target: `seeding ${s.reviews} reviews (+${s.drafts} drafts) and ${s.comments} comments < 60 s`,
    value: `${rowsSeconds} s`,
    result: verdict(rowsSeconds, rowsSeconds < 60),
  });
  targets.push({
    target: `whole seeding, with the ${s.reviews * 3} still uploads, < 60 s`,
    value: `${report.seeding.seconds} s`,
    result: verdict(report.seeding.seconds, report.seeding.seconds < 60),
  });
  return { ratios, targets };
};

const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
const queriesCell = (q, kind) => {
  if (!q) return '–';
  const tx = Math.max(0, ...(q.transactionControl ?? []));
  const suffix = tx ? ` (+${tx} tx)` : '';
  if (kind === 'cold') return q.cold.length ? `${q.cold.join(', ')}${suffix}` : '–';
  return fmt(q.warm);
};

const toMarkdown = (r) => {
  const m = r.machine;
  const lines = [];
  lines.push('# Benchmark results', '');
  lines.push(
    `Generated by \`npm run bench\` on ${r.generatedAt}. **Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; ${m.database}.`
  );
  lines.push(
    `Load: ${r.settings.connections} connections, ${r.settings.duration} s per case after ${r.settings.warmup} s of warm-up. ` +
      `Data: ${r.settings.reviews} published reviews (3 stills each), ${r.settings.drafts} drafts, ${r.settings.comments} comments. ` +
      `1-minute load average ${m.loadAverage1m.before} before and ${m.loadAverage1m.after} after the run (the machine may be shared: compare ratios, not absolute numbers).`,
    ''
  );
  if (!r.apiPresent) {
    lines.push(
      '> **The public API is missing on this build** (`GET /api/movie-reviews/reviews` answered 404): its cases are reported as missing.',
      ''
    );
  }
  lines.push(
    '> Measured on a noisy machine shared with other work (see the load average above): the absolute numbers are low and vary',
    '> from run to run. Compare the **ratios**, which come from cases measured one after the other in this one run.',
    ''
  );
  lines.push('## Cases', '');
  lines.push(
    'Phases: **cache on** (the API as deployed), **cache off** (the response cache turned off through `/__bench/cache`: every request is a miss), **mixed** (reads and writes at once, cache on).',
    ''
  );
  lines.push(
    '| phase | case | request | req/s | p50 ms | p95 ms | p99 ms | RSS max MB | SQL/req uncached | SQL/req again | bytes/resp | status |'
  );
  lines.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const c of r.cases) {
    lines.push(
      `| ${c.phase ?? 'cache on'} | ${c.id} | ${c.label} | ${fmt(c.requestsPerSecond)} | ${fmt(c.latencyMs?.p50)} | ${fmt(c.latencyMs?.p95)} | ${fmt(c.latencyMs?.p99)} | ` +
        `${fmt(c.rssMb?.max)}${c.rssProcess === 'limit server' ? ' (limit)' : ''} | ${queriesCell(c.queries, 'cold')} | ${queriesCell(c.queries, 'warm')} | ${fmt(c.bytesPerResponse)} | ${c.status}${c.note ? `: ${c.note}` : ''} |`
    );
  }
  const mixedRows = r.cases.filter((c) => c.phase === 'mixed' && c.status !== 'missing');
  if (mixedRows.length) {
    lines.push('', '## Mixed workload', '');
    lines.push(
      'Reads: a Zipf law (s = 1) over every published review; 60% details, 25% list pages (page 1–20 by a Zipf law, 4 sorts, 3 filters), 15% comment pages (the naive baseline has no sort, filter or comment route: its lists vary the page only and a comment page is its detail, which carries the comments). Writes at the same time: 2 comment POSTs per second from distinct client IPs (pending, as on a moderated blog) and one approval every 5 s through the moderation service.',
      ''
    );
    lines.push(
      '| case | req/s | p50 ms | p99 ms | cache hit ratio | 5xx reads | 5xx writes | comment POSTs | approvals |'
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---|---|');
    for (const c of mixedRows) {
      lines.push(
        `| ${c.id} | ${fmt(c.requestsPerSecond)} | ${fmt(c.latencyMs?.p50)} | ${fmt(c.latencyMs?.p99)} | ${c.hitRatio === null || c.hitRatio === undefined ? '–' : `${Math.round(c.hitRatio * 1000) / 10}%`} | ` +
          `${fmt(c.readFivexx)} | ${fmt(c.writeFivexx)} | ${JSON.stringify(c.writes?.posts ?? {})} | ${JSON.stringify(c.writes?.approvals ?? {})} |`
      );
    }
  }
  lines.push('', '## Ratios (same run)', '', '| ratio | value |', '|---|---:|');
  for (const x of r.evaluation.ratios) lines.push(`| ${x.name} | ${x.value === null ? 'missing' : `${x.value}×`} |`);
  lines.push('', '## Targets', '', '| target | measured | result |', '|---|---:|---|');
  for (const t of r.evaluation.targets) lines.push(`| ${t.target} | ${fmt(t.value)} | ${t.result} |`);
  lines.push('', '## Seeding', '');
  lines.push(
    `${r.seeding.seconds} s in total: ` +
      Object.entries(r.seeding.phases)
        .filter(([k]) => k !== 'boot Strapi')
        .map(([k, v]) => `${k} ${v} s`)
        .join(', ') +
      ` (Strapi boot before it: ${r.seeding.phases['boot Strapi']} s). ` +
      `Result: ${r.seeding.counts.publishedReviews} published reviews, ${r.seeding.counts.drafts} drafts, ${r.seeding.counts.comments} comments, ${r.seeding.counts.files} media files ` +
      "(counts include the demo's own seeded review, draft and comments).",
    ''
  );
  lines.push(
    `Server RSS: ${fmt(r.server.idleRssMb)} MB after start, ${fmt(r.server.peakRssMb)} MB peak (VmHWM) at the end.`,
    ''
  );
  lines.push('## How these numbers are made', '');
  lines.push(
    "- **ours**: the plugin's public API in the demo, started with `strapi start` (NODE_ENV=production, log level warn).",
    '- **naive**: `demo/src/api/naive-review`, what a Strapi user writes by hand: `strapi.documents().findMany/findFirst` populating the author and its avatar, one file query per still, the same output fields.',
    '- **limit**: a bare `node:http` server replaying the bytes of a response captured from the demo in this run; `limit304` replays the 304, so `304 / limit` compares equal bytes.',
    '- **SQL/req**: the demo counts knex `query` events (DEMO_BENCH=true) and exposes the total on a loopback-only route; the bench reads it before and after one request with nothing else in flight. Transaction statements (BEGIN/COMMIT, which the document service wraps around its reads) are counted apart, shown as "+N tx". "uncached" is the first request of a URL never requested before (what a response cache cannot answer), "again" the same URL a second time.',
    '- **RSS**: VmRSS of the process serving the case, from /proc, every 100 ms during the measured run.',
    "- **latency**: every response's time (including 304s), from autocannon's response events."
  );
  return `${lines.join('\n')}\n`;
};

/** `bench/results.*` for SQLite, `bench/results-<db>.*` for the others (BENCH_RESULTS overrides the name). */
const reportName = (db) => process.env.BENCH_RESULTS ?? (db === 'sqlite' ? 'results' : `results-${db}`);

const DATABASE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB' };

/**
 * The ratios and targets of every database's last committed run, one column per database (each
 * column from its own run: ratios compare cases of the same run, never across runs).
 */
const sideBySide = (reports) => {
  const lines = ['## Every database side by side', ''];
  lines.push(
    'One column per database, each from its own run (date below); a ratio compares two cases of the same run.',
    ''
  );
  const head = reports.map((r) => DATABASE_NAMES[r.settings.db] ?? r.settings.db);
  lines.push(`| | ${head.join(' | ')} |`, `|---|${head.map(() => '---:').join('|')}|`);
  lines.push(`| run | ${reports.map((r) => r.generatedAt.slice(0, 16).replace('T', ' ')).join(' | ')} |`);
  const byName = (list, key) => new Map(list.map((x) => [x[key], x]));
  const ratioMaps = reports.map((r) => byName(r.evaluation.ratios, 'name'));
  for (const { name } of reports[0].evaluation.ratios) {
    const cells = ratioMaps.map((m) => {
      const v = m.get(name)?.value;
      return v === null || v === undefined ? '–' : `${v}×`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  lines.push('', `| target | ${head.join(' | ')} |`, `|---|${head.map(() => '---').join('|')}|`);
  const targetMaps = reports.map((r) => byName(r.evaluation.targets, 'target'));
  for (const { target } of reports[0].evaluation.targets) {
    const cells = targetMaps.map((m) => {
      const t = m.get(target);
      return t ? `${t.result} (${fmt(t.value)})` : '–';
    });
    lines.push(`| ${target} | ${cells.join(' | ')} |`);
  }
  return lines;
};

/** `bench/results.md`: the SQLite run, after the side-by-side table of every database's committed run. */
const rewriteMainReport = () => {
  const read = (name) => {
    const file = path.join(ROOT, 'bench', `${name}.json`);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  };
  const sqlite = read('results');
  if (!sqlite) return;
  const others = ['postgres', 'mysql'].map((db) => read(`results-${db}`)).filter(Boolean);
  const [title, , ...rest] = toMarkdown(sqlite).split('\n');
  const table = others.length
    ? [
        '> Every figure below comes from a noisy, shared 2-core machine. Absolute numbers vary from run to run;',
        '> the ratios compare cases measured one after the other in the same run.',
        '',
        ...sideBySide([sqlite, ...others]),
        '',
        '## The SQLite run',
        '',
      ]
    : [];
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), [title, '', ...table, ...rest].join('\n'));
};

const writeReports = (report) => {
  const name = reportName(report.settings.db);
  fs.writeFileSync(path.join(ROOT, 'bench', `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(ROOT, 'bench', `${name}.md`), toMarkdown(report));
  if (!process.env.BENCH_RESULTS) rewriteMainReport();
};

const printSummary = (r, log) => {
  log('');
  log(`results (${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.machine.database}):`);
  log(
    `${'case'.padEnd(13)} ${'req/s'.padStart(9)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'RSS MB'.padStart(7)} ${'SQL'.padStart(9)}  status`
  );
  for (const c of r.cases) {
    const q = c.queries ? `${c.queries.cold.length ? Math.max(...c.queries.cold) : '–'}/${fmt(c.queries.warm)}` : '–';
    log(
      `${c.id.padEnd(13)} ${fmt(c.requestsPerSecond).padStart(9)} ${fmt(c.latencyMs?.p50).padStart(8)} ${fmt(c.latencyMs?.p95).padStart(8)} ` +
        `${fmt(c.latencyMs?.p99).padStart(8)} ${fmt(c.rssMb?.max).padStart(7)} ${q.padStart(9)}  ${c.status}`
    );
  }
  log('');
  log('ratios measured in this run:');
  for (const x of r.evaluation.ratios) log(`  ${x.name.padEnd(50)} ${x.value === null ? 'missing' : `${x.value}×`}`);
  log('targets:');
  for (const t of r.evaluation.targets) log(`  ${t.result.toUpperCase().padEnd(8)} ${t.target}: ${fmt(t.value)}`);
  const name = reportName(r.settings.db);
  log(`seeding ${r.seeding.seconds} s; results written to bench/${name}.json and bench/${name}.md`);
};

module.exports = { evaluate, writeReports, printSummary, rewriteMainReport };

// `node bench/lib/report.js`: rebuilds bench/results.md from the committed results-*.json.
if (require.main === module) rewriteMainReport();
