#!/usr/bin/env node
/**
 * movie-reviews-import: imports a WordPress (WXR) or Blogger export into the
 * Strapi app in the current directory, through the plugin's own import job.
 *
 *   npx movie-reviews-import export.xml --dry-run          report only, writes nothing
 *   npx movie-reviews-import export.xml [--label Reviews] [--publish] [--redirects redirects.csv]
 *
 * The app is loaded the way Strapi scripts load it (compile, then load without
 * serving HTTP). An import stopped half way (Ctrl-C, crash) resumes when the
 * same command is run again.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const HELP = `Usage: movie-reviews-import <export.xml> [options]

Imports a WordPress (WXR 1.0-1.2) or Blogger export as movie reviews.

Options:
  --dry-run            Show what each post would become; write nothing.
  --label <name>       Only posts with this label or category.
  --publish            Publish imported reviews with their original dates (default: drafts).
  --report <file>      Write the full dry-run report as JSON.
  --redirects <file>   Write the old URL -> new slug map (.csv or .json).
  --app <dir>          The Strapi app directory (default: the current directory).
  --compiled           Use the app's last build (dist/) instead of compiling its TypeScript first.
  -h, --help           This help.
`;

const parseArgs = (argv) => {
  const args = {
    file: null,
    dryRun: false,
    label: null,
    publish: false,
    report: null,
    redirects: null,
    app: process.cwd(),
    compiled: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--publish') args.publish = true;
    else if (arg === '--compiled') args.compiled = true;
    else if (arg === '--label') args.label = value();
    else if (arg === '--report') args.report = value();
    else if (arg === '--redirects') args.redirects = value();
    else if (arg === '--app') args.app = path.resolve(value());
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (args.file) throw new Error('give one export file');
    else args.file = path.resolve(arg);
  }
  return args;
};

const summarise = (report) => {
  const lines = [];
  for (const post of report) {
    const film = post.movieTitle ? `${post.movieTitle} (${post.movieYear ?? '?'})` : '?';
    if (post.skip) {
      lines.push(`  - SKIP  ${post.title}: ${post.skip}`);
      continue;
    }
    const parts = [
      `${post.stills.length} still${post.stills.length === 1 ? '' : 's'}`,
      post.song ? `song: ${post.song.provider}` : 'no song',
      post.synopsis ? 'synopsis' : 'no synopsis',
      `${post.commentCount} comment${post.commentCount === 1 ? '' : 's'}`,
      post.tags.length ? `tags: ${post.tags.join(', ')}` : 'no tags',
    ];
    lines.push(
      `  - ${post.status === 'draft' ? 'DRAFT ' : ''}${post.title} -> ${film} /${post.slug} by ${post.author}; ${parts.join('; ')}`
    );
    for (const u of post.unmapped) lines.push(`      not mapped: ${u.part}: ${u.reason}`);
  }
  return lines.join('\n');
};

const redirectsText = (job, file) => {
  const rows = Object.values(job.results || {}).filter(
    (r) => r.sourceUrl && r.slug && r.status !== 'skipped' && r.status !== 'failed'
  );
  if (file.endsWith('.json'))
    return `${JSON.stringify(
      rows.map((r) => ({ from: r.sourceUrl, slug: r.slug })),
      null,
      2
    )}\n`;
  const cell = (v) => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['from,slug', ...rows.map((r) => `${cell(r.sourceUrl)},${cell(r.slug)}`)].join('\r\n') + '\r\n';
};

/**
 * Runs the command in a child Node with a bounded heap (MOVIE_REVIEWS_IMPORT_MAX_HEAP_MB, default 320):
 * left alone, V8 grows its heap far past what the import keeps alive, and the RSS with it.
 */
const relaunchWithBoundedHeap = () => {
  if (
    process.env.MOVIE_REVIEWS_IMPORT_CHILD === 'true' ||
    process.execArgv.some((a) => a.startsWith('--max-old-space-size'))
  )
    return null;
  const heap = Number(process.env.MOVIE_REVIEWS_IMPORT_MAX_HEAP_MB || 320);
  const { spawn } = require('child_process');
  const child = spawn(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${heap}`, __filename, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, MOVIE_REVIEWS_IMPORT_CHILD: 'true' },
    }
  );
  process.on('SIGINT', () => undefined); // the child gets it too, stops cleanly and exits 130
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
};

const main = async () => {
  const relaunched = relaunchWithBoundedHeap();
  if (relaunched) return relaunched;
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`movie-reviews-import: ${error.message}\n\n${HELP}`);
    return 2;
  }
  if (args.help || !args.file) {
    process.stdout.write(HELP);
    return args.help ? 0 : 2;
  }
  if (!fs.existsSync(args.file)) {
    process.stderr.write(`movie-reviews-import: ${args.file} does not exist\n`);
    return 2;
  }

  const appRequire = createRequire(path.join(args.app, 'package.json'));
  const { createStrapi, compileStrapi } = appRequire('@strapi/strapi');
  const tsUtils = appRequire('@strapi/typescript-utils');
  const cliProgress = require('cli-progress');
  // This command resumes its own file's import; other stopped jobs are left to the server.
  process.env.MOVIE_REVIEWS_IMPORT_NO_AUTO_RESUME = 'true';
  process.chdir(args.app);
  const context = args.compiled
    ? {
        appDir: args.app,
        distDir: (await tsUtils.isUsingTypeScript(args.app)) ? await tsUtils.resolveOutDir(args.app) : args.app,
      }
    : await compileStrapi({ appDir: args.app });
  try {
    // Thousands of uploads in one process: libvips' operation cache only grows the RSS here.
    appRequire('sharp').cache(false);
  } catch {
    /* no sharp in this app: nothing to tune */
  }
  const app = createStrapi(context);
  app.log.level = process.env.STRAPI_LOG_LEVEL || 'error';
  const strapi = await app.load();
  const importer = strapi.plugin('movie-reviews').service('importer');
  const controller = new AbortController();
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    controller.abort();
  });

  let code = 0;
  try {
    let job = await importer.unfinished(args.file, args.label);
    if (job) {
      process.stdout.write(`Resuming import job ${job.id} (${job.processed}/${job.total} posts done).\n`);
    } else {
      process.stdout.write(`Reading ${path.basename(args.file)}...\n`);
      const readStart = Date.now();
      job = await importer.analyseFile(args.file, { label: args.label, signal: controller.signal });
      if (job.state === 'failed') {
        process.stderr.write(`movie-reviews-import: ${job.error}\n`);
        return 1;
      }
      const format = `${job.format}${job.formatVersion ? ` ${job.formatVersion}` : ''}`;
      process.stdout.write(
        `${format}: ${job.total} post${job.total === 1 ? '' : 's'}${args.label ? ` labelled "${args.label}"` : ''}, ${job.skipped} to skip.\n`
      );
      process.stdout.write(`${summarise(job.report || [])}\n`);
      process.stdout.write(`Read ${job.total} posts in ${((Date.now() - readStart) / 1000).toFixed(1)} s\n`);
      if (args.report) fs.writeFileSync(args.report, `${JSON.stringify(job.report, null, 2)}\n`);
      if (args.dryRun) {
        process.stdout.write('Dry run: nothing was written.\n');
        return 0;
      }
    }

    const bar = new cliProgress.SingleBar(
      {
        format: 'Importing [{bar}] {value}/{total} posts | created {created} | skipped {skipped} | failed {failed}',
        hideCursor: true,
        // Also report progress when the output is a log file or a pipe.
        noTTYOutput: true,
        notTTYSchedule: 2000,
      },
      cliProgress.Presets.shades_classic
    );
    const importStart = Date.now();
    const resumed = job.processed > 0;
    bar.start(job.total, job.processed || 0, {
      created: resumed ? job.created : 0,
      skipped: resumed ? job.skipped : 0,
      failed: resumed ? job.failed : 0,
    });
    job = await importer.importNow(job.id, {
      publish: args.publish,
      signal: controller.signal,
      onProgress: (p) => bar.update(p.processed, { created: p.created, skipped: p.skipped, failed: p.failed }),
    });
    bar.stop();
    if (process.env.MOVIE_REVIEWS_IMPORT_MEMORY) {
      if (typeof global.gc === 'function') global.gc();
      const m = process.memoryUsage();
      process.stdout.write(
        `Memory: rss ${(m.rss / 1048576).toFixed(0)} MB, heap ${(m.heapUsed / 1048576).toFixed(0)}/${(m.heapTotal / 1048576).toFixed(0)} MB, external ${(m.external / 1048576).toFixed(0)} MB\n`
      );
    }
    process.stdout.write(`Import finished in ${((Date.now() - importStart) / 1000).toFixed(1)} s\n`);
    if (interrupted || job.state === 'importing') {
      process.stdout.write('Stopped. Run the same command again to resume.\n');
      return 130;
    }
    if (job.state === 'failed') {
      process.stderr.write(`movie-reviews-import: ${job.error}\n`);
      return 1;
    }
    process.stdout.write(
      `Done: ${job.created} review${job.created === 1 ? '' : 's'} created, ${job.commentsCreated} comments, ${job.skipped} skipped, ${job.failed} failed, ${job.imagesFailed} image${job.imagesFailed === 1 ? '' : 's'} missing.\n`
    );
    for (const [sourceId, r] of Object.entries(job.results || {})) {
      if (r.status === 'failed') process.stdout.write(`  failed: ${r.title} (${sourceId}): ${r.reason}\n`);
      for (const m of r.missingFiles || [])
        process.stdout.write(`  missing image in ${r.title}: ${m.src}: ${m.reason}\n`);
    }
    if (args.redirects) {
      fs.writeFileSync(args.redirects, redirectsText(job, args.redirects));
      process.stdout.write(`Redirects written to ${args.redirects}\n`);
    }
    code = job.failed ? 1 : 0;
  } finally {
    await strapi.destroy();
  }
  return code;
};

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`movie-reviews-import: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  }
);
