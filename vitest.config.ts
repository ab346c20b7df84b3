import { defineConfig } from 'vitest/config';

// One Vitest configuration for the whole workspace. Workspace packages are
// resolved to their TypeScript sources through the "@naap/source" export
// condition, so tests never need a prior build.
const conditions = ['@naap/source', 'node', 'import', 'default'];

const shared = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@naap/source'] } },
};

// Where each kind of test lives: unit tests beside the code, integration tests
// (ClickHouse, child processes, sockets) marked *.int.test.ts, browser and
// whole-system tests marked *.e2e.test.ts.
const packages = '*/{src,test,scripts}/**';

export default defineConfig({
  ...shared,
  test: {
    reporters: ['default'],
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          // …and the root scripts' own unit tests (the launcher's start file).
          include: [`${packages}/*.test.ts`, 'scripts/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        ...shared,
        test: {
          name: 'int',
          include: [`${packages}/*.int.test.ts`],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: [`${packages}/*.e2e.test.ts`],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
