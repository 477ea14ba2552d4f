'use strict';
// Three projects: unit (pure logic), integration (real HTTP server, SQLite, PostgreSQL), e2e (headless Chromium).
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json', diagnostics: false }],
    // More and more dependencies ship ESM only; the transform turns those (and only those) into CommonJS.
    'node_modules/.+\\.m?js$': '<rootDir>/test/helpers/esm-transform.js',
  },
  transformIgnorePatterns: [],
  moduleNameMapper: {
    // office-addin-mock pulls office-addin-manifest, whose index is ESM-only; the mock only needs officeApp.
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
    // A dynamic import of Aide's own module is written with its .js name (Node's rule once built): the .ts here.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  rootDir: __dirname,
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts?(x)'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], slowTestThreshold: 30 },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], slowTestThreshold: 60 },
  ],
  // Integration and e2e tests start servers; two workers fit the 2-core CI machine.
  maxWorkers: 2,
  testTimeout: 60000,
};
