// StrykerJS over the core modules, tested by their unit tests (vitest.mutation.config.ts).
// `npm run mutation`; not part of `npm test`. Results and triage: docs/mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Two cores shared with other jobs: two test processes at most.
  concurrency: 2,
  // The core modules' pure logic, sized so that one run takes well under an hour on the shared two-core
  // build machine (measured: a few mutants a minute per core under the usual load). What is left out, and
  // why, is in docs/mutation-testing.md; run any of it alone with `npm run mutation -- --mutate <file>`.
  mutate: [
    'src/config/{load,write-back,requirements,secret}.ts',
    'src/sql/{quote,sql-files}.ts',
    'src/pipeline/checks.ts',
    'src/load/{coerce,jsonpaths,copy-text}.ts',
    'src/cluster/{steps,write-back-step,aws-errors}.ts',
  ],
  // Stryker marks files `// @ts-nocheck`; only the mutated folders (not src/sql/generated/, whose text a
  // unit test compares with what `npm run sql:generate` writes).
  disableTypeChecks: 'src/{config,sql,pipeline,load,cluster}/*.ts',
  // Mutants in code the unit tests never reach are reported as "no coverage" rather than run.
  ignoreStatic: true,
  timeoutMS: 10000,
  // Re-runs test only the mutants whose code or tests changed (reports/stryker-incremental.json).
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
