/**
 * Starts the built demo app (`strapi start`) in a child process on a free port
 * with a fresh SQLite database, seeded, for browser tests. The admin must have
 * been built (`node demo/scripts/prepare.js --admin`, which `npm run test:browser` does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DIR } from '../../helpers/demo';
import { freePort } from '../../helpers/processes';

export interface DemoServer {
  url: string;
  /** Output of the server so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const waitForHealth = async (url: string, child: ChildProcess, log: () => string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204 || res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`demo server did not answer within ${timeoutMs} ms:\n${log()}`);
};

/**
 * `env` overrides the defaults (e.g. another database's DATABASE_* settings, SERVE_ADMIN=false
 * for API-only instances, which then need no admin build).
 */
export const startDemoServer = async (env: Record<string, string> = {}): Promise<DemoServer> => {
  if (env.SERVE_ADMIN !== 'false' && !fs.existsSync(path.join(DEMO_DIR, 'dist', 'build', 'index.html'))) {
    throw new Error(
      'the demo admin is not built: run `node demo/scripts/prepare.js --admin` (npm run test:browser does)'
    );
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-browser-'));
  let log = '';
  const child = spawn(
    process.execPath,
    [path.join(DEMO_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    {
      cwd: DEMO_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: path.join(dir, 'data.db'),
        DEMO_SEED: 'true',
        STRAPI_TELEMETRY_DISABLED: 'true',
        STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => log, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};
