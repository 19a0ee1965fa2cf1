/**
 * The `movie-reviews-import` command against the demo app: a dry run that
 * writes nothing, an import with a progress bar and a redirects file, and a
 * second run that creates nothing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { DEMO_DIR, ROOT_DIR } from '../helpers/demo';
import { fixtureCopy } from './helpers/exports';
import { startImageServer, type ImageServer } from './helpers/image-server';

const run = promisify(execFile);
const CLI = path.join(ROOT_DIR, 'bin', 'movie-reviews-import.js');

let db: TestDatabase;
let images: ImageServer;
let env: NodeJS.ProcessEnv;
let tmp: string;

const cli = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args, '--app', DEMO_DIR, '--compiled'], {
      env,
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

beforeAll(async () => {
  images = await startImageServer();
  db = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-cli-'));
  fs.mkdirSync(path.join(tmp, 'uploads'));
  env = {
    ...process.env,
    NODE_ENV: 'test',
    DEMO_SEED: 'false',
    JWT_SECRET: 'test-jwt-secret',
    STRAPI_TELEMETRY_DISABLED: 'true',
    DEMO_PUBLIC_DIR: tmp,
    MOVIE_REVIEWS_IMPORT_ALLOW_PRIVATE_HOSTS: 'true',
    ...db.env,
  };
});
afterAll(async () => {
  await db?.drop();
  await images?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('movie-reviews-import', () => {
  it('prints its usage and refuses unknown options', async () => {
    const help = await run(process.execPath, [CLI, '--help']);
    expect(help.stdout).toMatch(/Usage: movie-reviews-import <export.xml>/);
    const bad = await cli('x.xml', '--nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --nope/);
  });

  it('reports a dry run per post and writes nothing', async () => {
    const file = fixtureCopy('wordpress-wxr-1.2.xml', images.origin);
    const report = path.join(tmp, 'report.json');
    const res = await cli(file, '--dry-run', '--report', report);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/wxr 1\.2: 4 posts, 2 to skip/);
    expect(res.stdout).toMatch(
      /Review: Her \(2013\) -> Her \(2013\) \/review-her-2013 by Mara Quill; 2 stills; song: youtube; synopsis; 4 comments/
    );
    expect(res.stdout).toMatch(/SKIP {2}About: a page, not a post/);
    expect(res.stdout).toMatch(/Dry run: nothing was written/);
    expect(JSON.parse(fs.readFileSync(report, 'utf8'))).toHaveLength(4);
    expect(images.requests).toEqual([]);
  });

  it('imports with a progress bar, writes the redirects, and a second run creates nothing', async () => {
    const file = fixtureCopy('wordpress-wxr-1.2.xml', images.origin);
    const redirects = path.join(tmp, 'redirects.csv');
    const first = await cli(file, '--redirects', redirects);
    // The bar goes to stderr (stdout stays the report).
    expect(first.stderr).toMatch(/Importing \[.*\] 4\/4 posts \| created 2 \| skipped 2 \| failed 0/);
    expect(first.stdout).toMatch(/Done: 2 reviews created, 4 comments, 2 skipped, 0 failed, 1 image missing/);
    expect(first.stdout).toMatch(/missing image in Review: Her \(2013\): .*missing\.jpg: the server answered 404/);
    expect(fs.readFileSync(redirects, 'utf8')).toMatch(
      /^from,slug\r\nhttps:\/\/reelnotes\.example\.com\/2014\/02\/review-her-2013\/,review-her-2013\r\n/
    );
    const second = await cli(file);
    expect(second.stdout).toMatch(/Done: 0 reviews created, 0 comments/);
  });

  it('exits with the reason for a hostile file', async () => {
    const res = await cli(path.join(ROOT_DIR, 'tests', 'import', 'fixtures', 'hostile-xxe.xml'));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/DOCTYPE.*XXE/);
  });
});
