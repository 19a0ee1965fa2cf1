/**
 * Small helpers to create content and observe the app in API tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './strapi';

export const REVIEW = 'plugin::movie-reviews.movie-review';
export const COMMENT = 'plugin::movie-reviews.comment';
export const API = '/api/movie-reviews';

type Data = Record<string, unknown>;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

/** Creates a review (published unless `publish: false`) through the document service. */
export const createReview = async (app: TestApp, data: Data = {}, { publish = true } = {}) => {
  const title = (data.title as string | undefined) ?? `Review ${unique()}`;
  const doc = await app.strapi.documents(REVIEW).create({
    data: { title, movieTitle: title, movieYear: 2000, authorName: 'Test Author', ...data } as never,
    ...(publish ? { status: 'published' as const } : {}),
  });
  return doc as unknown as { documentId: string; slug: string; title: string };
};

/**
 * Removes the author of every version of a review through the query engine (a published
 * review needs an author; one deleted afterwards leaves reviews without).
 */
export const unlinkAuthor = async (app: TestApp, documentId: string) => {
  const rows = (await app.strapi.db.query(REVIEW).findMany({ select: ['id'], where: { documentId } })) as Array<{
    id: number;
  }>;
  for (const { id } of rows) await app.strapi.db.query(REVIEW).update({ where: { id }, data: { author: null } });
};

/** Creates a stored comment directly (any status), bypassing the public endpoint. */
export const createComment = async (app: TestApp, reviewDocumentId: string, data: Data = {}) => {
  const doc = await app.strapi.documents(COMMENT).create({
    data: {
      reviewDocumentId,
      authorName: 'Reader',
      authorEmail: `reader-${unique()}@example.com`,
      content: `Comment ${unique()}`,
      moderationStatus: 'approved',
      ...data,
    } as never,
  });
  return doc as unknown as { documentId: string; content: string };
};

export const settingsService = (app: TestApp) =>
  app.strapi.plugin('movie-reviews').service('settings') as {
    get(): Promise<Record<string, unknown>>;
    set(patch: Record<string, unknown>): Promise<Record<string, unknown>>;
  };

/**
 * Counts the SQL statements `fn` runs that read or write data (select, insert,
 * update, delete); session set-up of a new pool connection (SET ..., pragmas) is
 * not counted, since it depends on the pool's state rather than on the request.
 */
export const countQueries = async (app: TestApp, fn: () => Promise<unknown>): Promise<number> => {
  let n = 0;
  const connection = app.strapi.db.connection as unknown as {
    on(event: 'query', cb: (q: { sql?: string }) => void): void;
    off(event: 'query', cb: (q: { sql?: string }) => void): void;
  };
  const onQuery = (q: { sql?: string }) => {
    if (/^\s*(with|select|insert|update|delete)\b/i.test(q.sql ?? '')) n += 1;
  };
  connection.on('query', onQuery);
  try {
    await fn();
  } finally {
    connection.off('query', onQuery);
  }
  return n;
};

/** Makes the app's HTTP server listen once (for concurrent or raw requests); returns host and port. */
export const listen = async (app: TestApp): Promise<{ host: string; port: number; url: string }> => {
  const server = app.strapi.server.httpServer;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { host: '127.0.0.1', port, url: `http://127.0.0.1:${port}` };
};

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/**
 * Sends a request with full control of the body: `chunks` are written one by one
 * without a Content-Length (chunked transfer encoding) unless `headers` sets one.
 */
export const rawRequest = (
  target: { host: string; port: number },
  options: { method: string; path: string; headers?: Record<string, string>; chunks?: Array<string | Buffer> }
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.host,
        port: target.port,
        method: options.method,
        path: options.path,
        headers: options.headers ?? {},
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      }
    );
    // The server may answer (413) and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    const chunks = options.chunks ?? [];
    const writeNext = (i: number) => {
      if (i >= chunks.length) {
        req.end();
        return;
      }
      if (req.destroyed) return;
      req.write(chunks[i], () => setImmediate(() => writeNext(i + 1)));
    };
    writeNext(0);
  });

/** A GraphQL request through supertest. */
export const gql = (
  app: TestApp,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {}
) => {
  let req = app.http().post('/graphql').set('Content-Type', 'application/json');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.send({ query, variables });
};
