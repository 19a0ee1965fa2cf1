'use strict';
/**
 * The benchmark's database: a fresh SQLite file under bench/.data/ (kept after the run for
 * inspection, replaced by the next run), or a fresh PostgreSQL / MariaDB database on the
 * machine's server, created before and dropped after the run. Connection settings follow the
 * demo's config/database.ts (DATABASE_HOST, DATABASE_PORT, DATABASE_USERNAME, DATABASE_PASSWORD).
 */
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { ROOT, DEMO } = require('./build');

const demoRequire = createRequire(path.join(DEMO, 'package.json'));
const DATA_DIR = path.join(ROOT, 'bench', '.data');

const serverSettings = (client) => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? (client === 'postgres' ? 5432 : 3306)),
  user: process.env.DATABASE_USERNAME ?? (client === 'postgres' ? 'postgres' : 'root'),
  password: process.env.DATABASE_PASSWORD ?? '',
});

const withPg = async (fn, database = 'postgres') => {
  const { Client } = demoRequire('pg');
  const client = new Client({ ...serverSettings('postgres'), database });
  await client.connect();
  try {
    return await fn((sql) => client.query(sql));
  } finally {
    await client.end();
  }
};

const withMysql = async (fn) => {
  const mysql = demoRequire('mysql2/promise');
  const conn = await mysql.createConnection(serverSettings('mysql'));
  try {
    return await fn((sql) => conn.query(sql));
  } finally {
    await conn.end();
  }
};

/**
 * Returns `{ client, env, publicDir, analyse(), drop() }` for BENCH_DB = sqlite (default) | postgres | mysql.
 * `analyse()` runs after seeding: PostgreSQL's `VACUUM ANALYZE`, which a server's autovacuum does on its
 * own soon after such a load (this machine's server runs with autovacuum off; without statistics the
 * planner counts published reviews with a sequential scan of the table). MariaDB (InnoDB) keeps its
 * statistics itself, and SQLite only has those `ANALYZE` gives, which an application does not run.
 */
const createBenchDatabase = async (kind) => {
  const publicDir = path.join(DATA_DIR, 'public');
  fs.rmSync(publicDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(publicDir, 'uploads'), { recursive: true });
  const base = { DEMO_PUBLIC_DIR: publicDir };

  if (kind === 'sqlite') {
    const file = path.join(DATA_DIR, 'bench.db');
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    return {
      client: 'sqlite',
      name: path.relative(ROOT, file),
      env: { ...base, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      publicDir,
      analyse: async () => {},
      drop: async () => {},
    };
  }

  const name = `movie_reviews_bench_${process.pid}_${Date.now().toString(36)}`;
  if (kind === 'postgres') {
    await withPg((q) => q(`CREATE DATABASE ${name}`));
    return {
      client: 'postgres',
      name,
      env: { ...base, DATABASE_CLIENT: 'postgres', DATABASE_NAME: name },
      publicDir,
      analyse: () => withPg((q) => q('VACUUM ANALYZE'), name),
      drop: () => withPg((q) => q(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    };
  }
  if (kind === 'mysql') {
    await withMysql((q) => q(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
    return {
      client: 'mysql',
      name,
      env: { ...base, DATABASE_CLIENT: 'mysql', DATABASE_NAME: name },
      publicDir,
      analyse: async () => {},
      drop: () => withMysql((q) => q(`DROP DATABASE IF EXISTS ${name}`)),
    };
  }
  throw new Error(`BENCH_DB must be sqlite, postgres or mysql (got "${kind}")`);
};

module.exports = { createBenchDatabase, DATA_DIR };
