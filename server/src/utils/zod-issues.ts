import type { ZodError } from 'zod';
import { validationError, type FieldIssue } from './host-errors';

/** Turns a zod error into Strapi's ValidationError, each issue naming its field path. */
export const zodToValidationError = (error: ZodError, prefix: string[] = []): Error => {
  const issues: FieldIssue[] = error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    const field = path.join('.') || 'body';
    return { path, name: 'ValidationError', message: `${field}: ${issue.message}` };
  });
  return validationError(issues);
};
