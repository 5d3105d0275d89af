/** One jest run for the whole workspace: unit and integration tests next to the code, e2e under tests/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/tests'],
  testMatch: ['**/src/**/*.test.ts', '**/tests/**/*.test.ts', '**/tests/e2e/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.tsx?$': swc },
  // Tests run the TypeScript sources; spawned processes (e2e) run the built dist/.
  moduleNameMapper: { '^@crm/kernel/subgraph$': '<rootDir>/packages/kernel/src/subgraph', '^@crm/(kernel|domain|testing|demo-data|client)$': '<rootDir>/packages/$1/src' },
  globalSetup: '<rootDir>/packages/testing/dist/global-setup.js',
  globalTeardown: '<rootDir>/packages/testing/dist/global-teardown.js',
  testTimeout: 60_000,
  maxWorkers: 2,
};
