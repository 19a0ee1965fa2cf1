/**
 * Idempotent comment posts: the first answer to a post sent with an
 * `Idempotency-Key` is kept for 24 hours, per key and client IP, in the database
 * (content type `plugin::movie-reviews.idempotency-key`, hidden), so every
 * instance of the app replays it. A unique index on the key makes the claim
 * atomic: of two concurrent posts with the same key, one does the work and the
 * other waits for its answer, so one comment is stored.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { IDEMPOTENCY_UID } from '../utils/constants';
import { hostErrors } from '../utils/host-errors';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const WAIT_STEP_MS = 100;
const MAX_WAIT_MS = 15_000;

interface KeyRow {
  id: number;
  response: unknown;
  expiresAt: string | Date;
}

export type Claim<T> =
  { kind: 'replay'; answer: T } | { kind: 'claimed'; complete(answer: T): Promise<void>; release(): Promise<void> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(IDEMPOTENCY_UID);
  /** IP and key hashed together: the table holds neither. */
  const hashOf = (ip: string | null, key: string) =>
    createHash('sha256')
      .update(`${ip ?? ''}\n${key}`)
      .digest('hex');
  const find = async (keyHash: string) =>
    (await rows().findOne({ select: ['id', 'response', 'expiresAt'], where: { keyHash } })) as KeyRow | null;
  const expired = (row: KeyRow) => new Date(row.expiresAt).getTime() <= Date.now();

  return {
    /**
     * Claims `key` for `ip`: either the first answer to replay, or the right to do
     * the work (then `complete` stores the answer, `release` frees the key after a
     * failure so a retry can try again).
     */
    async claim<T>(ip: string | null, key: string): Promise<Claim<T>> {
      const keyHash = hashOf(ip, key);
      await rows().deleteMany({ where: { expiresAt: { $lte: new Date() } } });
      let vanished = 0;
      for (let waited = 0; waited <= MAX_WAIT_MS;) {
        try {
          const created = (await rows().create({
            data: { keyHash, response: null, expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS) },
          })) as { id: number };
          return {
            kind: 'claimed',
            complete: async (answer) => {
              await rows().update({ where: { id: created.id }, data: { response: answer as object } });
            },
            release: async () => {
              await rows().delete({ where: { id: created.id } });
            },
          };
        } catch (error) {
          // The unique index refused the key: someone holds it (or the insert failed for another reason).
          const row = await find(keyHash);
          if (!row) {
            // Released between our insert and this read: try again, a few times at most.
            vanished += 1;
            if (vanished > 3) throw error;
            continue;
          }
          if (expired(row)) {
            await rows().delete({ where: { id: row.id } });
            continue;
          }
          if (row.response !== null && row.response !== undefined) return { kind: 'replay', answer: row.response as T };
          await sleep(WAIT_STEP_MS);
          waited += WAIT_STEP_MS;
        }
      }
      throw new (hostErrors().RateLimitError)(
        'A request with this Idempotency-Key is still being processed; retry shortly',
        {
          retryAfter: 1,
        }
      );
    },
  };
};
