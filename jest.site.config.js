/**
 * Tests of the reference site (examples/site) in Chromium: the built site and the
 * built demo in child processes. Run after `npm --prefix examples/site run build`
 * (and the admin build for the Content Manager preview test; `npm run test:site` does both).
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['**/tests/site/**/*.test.ts'],
  testTimeout: 180000,
  forceExit: true,
};
