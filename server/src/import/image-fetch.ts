/**
 * Downloads a post's images to temporary files, for the media library: public
 * http(s) hosts only, checked after DNS resolution and pinned to the checked
 * address (so a DNS answer cannot change between the check and the request),
 * with a timeout, a size cap, at most a few redirects (each checked again) and
 * image content types only. Loopback and private ranges are refused unless the
 * caller allows them (tests serve images from 127.0.0.1).
 */
import dns from 'node:dns/promises';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { LookupFunction } from 'node:net';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Test-only: allow loopback and private addresses. */
  allowPrivateHosts: boolean;
  maxRedirects?: number;
}

export interface FetchedImage {
  filepath: string;
  mime: string;
  size: number;
  name: string;
}

export class ImageFetchError extends Error {}

const blocked = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net4, prefix, 'ipv4');
}
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const) {
  blocked.addSubnet(net6, prefix, 'ipv6');
}

/** Whether an address is loopback, private, link-local, reserved or multicast (IPv4-mapped IPv6 included). */
export const isPrivateAddress = (address: string): boolean => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

const resolvePublic = async (hostname: string, allowPrivate: boolean): Promise<{ address: string; family: number }> => {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host)
    ? [{ address: host, family: net.isIP(host) }]
    : await dns.lookup(host, { all: true });
  if (!addresses.length) throw new ImageFetchError(`${hostname} does not resolve`);
  if (!allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad)
      throw new ImageFetchError(`${hostname} resolves to a private or loopback address (${bad.address}): refused`);
  }
  return addresses[0];
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/avif': '.avif',
};

const fileNameFor = (url: URL, mime: string): string => {
  const base =
    decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? 'image')
      .replace(/[^\w.-]+/g, '-')
      .slice(0, 80) || 'image';
  const ext = EXTENSIONS[mime] ?? '';
  return base.toLowerCase().endsWith(ext) ? base : `${base.replace(/\.[a-z0-9]+$/i, '')}${ext}`;
};

const request = (url: URL, pinned: { address: string; family: number }, options: FetchOptions, signal: AbortSignal) =>
  new Promise<http.IncomingMessage>((resolve, reject) => {
    const lookup: LookupFunction = (_host, opts, cb) => {
      if (typeof opts === 'object' && opts && 'all' in opts && opts.all) cb(null, [pinned] as never, pinned.family);
      else cb(null, pinned.address, pinned.family);
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(
      url,
      { lookup, signal, headers: { 'user-agent': 'strapi-plugin-movie-reviews importer', accept: 'image/*' } },
      resolve
    );
    req.on('error', reject);
  });

/** Downloads one image; throws an ImageFetchError (or an abort) that says why it could not. */
export const fetchImage = async (raw: string, options: FetchOptions): Promise<FetchedImage> => {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImageFetchError('not a valid address');
  }
  for (let hops = 0; ; hops += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ImageFetchError(`${url.protocol} addresses are not fetched`);
    if (url.username || url.password) throw new ImageFetchError('addresses with credentials are not fetched');
    const pinned = await resolvePublic(url.hostname, options.allowPrivateHosts);
    let res: http.IncomingMessage;
    try {
      res = await request(url, pinned, options, signal);
    } catch (error) {
      throw new ImageFetchError(
        signal.aborted
          ? `no answer within ${options.timeoutMs / 1000} s`
          : `request failed (${(error as Error).message})`
      );
    }
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hops >= (options.maxRedirects ?? 3)) throw new ImageFetchError('too many redirects');
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw new ImageFetchError(`the server answered ${status}`);
    }
    const mime = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (!EXTENSIONS[mime]) {
      res.resume();
      throw new ImageFetchError(`not an image (${mime || 'no content type'})`);
    }
    const declared = Number(res.headers['content-length'] ?? 0);
    if (declared > options.maxBytes) {
      res.destroy();
      throw new ImageFetchError(`larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB`);
    }
    const filepath = path.join(os.tmpdir(), `movie-reviews-import-${crypto.randomUUID()}${EXTENSIONS[mime]}`);
    const out = fs.createWriteStream(filepath);
    let size = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            res.destroy();
            reject(new ImageFetchError(`larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB`));
            return;
          }
          if (!out.write(chunk)) {
            res.pause();
            out.once('drain', () => res.resume());
          }
        });
        res.on('end', () => out.end(() => resolve()));
        res.on('error', () =>
          reject(
            new ImageFetchError(
              signal.aborted ? `no answer within ${options.timeoutMs / 1000} s` : 'the download broke off'
            )
          )
        );
        out.on('error', reject);
      });
    } catch (error) {
      out.destroy();
      fs.rmSync(filepath, { force: true });
      throw error;
    }
    if (size === 0) {
      fs.rmSync(filepath, { force: true });
      throw new ImageFetchError('empty file');
    }
    return { filepath, mime, size, name: fileNameFor(url, mime) };
  }
};

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export const mapLimited = async <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
