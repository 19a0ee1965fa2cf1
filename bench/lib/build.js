'use strict';
/**
 * Builds what the benchmark runs, only when it is missing or older than its sources:
 * the plugin's server bundle (`npm run build`) and the demo's compiled TypeScript
 * (`demo/scripts/prepare.js`, which also installs the demo's dependencies on a fresh clone).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO = path.join(ROOT, 'demo');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Newest modification time under the given paths (files or folders), skipping `skip` folder names. */
const newestMtime = (paths, skip = new Set(['node_modules', 'dist', '.tmp', '.strapi', 'admin'])) => {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (!skip.has(entry)) visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
};

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

const ensureBuilt = ({ log }) => {
  const pluginOut = path.join(ROOT, 'dist', 'server', 'index.js');
  const pluginSources = newestMtime(
    [path.join(ROOT, 'server', 'src'), path.join(ROOT, 'content-types'), path.join(ROOT, 'package.json')],
    new Set(['node_modules'])
  );
  if (mtime(pluginOut) < pluginSources) {
    log('building the plugin (npm run build)');
    execFileSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  } else log('plugin build is up to date');

  const demoOut = path.join(DEMO, 'dist', 'src', 'index.js');
  const demoSources = newestMtime([
    path.join(DEMO, 'src'),
    path.join(DEMO, 'config'),
    path.join(DEMO, 'package-lock.json'),
  ]);
  const demoInstalled = fs.existsSync(path.join(DEMO, 'node_modules', '@strapi', 'strapi', 'package.json'));
  if (!demoInstalled || mtime(demoOut) < demoSources) {
    log('preparing the demo (demo/scripts/prepare.js)');
    execFileSync(process.execPath, [path.join(DEMO, 'scripts', 'prepare.js')], { cwd: ROOT, stdio: 'inherit' });
  } else log('demo build is up to date');
};

module.exports = { ensureBuilt, ROOT, DEMO };
