// StrykerJS over the core modules, tested by their unit tests (vitest.mutation.config.ts).
// `npm run mutation`; not part of `npm test`. Results and triage: docs/mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Two cores shared with other jobs: two test processes at most.
  concurrency: 2,
  // The core modules. Left out, with the reason in docs/mutation-testing.md: src/load/flat-rows.ts (the
  // fast path, pinned by a differential test against the slow path that takes seconds per mutant) and
  // the streaming I/O of src/load/ (file-rows, json-records, json-table-loader, staging), which only
  // the integration project exercises end to end.
  mutate: [
    'src/config/**/*.ts',
    'src/sql/**/*.ts',
    'src/pipeline/**/*.ts',
    'src/load/{coerce,jsonpaths,record-converter,load-errors,copy-text}.ts',
    'src/cluster/{steps,create,delete,role,security-group,redshift-cluster,waiting,write-back-step,aws-errors}.ts',
  ],
  // Mutants in code the unit tests never reach are reported as "no coverage" rather than run.
  ignoreStatic: true,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
