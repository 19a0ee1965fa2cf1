/**
 * Bad infrastructure and bad clients: Redis configured but down from the start
 * (rate limiting falls back to memory with a logged warning, requests keep
 * working), and clients that send half a request, never finish a body, or hang
 * up mid-way: the server keeps answering everyone else.
 */
import net from 'node:net';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, listen } from '../helpers/fixtures';

let app: TestApp;
let target: { host: string; port: number };
const warnings: string[] = [];

/** A port nothing listens on. */
const closedPort = async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

beforeAll(async () => {
  const port = await closedPort();
  // The warning may come at boot (first connection attempt): read the log output from the start.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    warnings.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  app = await startStrapi({
    seed: true,
    env: {
      MOVIE_REVIEWS_REDIS_URL: `redis://127.0.0.1:${port}`,
      MOVIE_REVIEWS_RATE_LIMIT: '3',
      STRAPI_LOG_LEVEL: 'warn',
    },
  });
  const original = app.strapi.log.warn.bind(app.strapi.log);
  app.strapi.log.warn = ((message: string, ...rest: unknown[]) => {
    warnings.push(String(message));
    return original(message, ...(rest as []));
  }) as typeof app.strapi.log.warn;
  target = await listen(app);
});

afterAll(async () => {
  await app?.close();
});

const post = (content: string, ip: string) =>
  app
    .http()
    .post(`${API}/reviews/her-2013/comments`)
    .set('X-Forwarded-For', ip)
    .send({ authorName: 'Redis', authorEmail: 'redis@example.org', content });

describe('Redis configured but down', () => {
  it('keeps reads and comment posts working, limits in memory, and logs a warning', async () => {
    expect((await app.http().get(`${API}/reviews`)).status).toBe(200);
    expect((await app.http().get(`${API}/reviews/her-2013`)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post(`redis down ${i}`, '203.0.113.5')).status);
    // The limit (3 per minute here) still holds, counted in memory.
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(Number(await app.strapi.db.query(COMMENT).count({ where: { authorName: 'Redis' } }))).toBe(3);
    expect(warnings.some((w) => /Redis is unavailable/.test(w))).toBe(true);
  });
});

/** Opens a raw socket, writes `text`, and returns the socket (left open or closed by the caller). */
const rawSocket = (text: string) =>
  new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect(target.port, target.host, () => {
      socket.write(text, () => resolve(socket));
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });

describe('slow clients and abrupt disconnects', () => {
  it('keeps answering while clients hang mid-request or hang up', async () => {
    const before = Number(await app.strapi.db.query(COMMENT).count({}));
    const path = `${API}/reviews/her-2013/comments`;
    const open: net.Socket[] = [];
    // Headers never finished.
    for (let i = 0; i < 10; i += 1) open.push(await rawSocket(`GET ${API}/reviews HTTP/1.1\r\nHost: x\r\n`));
    // A body announced but never sent, or sent halfway.
    for (let i = 0; i < 10; i += 1) {
      open.push(
        await rawSocket(
          `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Forwarded-For: 198.51.100.${i}\r\nContent-Length: 500\r\n\r\n{"authorName":"Half`
        )
      );
    }
    // Chunked body that never ends.
    for (let i = 0; i < 5; i += 1) {
      open.push(
        await rawSocket(
          `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"aut\r\n`
        )
      );
    }
    // Everyone else is still served.
    for (let i = 0; i < 5; i += 1) {
      expect((await app.http().get(`${API}/reviews`)).status).toBe(200);
    }
    // Hang up abruptly, mid-body and mid-headers.
    for (const s of open) s.destroy();
    for (let i = 0; i < 20; i += 1) {
      const s = await rawSocket(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"content":"gone`
      );
      s.destroy();
    }
    for (let i = 0; i < 20; i += 1) {
      const s = await rawSocket(`GET ${API}/reviews/her-2013 HTTP/1.1\r\nHost: x\r\n\r\n`);
      s.destroy();
    }
    await new Promise((r) => setTimeout(r, 200));
    const res = await app.http().get(`${API}/reviews/her-2013/comments`);
    expect(res.status).toBe(200);
    expect((await app.http().get(`${API}/reviews`)).status).toBe(200);
    // No half-received comment was stored.
    expect(Number(await app.strapi.db.query(COMMENT).count({}))).toBe(before);
  });
});
