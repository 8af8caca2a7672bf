// StrykerJS over the core modules, tested by the unit project only (vitest.unit.config.ts).
// `npm run mutation`; not part of `npm test`. Results and triage: docs/mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Two cores shared with other jobs: two test processes at most.
  concurrency: 2,
  mutate: [
    'src/config/**/*.ts',
    'src/load/**/*.ts',
    'src/pipeline/**/*.ts',
    'src/sql/**/*.ts',
    'src/cluster/{steps,create,delete,role,security-group,redshift-cluster,waiting,write-back-step,aws-errors,errors}.ts',
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
