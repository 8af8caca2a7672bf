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
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Unit tests first (fast feedback), then the integration project with its own worker limit.
          sequence: { groupOrder: 1 },
          globalSetup: ['test/support/global-postgres.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One PostgreSQL for the project (a fresh database per file), plus Jupyter and s3rver in some
          // files; two cores, so at most two files at once.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
