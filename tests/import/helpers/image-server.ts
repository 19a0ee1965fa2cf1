/** A local HTTP server for an export's images: real JPEG/PNG/GIF files, a 404 and a slow path. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoRequire } from '../../helpers/demo';

interface Sharp {
  (input: { create: { width: number; height: number; channels: 3; background: string } }): {
    jpeg(): { toBuffer(): Promise<Buffer> };
    png(): { toBuffer(): Promise<Buffer> };
    gif(): { toBuffer(): Promise<Buffer> };
  };
}

export interface ImageServer {
  origin: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export const startImageServer = async (): Promise<ImageServer> => {
  const sharp = demoRequire('sharp') as Sharp;
  const make = (background: string) => sharp({ create: { width: 64, height: 40, channels: 3, background } });
  const images: Record<string, { type: string; body: Buffer }> = {
    jpeg: { type: 'image/jpeg', body: await make('#a0522d').jpeg().toBuffer() },
    png: { type: 'image/png', body: await make('#2e8b57').png().toBuffer() },
    gif: { type: 'image/gif', body: await make('#4169e1').gif().toBuffer() },
  };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    if (url.startsWith('/slow')) return; // never answers: the importer's timeout must end it
    const ext = /\.(jpe?g|png|gif)(?:\?|$)/.exec(url)?.[1];
    if (!ext || url.includes('missing')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const image = images[ext === 'jpg' ? 'jpeg' : ext];
    res.writeHead(200, { 'content-type': image.type, 'content-length': image.body.length }).end(image.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
