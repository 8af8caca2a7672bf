import { defineConfig } from 'vitest/config';

// The unit project alone (no server, no global setup), for StrykerJS (`npm run mutation`): each
// mutant is tested by the unit tests that cover it. The integration project needs a PostgreSQL and
// Jupyter per run and would make one mutation run take hours on the build machine.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Instrumented code on a busy machine runs several times slower than a plain run; the default 5 s
    // failed the initial run once (a test streaming a 1 MB line).
    testTimeout: 60_000,
  },
});
