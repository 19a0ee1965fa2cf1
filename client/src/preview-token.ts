/**
 * Signed, expiring preview tokens (HMAC-SHA256 over the document, the status and the
 * expiry, with a secret the CMS and the site share). Web Crypto only, so the same
 * code runs in Node 20+, browsers and edge runtimes. The plugin's server signs and
 * checks the same format (server/src/services/preview.ts).
 *
 * Token: `<expires, unix seconds>.<base64url signature>`.
 */
import type { PreviewStatus } from 'strapi-plugin-movie-reviews/types';

export interface PreviewTokenInput {
  documentId: string;
  status: PreviewStatus;
}

const encoder = new TextEncoder();

const base64url = (bytes: ArrayBuffer): string => {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const hmacKey = (secret: string) =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

/** The signed message: what a token vouches for. */
export const previewTokenMessage = (input: PreviewTokenInput, expires: number) =>
  `${input.documentId}:${input.status}:${expires}`;

const signature = async (secret: string, message: string) =>
  base64url(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message)));

const assertSecret = (secret: string) => {
  if (typeof secret !== 'string' || secret.length < 16)
    throw new Error('the preview secret must be at least 16 characters');
};

/** Signs a token valid for `ttlSeconds` (default one hour). */
export const signPreviewToken = async (
  secret: string,
  input: PreviewTokenInput,
  options: { ttlSeconds?: number; now?: number } = {}
): Promise<string> => {
  assertSecret(secret);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const expires = now + (options.ttlSeconds ?? 3600);
  return `${expires}.${await signature(secret, previewTokenMessage(input, expires))}`;
};

export type PreviewTokenCheck =
  { valid: true; expires: number } | { valid: false; reason: 'missing' | 'malformed' | 'expired' | 'forged' };

/** Constant-time comparison of two ASCII strings. */
const sameText = (a: string, b: string) => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
};

const TOKEN_PATTERN = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** Checks a token for this document and status: missing, malformed, expired and forged tokens are refused. */
export const verifyPreviewToken = async (
  secret: string,
  input: PreviewTokenInput,
  token: string | null | undefined,
  options: { now?: number } = {}
): Promise<PreviewTokenCheck> => {
  assertSecret(secret);
  if (!token) return { valid: false, reason: 'missing' };
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { valid: false, reason: 'malformed' };
  const expires = Number(match[1]);
  const expected = await signature(secret, previewTokenMessage(input, expires));
  // The signature is checked before the expiry, so an expired forgery is reported as forged.
  if (!sameText(expected, match[2])) return { valid: false, reason: 'forged' };
  if (expires <= Math.floor((options.now ?? Date.now()) / 1000)) return { valid: false, reason: 'expired' };
  return { valid: true, expires };
};
