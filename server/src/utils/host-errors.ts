import path from 'node:path';
import { errors as bundledErrors } from '@strapi/utils';

/**
 * Strapi's error middleware recognises application errors with `instanceof`.
 * When the plugin is loaded from outside the host app's node_modules (the demo's
 * `resolve: '..'`, `npm link`, yalc), `@strapi/utils` can exist twice and an
 * error built from the plugin's copy would be answered as a 500. Build errors
 * from the copy that the host's `@strapi/core` uses; in a normal install both
 * resolve to the same module, so this is a no-op there.
 */
type ErrorsModule = typeof bundledErrors;

let cached: ErrorsModule | undefined;

const fromHost = (): ErrorsModule | undefined => {
  const appRoot = (globalThis as { strapi?: { dirs?: { app?: { root?: string } } } }).strapi?.dirs?.app?.root;
  if (!appRoot || typeof require !== 'function' || typeof require.resolve !== 'function') return undefined;
  try {
    const corePkg = require.resolve('@strapi/core/package.json', { paths: [appRoot] });
    const utilsPath = require.resolve('@strapi/utils', { paths: [path.dirname(corePkg)] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(utilsPath) as { errors?: ErrorsModule };
    return mod.errors;
  } catch {
    return undefined;
  }
};

export const hostErrors = (): ErrorsModule => {
  if (!cached) {
    const host = fromHost();
    if (host) cached = host;
    else return bundledErrors;
  }
  return cached;
};

/** One field problem, in the shape Strapi's `ValidationError` details use. */
export interface FieldIssue {
  path: string[];
  message: string;
  name: 'ValidationError';
  value?: unknown;
}

export const validationError = (issues: FieldIssue[] | string, message?: string): Error => {
  const { ValidationError } = hostErrors();
  if (typeof issues === 'string') return new ValidationError(issues);
  const first = issues[0];
  const text =
    message ??
    (issues.length === 1
      ? first.message
      : `${first.message} (and ${issues.length - 1} more error${issues.length > 2 ? 's' : ''})`);
  return new ValidationError(text, { errors: issues });
};
