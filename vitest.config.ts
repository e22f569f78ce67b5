import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

/*
 * unit: no database. pglite / pg15: the same integration files against embedded PGlite (served over
 * pglite-socket, as in `npm start`) and against a throwaway PostgreSQL 15 cluster. Never a mock database.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    // Projects run one after another (each has its own groupOrder): PGlite and a PG15 cluster never compete for 2 cores.
    reporters: ['default'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        resolve: { alias },
        test: {
          name: 'pglite',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/pglite-global.ts'],
          setupFiles: ['tests/setup/database-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite runs one transaction at a time: files in sequence keep timings sane.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'pg15',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/pg15-global.ts'],
          setupFiles: ['tests/setup/database-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'embedded',
          include: ['tests/embedded/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
