/**
 * The optional `Idempotency-Key` request header of a comment post (REST and
 * GraphQL): 1 to 64 printable ASCII characters. Absent is fine; anything else
 * is a 400 naming the header.
 */
import { z } from 'zod';
import { zodToValidationError } from '../utils/zod-issues';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const MAX_IDEMPOTENCY_KEY = 64;

export const idempotencyKeySchema = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(MAX_IDEMPOTENCY_KEY, { message: `must be at most ${MAX_IDEMPOTENCY_KEY} characters` })
  .regex(/^[\x21-\x7E]+$/, { message: 'must be printable ASCII characters without spaces' });

/** The key from a raw header value (undefined when absent); throws a 400 for a malformed one. */
export const parseIdempotencyKey = (raw: string | string[] | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(Array.isArray(raw) ? raw.join(',') : raw);
  if (!parsed.success) throw zodToValidationError(parsed.error, ['headers', 'Idempotency-Key']);
  return parsed.data;
};
