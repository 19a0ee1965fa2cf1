#!/usr/bin/env node
/**
 * Gets demo/ ready to run: installs its own dependencies (it has its own lockfile,
 * see README "Design notes"), compiles its TypeScript, and with --admin builds the
 * admin panel. Each step prints what it does and how long it took.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const demo = path.resolve(__dirname, '..');
const withAdmin = process.argv.includes('--admin');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const step = (label, fn) => {
  const started = Date.now();
  process.stdout.write(`[demo] ${label}...\n`);
  fn();
  process.stdout.write(`[demo] ${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};

const run = (cmd, args) => execFileSync(cmd, args, { cwd: demo, stdio: 'inherit', env: process.env });

const lock = path.join(demo, 'package-lock.json');
// The hash of the lockfile the current node_modules was installed from: reinstall only when it changed.
const stamp = path.join(demo, 'node_modules', '.movie-reviews-demo-lock-hash');
const lockHash = fs.existsSync(lock)
  ? require('crypto').createHash('sha256').update(fs.readFileSync(lock)).digest('hex')
  : 'no-lockfile';
const installed = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : null;
const hasModules = fs.existsSync(path.join(demo, 'node_modules', '@strapi', 'strapi', 'package.json'));

if (!hasModules || (installed !== null && installed !== lockHash)) {
  step('installing demo dependencies (about 2 minutes on a fresh clone)', () =>
    run(npm, [fs.existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'])
  );
}
if (installed !== lockHash) fs.writeFileSync(stamp, `${lockHash}\n`);

fs.mkdirSync(path.join(demo, 'public', 'uploads'), { recursive: true });
fs.mkdirSync(path.join(demo, '.tmp'), { recursive: true });

if (withAdmin) {
  step('building the demo (TypeScript and admin panel, about 30 s)', () => run(npm, ['run', 'build']));
} else {
  step('compiling the demo TypeScript', () =>
    run(process.execPath, [path.join(demo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'])
  );
}
