import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS_PASSED } from '../../support/data-checks.ts';
import { sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const run = promisify(execFile);
const root = sharedData('the CLI acceptance run on the public data');
const BIN = path.resolve('bin/sparkify.js');

/** The acceptance run: create-tables then etl with ENGINE = postgres on the public data. */
describe.skipIf(!root)('npx sparkify create-tables, etl, check against a separate PostgreSQL', () => {
  let db: TestDatabase;
  let dir: string;
  let configFile: string;
  const sparkify = (...args: string[]) => run(process.execPath, [BIN, ...args, '--config', configFile], { env: { ...process.env, ...db.env }, cwd: dir });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-cli-'));
    configFile = path.join(dir, 'dwh.cfg');
    await writeFile(configFile, db.configText(`[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`));
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the tables, loads, transforms and checks, printing per-step status and rows', async () => {
    const created = await sparkify('create-tables');
    expect(created.stdout).toContain('created 9 tables');
    const etl = await sparkify('etl');
    expect(etl.stdout).toMatch(/load staging\s+succeeded\s+staging_events 8,056, staging_songs 14,896/);
    expect(etl.stdout).toMatch(/transform\s+succeeded\s+users 97, user_level_history 106, artists 9,553, songs 14,896, time 6,813, songplays 6,820/);
    expect(etl.stdout).toMatch(new RegExp(`checks\\s+succeeded\\s+${ALL_CHECKS_PASSED.length} checks passed`));
    // The password came from the environment and is never printed.
    expect(etl.stdout + etl.stderr).not.toContain(db.env.SPARKIFY_CLUSTER_DB_PASSWORD);
  });

  it('reports JSON with --json', async () => {
    const etl = await sparkify('etl', '--json');
    const report = JSON.parse(etl.stdout);
    expect(report).toEqual({
      ok: true,
      data: expect.objectContaining({ sample: false, logData: `${root}log_data` }),
      steps: [
        { step: 'load staging', status: 'succeeded', elapsedMs: expect.any(Number), rows: { staging_events: 8056, staging_songs: 14896 }, rejected: 0 },
        {
          step: 'transform',
          status: 'succeeded',
          elapsedMs: expect.any(Number),
          rows: { users: 97, user_level_history: 106, artists: 9553, songs: 14896, time: 6813, songplays: 6820 },
        },
        {
          step: 'checks',
          status: 'succeeded',
          elapsedMs: expect.any(Number),
          rows: {},
          checks: ALL_CHECKS_PASSED.map(({ name, passed, failingRows }) => ({ name, passed, failingRows })),
          operational: [],
        },
        {
          step: 'publish',
          status: 'succeeded',
          elapsedMs: expect.any(Number),
          rows: { users: 97, user_level_history: 106, artists: 9553, songs: 14896, time: 6813, songplays: 6820 },
        },
      ],
    });
    const check = await sparkify('check', '--json');
    expect(JSON.parse(check.stdout)).toEqual({ ok: true, checks: ALL_CHECKS_PASSED });
    expect(check.stderr).toBe(
      `warehouse: PostgreSQL postgres@127.0.0.1:${db.config().cluster.dbPort}/${db.name}\nall ${ALL_CHECKS_PASSED.length} checks passed\n`,
    );
  });

  it('exits 1 with a clear message when a check fails', async () => {
    const pg = await db.open();
    await pg.query("UPDATE users SET level = 'gold' WHERE user_id = (SELECT MIN(user_id) FROM users)");
    await pg.close();
    const failure = await sparkify('check').catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stdout: string }).stdout).toMatch(/accepted_values users\.level in \(free, paid\)\s+FAILED\s+1/);
    expect((failure as { stdout: string }).stdout).toMatch(
      /\naccepted_values users\.level in \(free, paid\): e\.g\.\nunexpected_value\s+occurrences\n-+\s+-+\ngold\s+1\n/,
    );
    expect((failure as { stderr: string }).stderr).toBe(
      `warehouse: PostgreSQL postgres@127.0.0.1:${db.config().cluster.dbPort}/${db.name}\nerror: 2 of ${ALL_CHECKS_PASSED.length} checks failed\n`,
    );
  });

  it('rejects a bad --max-errors and an unknown flag as usage errors', async () => {
    const bad = await sparkify('etl', '--max-errors', 'many').catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('--max-errors must be a whole number');
    const unknown = await sparkify('etl', '--frobnicate').catch((error: { code: number; stderr: string }) => error);
    expect((unknown as { stderr: string }).stderr).toContain('unknown option --frobnicate');
  });
});
