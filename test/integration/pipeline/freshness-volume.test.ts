import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { OperationalCheckError, runEtl } from '#src/pipeline/etl.ts';
import { listRuns } from '#src/runs/index.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/** `count` plays on `day`, each in a session of its own for that day. */
function dayOfPlays(day: number, count: number): string {
  const base = Date.UTC(2018, 10, day, 12);
  return ndjson(
    Array.from({ length: count }, (_, i) =>
      play({
        song: 'Song A',
        artist: 'Band',
        length: 200,
        sessionId: day * 1000 + i,
        itemInSession: 0,
        userId: String(i % 5),
        level: 'free',
        ts: base + i * 1000,
      }),
    ),
  );
}

describe('freshness and volume checks on partition runs', () => {
  let db: TestDatabase;
  let data: Dataset;
  let warehouse: Warehouse;
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };

  beforeAll(async () => {
    data = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': dayOfPlays(1, 10),
        '2018-11-02-events.json': dayOfPlays(2, 12),
        '2018-11-03-events.json': dayOfPlays(3, 9),
        '2018-11-04-events.json': dayOfPlays(4, 11),
        '2018-11-05-events.json': dayOfPlays(5, 60),
      },
      songFiles: { 'A/A/A/TRAAA1.json': JSON.stringify(song({ song_id: 'SOA', title: 'Song A', artist_name: 'Band', artist_id: 'ARB', duration: 200 })) },
    });
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    const first = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger, days: ['2018-11-01', '2018-11-02', '2018-11-03', '2018-11-04'] });
    expect(first.error).toBeUndefined();
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await data?.remove();
  });

  it('a day far from the median of the days before it warns, is stored in the run, and still publishes', async () => {
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger, days: ['2018-11-05'] });
    expect(result.error).toBeUndefined();
    // The message as given to the logger, which adds `warning: ` itself (it once read `warning: warning: volume: ...`).
    expect(warnings.some((w) => w.startsWith('volume: 2018-11-05: 60 events against a median of 10.5'))).toBe(true);
    const [latest] = await listRuns(warehouse, { limit: 1 });
    expect(latest?.status).toBe('succeeded');
    expect(latest?.checks.find((c) => c.name.startsWith('volume: 2018-11-05'))).toMatchObject({ severity: 'warn', passed: false });
    const { rows } = await warehouse.query<{ n: number }>('SELECT COUNT(*) AS n FROM songplays');
    expect(Number(rows[0]!.n)).toBe(102);
  });

  it('--expect-through a later day fails the run, publishes nothing, and records the failed freshness check', async () => {
    const before = await warehouse.query('SELECT COUNT(*) AS n FROM songplays');
    const result = await runEtl(warehouse, db.config(`${data.s3Section}[CHECKS]\nMAX_AGE_DAYS = 3\n`), {
      logger,
      days: ['2018-11-04'],
      expectThrough: '2018-11-06',
      today: '2018-11-10',
    });
    expect(result.error).toBeInstanceOf(OperationalCheckError);
    expect(result.error?.message).toBe('freshness: loaded through 2018-11-06: latest loaded day 2018-11-05. Nothing was published.');
    expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'failed', 'skipped']);
    expect((await warehouse.query('SELECT COUNT(*) AS n FROM songplays')).rows).toEqual(before.rows);
    const [latest] = await listRuns(warehouse, { limit: 1 });
    expect(latest?.status).toBe('failed');
    expect(warnings.some((w) => w.startsWith('FAILED: freshness: loaded through 2018-11-06'))).toBe(true);
    expect(latest?.checks.filter((c) => !c.passed).map((c) => [c.severity, c.name.split(' (')[0]])).toEqual([
      ['error', 'freshness: loaded through 2018-11-06'],
      ['warn', 'freshness: latest day at most 3 day(s) old'],
    ]);
  });
});
