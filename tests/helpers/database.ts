/**
 * A fresh database for each booted Strapi: a temp file on SQLite, a new
 * database on PostgreSQL or MariaDB (dropped afterwards). The client comes from
 * DATABASE_CLIENT, as in the demo's config/database.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoRequire } from './demo';

export type DbClient = 'sqlite' | 'postgres' | 'mysql';

export interface TestDatabase {
  client: DbClient;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const dbClient = (): DbClient => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres' && client !== 'mysql') {
    throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql, not ${client}`);
  }
  return client;
};

const uniqueName = () => `mr_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
interface MysqlConnection {
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

const pgAdmin = async (): Promise<PgClient> => {
  const { Client } = demoRequire('pg') as { Client: new (cfg: object) => PgClient };
  const client = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
    database: 'postgres',
  });
  await client.connect();
  return client;
};

const mysqlAdmin = async (): Promise<MysqlConnection> => {
  const mysql = demoRequire('mysql2/promise') as { createConnection(cfg: object): Promise<MysqlConnection> };
  return mysql.createConnection({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 3306),
    user: process.env.DATABASE_USERNAME ?? 'root',
    password: process.env.DATABASE_PASSWORD ?? '',
  });
};

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const client = dbClient();
  const name = uniqueName();
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-test-'));
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (client === 'postgres') {
    const admin = await pgAdmin();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      client,
      env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name },
      drop: async () => {
        const c = await pgAdmin();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const admin = await mysqlAdmin();
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    client,
    env: { DATABASE_CLIENT: 'mysql', DATABASE_NAME: name },
    drop: async () => {
      const c = await mysqlAdmin();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
};
