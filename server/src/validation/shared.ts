import { z } from 'zod';

/** Characters that have no place in plain text fields: NUL and the other C0 controls except tab/newline/CR. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const plainText = (min: number, max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((v) => v.trim().length >= min, {
      message: min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
    })
    .refine((v) => !CONTROL_CHARS.test(v), { message: 'must not contain control characters' })
    .refine((v) => v.isWellFormed(), { message: 'must be valid Unicode' });

export const optionalPlainText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((v) => !CONTROL_CHARS.test(v), { message: 'must not contain control characters' })
    .refine((v) => v.isWellFormed(), { message: 'must be valid Unicode' })
    .nullable()
    .optional();

/** An https URL without credentials, for links shown to readers. */
export const httpsUrl = (max = 2048) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return u.protocol === 'https:' && !u.username && !u.password && u.hostname.includes('.');
        } catch {
          return false;
        }
      },
      { message: 'must be an https URL without credentials' }
    );

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
