import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { LoadFailedError } from '#src/load/load-errors.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const goodDay = ndjson([play({ sessionId: 1, itemInSession: 0 }), play({ sessionId: 1, itemInSession: 1 })]);
/** Line 2 holds a ts that is not a time; line 3 is cut short; lines 1 and 4 are good. */
const badDay = [
  JSON.stringify(play({ sessionId: 2, itemInSession: 0 })),
  JSON.stringify(play({ sessionId: 2, itemInSession: 1, ts: 'yesterday' })),
  '{"artist":"Broken","auth":"Logged In","firstName":"X"',
  JSON.stringify(play({ sessionId: 2, itemInSession: 3 })),
].join('\n');
const songs = { 'A/A/A/TRAAA1.json': JSON.stringify(song()) };

describe('bad records and MAXERROR', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let good: Dataset;
  let bad: Dataset;

  beforeAll(async () => {
    good = await writeDataset({ logFiles: { '2018-11-01-events.json': goodDay }, songFiles: songs });
    bad = await writeDataset({ logFiles: { '2018-11-01-events.json': goodDay, '2018-11-02-events.json': badDay }, songFiles: songs });
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
  });
  afterEach(async () => {
    // Each test starts from a committed load of the good data.
    const result = await runEtl(warehouse, db.config(good.s3Section), { logger: silentLogger });
    expect(result.error).toBeUndefined();
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await good?.remove();
    await bad?.remove();
  });

  async function count(table: string): Promise<number> {
    return (await warehouse.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n;
  }

  it('past MAXERROR: fails naming file, line and field, and commits nothing of the load', async () => {
    await runEtl(warehouse, db.config(good.s3Section), { logger: silentLogger });
    expect(await count('staging_events')).toBe(2);
    const result = await runEtl(warehouse, db.config(`${bad.s3Section}MAXERROR = 1\n`), { logger: silentLogger });
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
    const error = result.error as LoadFailedError;
    expect(error).toBeInstanceOf(LoadFailedError);
    expect(error.errors).toHaveLength(2);
    expect(error.message).toContain(`${bad.root}/log_data/2018/11/2018-11-02-events.json line 2, column ts ($['ts'])`);
    expect(error.message).toContain("'yesterday' is not a valid epoch milliseconds");
    expect(error.message).toContain('2018-11-02-events.json line 3');
    expect(error.message).toContain('MAXERROR 1');
    // The previous, good load is still there, whole: nothing half-loaded.
    expect(await count('staging_events')).toBe(2);
    expect(await count('songplays')).toBe(2);
    // The rejects are recorded even though the load rolled back, as stl_load_errors keeps them.
    const { rows } = await warehouse.query<{ line: number; column_name: string; reason: string }>(
      'SELECT line, column_name, reason FROM sparkify_load_errors WHERE load_id = (SELECT load_id FROM sparkify_load_errors ORDER BY recorded_at DESC LIMIT 1) ORDER BY line',
    );
    expect(rows.map((r) => [r.line, r.column_name])).toEqual([
      [2, 'ts'],
      [3, '-'],
    ]);
  });

  it('within MAXERROR: loads every good record and reports the bad ones', async () => {
    const result = await runEtl(warehouse, db.config(bad.s3Section), { logger: silentLogger, maxErrors: 2 });
    expect(result.error).toBeUndefined();
    expect(result.steps[0]!.rejected).toBe(2);
    // 2 good plays from day 1, plus lines 1 and 4 of day 2 (the record after the cut-short one survives).
    expect(await count('staging_events')).toBe(4);
    expect(await count('songplays')).toBe(4);
  });

  it('defaults to MAXERROR 0: one bad record fails the load', async () => {
    const result = await runEtl(warehouse, db.config(bad.s3Section), { logger: silentLogger });
    expect(result.error).toBeInstanceOf(LoadFailedError);
    expect((result.error as LoadFailedError).errors).toHaveLength(1);
  });

  it('fails plainly when a source prefix matches no files', async () => {
    const result = await runEtl(
      warehouse,
      db.config(`[S3]\nLOG_DATA = ${good.root}/nothing_here\nSONG_DATA = ${good.root}/song_data\nLOG_JSONPATH = ${good.root}/log_json_path.json\n`),
      { logger: silentLogger },
    );
    expect(result.error?.message).toMatch(/nothing_here: no files match this prefix \(loading staging_events\)/);
  });
});
