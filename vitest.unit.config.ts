import { defineConfig } from 'vitest/config';

// The unit project alone (no server, no global setup), for StrykerJS (`npm run mutation`): each
// mutant is tested by the unit tests that cover it. The integration project needs a PostgreSQL and
// Jupyter per run and would make one mutation run take hours on the build machine.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
  },
});
