/**
 * Boots the real demo Strapi app in the test process, on a fresh database, and
 * gives supertest an HTTP server to talk to. One app per test file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';
import { DEMO_DIR, demoRequire } from './demo';

export interface TestApp {
  strapi: Core.Strapi;
  db: TestDatabase;
  /** A supertest agent bound to the app's HTTP server. */
  http: () => ReturnType<typeof request>;
  /** `keepDatabase`: leave the database for another boot (`startStrapi({ database: app.db })`). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Run the demo seed (admin user, "Her" review, draft, comments). Default true. */
  seed?: boolean;
  /** Extra environment for the demo's config (e.g. MOVIE_REVIEWS_RATE_LIMIT). */
  env?: Record<string, string>;
  /** Boot on this database (kept by a previous app's `close({ keepDatabase: true })`) instead of a new one. */
  database?: TestDatabase;
}

type CreateStrapi = (opts: { appDir: string; distDir: string }) => Core.Strapi;

export const startStrapi = async (options: StartOptions = {}): Promise<TestApp> => {
  const db = options.database ?? (await createTestDatabase());
  // Uploads (the seed's stills, tests' files) go to a temp public dir, not the demo's.
  const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-public-'));
  fs.mkdirSync(path.join(publicDir, 'uploads'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    SERVE_ADMIN: 'false',
    DEMO_SEED: options.seed === false ? 'false' : 'true',
    JWT_SECRET: 'test-jwt-secret',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
    DEMO_PUBLIC_DIR: publicDir,
    ...db.env,
    ...options.env,
  };
  const previous: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    previous[k] = process.env[k];
    process.env[k] = v;
  }
  const restoreEnv = () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };

  let app: Core.Strapi | undefined;
  try {
    const { createStrapi } = demoRequire('@strapi/strapi') as { createStrapi: CreateStrapi };
    app = createStrapi({ appDir: DEMO_DIR, distDir: path.join(DEMO_DIR, 'dist') });
    await app.load();
    app.server.mount();
  } catch (error) {
    restoreEnv();
    await app?.destroy().catch(() => undefined);
    await db.drop().catch(() => undefined);
    fs.rmSync(publicDir, { recursive: true, force: true });
    throw error;
  }
  const strapi = app;
  return {
    strapi,
    db,
    http: () => request(strapi.server.httpServer),
    close: async ({ keepDatabase = false } = {}) => {
      await strapi.destroy();
      restoreEnv();
      if (!keepDatabase) await db.drop();
      fs.rmSync(publicDir, { recursive: true, force: true });
    },
  };
};

/** Logs in as the demo's seeded admin and returns a bearer token for admin routes. */
export const adminToken = async (app: TestApp): Promise<string> => {
  const res = await app
    .http()
    .post('/admin/login')
    .send({
      email: process.env.DEMO_ADMIN_EMAIL ?? 'editor@movie-reviews.local',
      password: process.env.DEMO_ADMIN_PASSWORD ?? 'Demo-Editor-2026',
    });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
};
