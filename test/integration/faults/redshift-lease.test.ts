import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunLockedError } from '#src/errors.ts';
import { silentLogger } from '#src/logger.ts';
import { acquireLeaseLock } from '#src/warehouse/run-lock/lease-lock.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * The run lock on Redshift is a lease row (no advisory locks there, no lasting session through the
 * Data API). Its statements are plain SQL both Redshift and PostgreSQL run; exercised here on the
 * suite's PostgreSQL.
 */
describe('the Redshift run lock (a lease row)', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  const request = (command: string, waitSeconds = 0) => ({ command, mode: 'exclusive' as const, waitSeconds });

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  it('a second run fails at once naming the holder; after release the next one gets it', async () => {
    const first = await acquireLeaseLock(warehouse, request('etl'), 'the cluster', silentLogger);
    const failure = await acquireLeaseLock(warehouse, request('create-tables'), 'the cluster', silentLogger).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RunLockedError);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^another run is using the cluster: sparkify etl \\(pid ${process.pid} on [^,]+, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\); not waiting\\. One run that writes at a time per warehouse`,
      ),
    );
    const shared = await acquireLeaseLock(warehouse, { command: 'check', mode: 'shared', waitSeconds: 0 }, 'the cluster', silentLogger).catch(
      (error: unknown) => error,
    );
    expect(shared).toBeInstanceOf(RunLockedError);
    await first.release();
    const second = await acquireLeaseLock(warehouse, request('create-tables'), 'the cluster', silentLogger);
    await second.release();
    expect((await warehouse.query('SELECT count(*)::int AS n FROM sparkify_run_lock')).rows).toEqual([{ n: 0 }]);
  });

  it('a lease left by a killed run is taken over once it has expired', async () => {
    await warehouse.query(
      "INSERT INTO sparkify_run_lock VALUES ('sparkify etl pid 1 on gone since 2020-01-01 00:00:00 #000000', '2020-01-01', '2020-01-01 00:10:00')",
    );
    const lock = await acquireLeaseLock(warehouse, request('etl'), 'the cluster', silentLogger);
    const { rows } = await warehouse.query<{ holder: string }>('SELECT holder FROM sparkify_run_lock');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.holder).toMatch(new RegExp(`^sparkify etl pid ${process.pid} on `));
    await lock.release();
  });

  it('a waiting run gets the lease when the holder releases it', async () => {
    const first = await acquireLeaseLock(warehouse, request('etl'), 'the cluster', silentLogger);
    const waiting = acquireLeaseLock(warehouse, request('start', 600), 'the cluster', silentLogger);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await first.release();
    const second = await waiting;
    expect(second.mode).toBe('exclusive');
    await second.release();
  });
});
