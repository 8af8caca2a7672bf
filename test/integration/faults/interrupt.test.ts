import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { checksums, dataset, failureLines, scratchDir, sourcesIni, startCli } from './helpers.ts';

/**
 * Ctrl-C and SIGTERM of `node bin/sparkify.js etl` on the postgres engine (the suite's server): the
 * running statement is cancelled, its transaction rolls back, one line says what was and was not
 * committed, the exit code is 130 / 143, and the tables are exactly as before.
 */
describe('SIGINT and SIGTERM of the CLI during an ETL', () => {
  let db: TestDatabase;
  let dir: string;
  let bigConfig: string;
  let before: Record<string, string>;
  const connection = () => ({ ...inject('postgres'), database: db.name });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await scratchDir('interrupt');
    const small = await dataset(path.join(dir, 'small'), 3_000, 11, 500);
    // Big enough that its COPY is still streaming when the signal comes.
    const big = await dataset(path.join(dir, 'big'), 200_000, 12, 5_000);
    await writeFile(path.join(dir, 'small.cfg'), db.configText(sourcesIni(small)));
    bigConfig = path.join(dir, 'big.cfg');
    await writeFile(bigConfig, db.configText(sourcesIni(big)));
    for (const command of ['create-tables', 'etl']) {
      const run = startCli([command, '--config', path.join(dir, 'small.cfg')], { cwd: dir, env: db.env });
      expect((await run.exited).code, run.stderr()).toBe(0);
    }
    before = await checksums(connection());
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SIGINT during the staging load: exit 130, one line, nothing of the load committed, tables intact', async () => {
    const run = startCli(['etl', '--config', bigConfig], { cwd: dir, env: db.env });
    await run.waitFor(/staging_events: \d+\/\d+ files/);
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    // The signal lands in the COPY or, on a busy machine, just after it (before the ANALYZE of the same
    // transaction): the phase named varies, the outcome may not.
    const lines = failureLines(run.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^error: interrupted by SIGINT(?: (?:before|during) [^:]+)?: load staging rolled back \(nothing of it committed\); nothing of this run was committed; the star tables are as before this run$/,
    );
    expect(run.stderr()).not.toMatch(/\n\s+at /); // no stack trace
    expect(await checksums(connection())).toEqual(before);
    expect(await backendsOf(db.name)).toEqual([]);
  });

  it('SIGTERM mid-transform: exit 143, the transform rolled back, staging committed, star tables intact', async () => {
    // The test holds a lock on songplays, so the transform is reliably in flight when the signal comes.
    const blocker = new pg.Client(connection());
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE songplays IN ACCESS EXCLUSIVE MODE');
    const run = startCli(['etl', '--config', bigConfig], { cwd: dir, env: db.env });
    try {
      await run.waitFor(/^transform\.\.\.$/m);
      await waitForLockWait(db.name);
      run.child.kill('SIGTERM');
      const { code } = await run.exited;
      expect(code).toBe(143);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // The transform builds into the audit schema; the first of its statements to read songplays (the
    // audit table created like it, after the tables before it were built) waits on the test's lock.
    expect(failureLines(run.stderr())).toEqual([
      'error: interrupted by SIGTERM during create sparkify_audit.songplays: transform rolled back (nothing of it committed); committed: load staging (staging tables replaced); the star tables are as before this run',
    ]);
    const after = await checksums(connection());
    for (const table of ['songplays', 'users', 'songs', 'artists', 'time']) expect(after[table], table).toBe(before[table]);
    expect(after.staging_events).not.toBe(before.staging_events);
    expect(after.staging_events).toMatch(/^200000 rows/);
  });

  /** Sessions of ours still connected to the database (none may be left once the CLI has exited). */
  async function backendsOf(database: string): Promise<string[]> {
    const admin = new pg.Client({ ...inject('postgres'), database: 'postgres' });
    await admin.connect();
    const { rows } = await admin.query("SELECT application_name FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'sparkify%'", [database]);
    await admin.end();
    return rows.map((r) => r.application_name as string);
  }

  /** Until a session of ours waits for a lock in the database. */
  async function waitForLockWait(database: string): Promise<void> {
    const admin = new pg.Client({ ...inject('postgres'), database: 'postgres' });
    await admin.connect();
    try {
      for (;;) {
        const { rows } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'sparkify' AND wait_event_type = 'Lock'", [
          database,
        ]);
        if (rows.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await admin.end();
    }
  }
});
