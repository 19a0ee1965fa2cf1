import { createRequire } from 'node:module';
import path from 'node:path';

export const ROOT_DIR = path.resolve(__dirname, '..', '..');
export const DEMO_DIR = path.join(ROOT_DIR, 'demo');

/**
 * Loads modules from the demo app's own node_modules with Node's loader (not
 * Jest's registry), so Strapi, its plugins and this plugin's built server code
 * run exactly as they do under `strapi start`.
 */
export const demoRequire = createRequire(path.join(DEMO_DIR, 'package.json'));
