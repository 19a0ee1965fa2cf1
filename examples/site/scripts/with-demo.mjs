#!/usr/bin/env node
/**
 * `npm run site` (from the repository root): starts the demo Strapi app and this site
 * together, sharing the preview secret, and stops both on Ctrl+C or when either exits.
 *
 *   demo  http://localhost:1337/admin  (editor@movie-reviews.local / Demo-Editor-2026)
 *   site  http://localhost:4321
 *
 * Ports: STRAPI_PORT (1337) and SITE_PORT (4321). The root script builds the plugin and
 * the demo admin first; this script installs the site's dependencies when they are missing.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = path.resolve(siteDir, '..', '..', 'demo');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const strapiPort = process.env.STRAPI_PORT ?? '1337';
const sitePort = process.env.SITE_PORT ?? '4321';
const strapiUrl = `http://localhost:${strapiPort}`;
const siteUrl = `http://localhost:${sitePort}`;
// Demo-only default, the same as demo/config/plugins.ts; set PREVIEW_SECRET in any real deployment.
const previewSecret = process.env.PREVIEW_SECRET ?? 'demo-preview-secret-movie-reviews';

if (!fs.existsSync(path.join(siteDir, 'node_modules', 'astro'))) {
  process.stdout.write('[site] installing the site dependencies (npm ci)...\n');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: siteDir, stdio: 'inherit' });
}

const children = [];
const start = (name, command, args, cwd, env) => {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout.on('data', (d) => process.stdout.write(prefix(d)));
  child.stderr.on('data', (d) => process.stderr.write(prefix(d)));
  child.on('exit', (code) => {
    process.stdout.write(`[${name}] exited (${code})\n`);
    stopAll(code ?? 1);
  });
  children.push(child);
  return child;
};

let stopping = false;
const stopAll = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

start(
  'demo',
  process.execPath,
  [path.join(demoDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
  demoDir,
  {
    PORT: strapiPort,
    SITE_URL: siteUrl,
    PREVIEW_SECRET: previewSecret,
  }
);
start(
  'site',
  process.execPath,
  [path.join(siteDir, 'node_modules', 'astro', 'astro.js'), 'dev', '--port', sitePort, '--host', 'localhost'],
  siteDir,
  {
    STRAPI_URL: strapiUrl,
    SITE_URL: siteUrl,
    PREVIEW_SECRET: previewSecret,
    ASTRO_TELEMETRY_DISABLED: '1',
  }
);
process.stdout.write(
  `\n  site: ${siteUrl}\n  admin: ${strapiUrl}/admin (Content Manager → a movie review → Open preview)\n\n`
);
