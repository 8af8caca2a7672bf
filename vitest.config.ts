import { defineConfig } from 'vitest/config';

// Two projects, as node-pg-migrate does: `unit` needs no server and asserts exact text;
// `integration` starts real servers (embedded PostgreSQL, s3rver, Jupyter) from its own setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-postgres.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Each file starts its own PostgreSQL; two cores, so do not run many at once.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
