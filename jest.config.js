/**
 * Jest runs the TypeScript tests with ts-jest. Strapi itself, its plugins and
 * this plugin's built server code are loaded from demo/ with Node's own loader
 * (see tests/helpers/demo.ts), so nothing under dist/ or demo/ is transformed.
 * `npm test` runs the files one after another in one process (--runInBand);
 * each file boots its own Strapi on its own database and destroys it in afterAll.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/browser/', '/tests/site/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // The client is tested as published: the CommonJS bundle `npm run build` writes (`pretest` builds it).
  moduleNameMapper: { '^strapi-plugin-movie-reviews/client$': '<rootDir>/dist/client/index.js' },
  testTimeout: 120000,
  maxWorkers: 1,
  verbose: true,
};
