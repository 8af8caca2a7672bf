// StrykerJS over the core modules, tested by their unit tests (vitest.mutation.config.ts).
// `npm run mutation`; not part of `npm test`. Results and triage: docs/mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Two cores shared with other jobs: two test processes at most.
  concurrency: 2,
  // One run must finish well within an hour on the shared two-core build machine, where under the usual
  // load (load average ~25-30 from other jobs) a mutant takes 15-30 s of test time. This default scope is
  // the checks as data, identifier quoting, the cluster step runner and write-back step, the Secret type
  // and COPY text escaping. Each wider core module is one command away, e.g.
  // `npm run mutation -- --mutate 'src/config/load.ts'`; docs/mutation-testing.md lists them with the
  // reason each is not in the default run.
  mutate: ['src/pipeline/checks.ts', 'src/sql/quote.ts', 'src/cluster/{steps,write-back-step}.ts', 'src/config/secret.ts', 'src/load/copy-text.ts'],
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
