/** Browser tests: Debian Chromium through playwright-core against the built demo in a child process. */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['**/tests/browser/**/*.test.ts'],
  testTimeout: 180000,
  // Node's fetch keeps idle sockets to the demo server open for a few seconds after it stops.
  forceExit: true,
};
