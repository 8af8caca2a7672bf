import { defineConfig } from 'vitest/config';

// The unit tests of the modules StrykerJS mutates (`npm run mutation`, see stryker.config.mjs): no
// server, no global setup. Stryker re-runs, for each mutant, every test file that reaches it; the
// integration project (a PostgreSQL, Jupyter) and the unit tests of other modules (danfojs, Vega, the
// generator), which reach the same code only in passing, would make one run take many hours on the
// shared two-core build machine.
export default defineConfig({
  test: {
    include: ['test/unit/{config,load,cluster,sql,pipeline}/**/*.test.ts'],
    // The fast path's differential tests (seconds each, on random records) pin src/load/flat-rows.ts,
    // which is not mutated; they would only slow down every mutant of the coercion rules they call.
    exclude: ['test/unit/load/flat-rows.test.ts'],
    // Instrumented code on a busy machine runs several times slower than a plain run; the default 5 s
    // failed the initial run once.
    testTimeout: 60_000,
  },
});
