/**
 * Starts the built reference site (examples/site, `astro build`) in a child process
 * on a free port, pointed at a demo server. `npm --prefix examples/site run build`
 * must have run (.ci/run does).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../helpers/demo';
import { freePort } from '../../helpers/processes';

export const SITE_DIR = path.join(ROOT_DIR, 'examples', 'site');
export const PREVIEW_SECRET = 'site-tests-preview-secret-0123456789';

export interface SiteServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export const startSiteServer = async (strapiUrl: string, env: Record<string, string> = {}): Promise<SiteServer> => {
  const entry = path.join(SITE_DIR, 'dist', 'server', 'entry.mjs');
  if (!fs.existsSync(entry)) {
    throw new Error(
      'the site is not built: run `npm --prefix examples/site ci && npm --prefix examples/site run build`'
    );
  }
  // A caller that told the demo where the site lives (SITE_URL, for Preview) passes the same PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let log = '';
  const child = spawn(process.execPath, [entry], {
    cwd: SITE_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), STRAPI_URL: strapiUrl, PREVIEW_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`site server exited (${child.exitCode}):\n${log}`);
    try {
      await fetch(`${url}/favicon.svg`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`site server did not answer within 30 s:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
};
