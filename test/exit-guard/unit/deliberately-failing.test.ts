import { expect, test } from 'vitest';

// A fixture, not a test of the product: run only by test/integration/exit-guard.test.ts, which proves
// that a failing test in the unit project makes vitest exit non-zero.
test('fails on purpose', () => {
  expect('failed on purpose').toBe('passed');
});
