/**
 * Jest runs the TypeScript tests with ts-jest. Strapi itself, its plugins and
 * this plugin's built server code are loaded from demo/ with Node's own loader
 * (see tests/helpers/demo.ts), so nothing under dist/ or demo/ is transformed.
 * Each test file gets a fresh worker process (the memory limit recycles it),
 * so one booted Strapi never shares module state with the next.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/browser/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  testTimeout: 120000,
  maxWorkers: 1,
  workerIdleMemoryLimit: '50MB',
  verbose: true,
};
