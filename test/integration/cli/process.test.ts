import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/sparkify.js');

/** The real `sparkify` process: exit codes, stderr free of dependency warnings, the working folder. */
let db: TestDatabase;
let data: Dataset;
let dir: string;

async function sparkify(args: readonly string[], cwd = dir, extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only what a user's shell would have: no SPARKIFY_* from the caller, no NODE_OPTIONS from vitest.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...db.env, ...extraEnv };
  return run(process.execPath, [BIN, ...args], { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  data = await writeDataset({
    logFiles: { '2018-11-01-events.json': ndjson([play({ userId: '5' }), play({ userId: '6' })]) },
    songFiles: { 'A/B/C/TRABC.json': JSON.stringify(song()) },
  });
  dir = await mkdtemp(path.join(tmpdir(), 'sparkify-cli-process-'));
  await writeFile(path.join(dir, 'dwh.cfg'), db.configText(data.s3Section));
});
afterAll(async () => {
  await db?.drop();
  await data?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the sparkify process', () => {
  it('exits 2 on a short flag and an extra word, having done nothing', async () => {
    for (const args of [
      ['create-tables', '-x'],
      ['create-tables', 'now'],
      ['etl', '-v'],
    ]) {
      const result = await sparkify(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    }
    // Nothing was created: the tables do not exist yet, so the checks cannot even find them.
    const check = await sparkify(['check', '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: false, error: { code: 'QUERY_FAILED', message: expect.stringContaining('does not exist') } });
  });

  it('run from a subfolder, finds dwh.cfg above it; no dependency warnings; progress as plain lines', async () => {
    const sub = path.join(dir, 'analysis', 'week1');
    await mkdir(sub, { recursive: true });
    expect((await sparkify(['create-tables'], sub)).code).toBe(0);
    const etl = await sparkify(['etl'], sub);
    expect(etl.code).toBe(0);
    expect(etl.stdout).toMatch(/transform\s+succeeded\s+users 2/);
    expect(etl.stderr).not.toMatch(/Warning|warning:|DeprecationWarning|ExperimentalWarning|\(node:\d+\)/);
    expect(etl.stderr).toMatch(/^ {2}staging_events: 1\/1 files, 2 rows, .*\(100%\)$/m);
    expect(etl.stderr).not.toContain('\r');
    expect(await readdir(sub)).toEqual([]);
    const check = await sparkify(['check', '--json'], path.join(dir, 'analysis'));
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true });
  });

  it('bench runs its server on the port SPARKIFY_WAREHOUSE_PORT names (not always 54339)', async () => {
    const benchRoot = await mkdtemp(path.join(tmpdir(), 'sparkify-bench-port-'));
    try {
      // As root the embedded server runs as the postgres user, which must reach the data folder.
      await chmod(benchRoot, 0o755);
      await writeFile(path.join(benchRoot, 'dwh.cfg'), '');
      const port = await freePort();
      const result = await sparkify(['bench', '--measure', data.root, '--label', 'tiny', '--json'], benchRoot, { SPARKIFY_WAREHOUSE_PORT: String(port) });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ dataset: 'tiny' });
      // postgres records the options it was started with.
      const opts = await readFile(path.join(benchRoot, '.sparkify/bench/pg/postmaster.opts'), 'utf8');
      expect(opts).toContain(`"-p" "${port}"`);
      const bad = await sparkify(['bench', '--port', '70000'], benchRoot);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--port must be from 1 to 65535');
    } finally {
      await rm(benchRoot, { recursive: true, force: true });
    }
  });
});
