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
const installedLock = path.join(demo, 'node_modules', '.package-lock.json');
const needsInstall =
  !fs.existsSync(installedLock) ||
  (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(installedLock).mtimeMs + 1000);

if (needsInstall) {
  step('installing demo dependencies (about 2 minutes on a fresh clone)', () =>
    run(npm, [fs.existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'])
  );
}

fs.mkdirSync(path.join(demo, 'public', 'uploads'), { recursive: true });
fs.mkdirSync(path.join(demo, '.tmp'), { recursive: true });

if (withAdmin) {
  step('building the demo (TypeScript and admin panel, about 30 s)', () => run(npm, ['run', 'build']));
} else {
  step('compiling the demo TypeScript', () =>
    run(process.execPath, [path.join(demo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'])
  );
}
