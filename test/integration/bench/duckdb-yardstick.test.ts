import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckDbEtl, duckDbInstalled, yardstickDir } from '#src/bench/duckdb-etl.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import { STAGING_TABLES, STAR_TABLES } from '#src/schema/tables.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { PUBLIC_DATA_COUNTS, sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * The DuckDB yardstick of `npm run bench` must compute what our ETL computes, or its times compare
 * nothing. It is optional (installed on demand by `npm run bench -- --duckdb`), so without it these
 * tests are skipped, saying so, also under CI.
 */
const installed = duckDbInstalled(yardstickDir());
if (!installed)
  console.warn(`\nDuckDB yardstick tests skipped: @duckdb/node-api is not installed in ${yardstickDir()} (npm run bench -- --duckdb installs it)\n`);
const publicData = installed ? sharedData('the DuckDB yardstick on the public data') : undefined;

async function rowCounts(warehouse: Warehouse): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...STAGING_TABLES, ...STAR_TABLES]) {
    const { rows } = await warehouse.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table.name}`);
    counts[table.name] = rows[0]!.n;
  }
  return counts;
}

describe.skipIf(!installed)('the DuckDB yardstick', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let data: Dataset;

  beforeAll(async () => {
    db = await createTestDatabase();
    // What the rules decide: blank strings become NULL, a logged-out event has no user, a title and
    // artist with trailing spaces still match, the closest duration wins, a year of 0 is unknown, an
    // artist id with two names keeps the row with coordinates, a level change starts a history row.
    data = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': ndjson([
          play({ userId: '5', song: 'Match ', artist: 'Band', length: 100 }),
          play({ userId: '5', level: 'paid', song: 'Nothing', artist: 'Nobody' }),
          play({ userId: '', page: 'Home', auth: 'Logged Out', firstName: '', level: 'free' }),
          play({ userId: '6', page: 'Home', location: '   ' }),
        ]),
        '2018-11-02-events.json': ndjson([
          play({ userId: '6', song: 'Match', artist: 'Band', length: 130 }),
          play({ userId: '5', level: 'free', ts: 1541200000000 }),
        ]),
      },
      songFiles: {
        'A/A/A/TRA.json': JSON.stringify(song({ song_id: 'SOA', title: 'Match', artist_name: 'Band', artist_id: 'AR1', duration: 99, year: 0 })),
        'A/A/B/TRB.json': JSON.stringify(
          song({ song_id: 'SOB', title: 'Match', artist_name: 'Band', artist_id: 'AR1', duration: 131, artist_latitude: 1.5, artist_longitude: 2.5 }),
        ),
        'A/B/C/TRC.json': JSON.stringify(song({ song_id: 'SOC', title: 'Other', artist_name: 'Band Two', artist_id: 'AR2', artist_location: ' ' })),
      },
    });
    warehouse = await db.open(data.s3Section);
    await createTables(warehouse, { logger: silentLogger });
    const etl = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(etl.error).toBeUndefined();
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await data?.remove();
  });

  it('fills every table with as many rows as our ETL, and every data-quality check passes', async () => {
    const duck = await duckDbEtl(path.join(data.root, 'song_data'), path.join(data.root, 'log_data'));
    expect(duck.failedChecks).toEqual([]);
    expect(duck.rows).toEqual(await rowCounts(warehouse));
    expect(duck.rows.songplays).toBe(4);
  });

  it('stores the same values: blanks as NULL, the closest song, the winning artist row, the level history', async () => {
    const file = path.join(data.root, 'yardstick.duckdb');
    await duckDbEtl(path.join(data.root, 'song_data'), path.join(data.root, 'log_data'), { databaseFile: file, threads: 1 });
    const { DuckDBInstance } = (await import(path.join(yardstickDir(), 'node_modules/@duckdb/node-api/lib/index.js'))) as {
      DuckDBInstance: {
        create(file: string): Promise<{
          connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>; closeSync(): void }>;
          closeSync(): void;
        }>;
      };
    };
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    const duck = async (sql: string) =>
      (await connection.runAndReadAll(sql)).getRowObjects().map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
    const ours = async (sql: string) => (await warehouse.query(sql)).rows.map((row) => JSON.stringify(row));
    try {
      for (const sql of [
        'SELECT songplay_id, user_id, level, song_id, artist_id, session_id, item_in_session, location FROM songplays ORDER BY songplay_id',
        'SELECT user_id, first_name, last_name, gender, level FROM users ORDER BY user_id',
        'SELECT user_id, level, CAST(valid_from AS VARCHAR(40)) AS valid_from FROM user_level_history ORDER BY user_id, valid_from',
        'SELECT song_id, title, artist_id, year, duration FROM songs ORDER BY song_id',
        'SELECT artist_id, name, location, latitude, longitude FROM artists ORDER BY artist_id',
        'SELECT COUNT(*)::int AS n, COUNT(location)::int AS with_location, COUNT(first_name)::int AS with_first_name, COUNT(user_id)::int AS with_user FROM staging_events',
      ]) {
        expect({ sql, rows: await duck(sql) }).toEqual({ sql, rows: await ours(sql) });
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it.skipIf(!publicData)('gives the row counts of the public data (docs/tables.md)', async () => {
    const root = publicData!;
    const duck = await duckDbEtl(path.join(root, 'song_data'), path.join(root, 'log_data'), { threads: 1 });
    expect(duck.failedChecks).toEqual([]);
    expect(duck.rows).toEqual(PUBLIC_DATA_COUNTS);
  });
});
