import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl, type EtlResult } from '#src/pipeline/etl.ts';
import { sharedDataRoot } from '#src/pipeline/sources.ts';
import { daysBetween } from '#src/sources/partition.ts';
import { eventsPerDay, listRuns } from '#src/runs/index.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/sparkify.js');
const root = sharedDataRoot();

const STAR_ORDER = { songplays: 'songplay_id', users: 'user_id', songs: 'song_id', artists: 'artist_id', time: 'start_time' } as const;

/** A checksum of every star table: row count and md5 of all rows in key order (songplay_id included). */
async function starChecksums(warehouse: Warehouse): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const [table, orderBy] of Object.entries(STAR_ORDER)) {
    const { rows } = await warehouse.query<{ digest: string; n: number }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY ${orderBy})) AS digest, COUNT(*) AS n FROM ${table} t`,
    );
    sums[table] = `${rows[0]!.n}:${rows[0]!.digest}`;
  }
  return sums;
}

function expectSucceeded(result: EtlResult): void {
  expect(result.error?.message).toBeUndefined();
}

/**
 * The invariant on the public data: partition runs in any order, with repeats and a song file that
 * arrives after the last day, leave exactly the tables of one full load (songplay_id included).
 */
describe.skipIf(!root)('partition loads on the public data', () => {
  let dir: string;
  let full: TestDatabase;
  let daily: TestDatabase;
  let fullWarehouse: Warehouse;
  let dailyWarehouse: Warehouse;
  let expected: Record<string, string>;
  let lateSong: { file: string; parked: string; songId: string };
  let s3Section: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-partitions-'));
    await cp(path.join(root!, 'log_data'), path.join(dir, 'log_data'), { recursive: true });
    await cp(path.join(root!, 'song_data'), path.join(dir, 'song_data'), { recursive: true });
    await cp(path.join(root!, 'log_json_path.json'), path.join(dir, 'log_json_path.json'));
    s3Section = `[S3]\nLOG_DATA = ${dir}/log_data\nSONG_DATA = ${dir}/song_data\nLOG_JSONPATH = ${dir}/log_json_path.json\n`;

    full = await createTestDatabase();
    fullWarehouse = await full.open();
    await createTables(fullWarehouse, { logger: silentLogger });
    expectSucceeded(await runEtl(fullWarehouse, full.config(s3Section), { logger: silentLogger }));
    expected = await starChecksums(fullWarehouse);

    // The late song: one that a play of 2018-11-12 or earlier matches, so its arrival must re-resolve an old play.
    const { rows } = await fullWarehouse.query<{ song_id: string }>(
      "SELECT MIN(song_id) AS song_id FROM songplays WHERE song_id IS NOT NULL AND start_time < '2018-11-13'",
    );
    const songId = rows[0]!.song_id;
    const file = await findSongFile(path.join(dir, 'song_data'), songId);
    lateSong = { file, parked: path.join(dir, 'late-song.json'), songId };
    await rename(file, lateSong.parked);

    daily = await createTestDatabase();
    dailyWarehouse = await daily.open();
    await createTables(dailyWarehouse, { logger: silentLogger });
  });
  afterAll(async () => {
    await fullWarehouse?.close();
    await dailyWarehouse?.close();
    await full?.drop();
    await daily?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const partitionRun = (days: string[]) => runEtl(dailyWarehouse, daily.config(s3Section), { logger: silentLogger, days });

  it('days in shuffled order, a day repeated, then a song file after the last day: the tables of one full load', async () => {
    const songFiles = [];
    for (const days of [
      daysBetween('2018-11-20', '2018-11-30'),
      ['2018-11-05'],
      daysBetween('2018-11-01', '2018-11-04'),
      ['2018-11-05'],
      daysBetween('2018-11-06', '2018-11-19'),
    ]) {
      const result = await partitionRun(days);
      expectSucceeded(result);
      songFiles.push(result.steps[0]?.songFiles);
    }
    // The song manifest: the first run loads every song file, later ones find none new.
    expect(songFiles[0]).toMatchObject({ mode: 'full', loaded: 14895, total: 14895, reason: 'no song files loaded yet' });
    expect(songFiles.slice(1).map((f) => [f?.mode, f?.loaded])).toEqual([
      ['append', 0],
      ['append', 0],
      ['append', 0],
      ['append', 0],
    ]);
    // Without the late song, its plays are unmatched: the tables differ from the full load.
    const { rows: before } = await dailyWarehouse.query<{ n: number }>('SELECT COUNT(*) AS n FROM songplays WHERE song_id = $1', [lateSong.songId]);
    expect(Number(before[0]!.n)).toBe(0);
    expect((await starChecksums(dailyWarehouse)).songplays).not.toBe(expected.songplays);

    // The song file arrives after the last day; the next run (any day) re-resolves the earlier plays.
    await rename(lateSong.parked, lateSong.file);
    const afterSong = await partitionRun(['2018-11-30']);
    expectSucceeded(afterSong);
    expect(afterSong.steps[0]?.songFiles).toEqual({ mode: 'append', loaded: 1, total: 14896 });
    expect(await starChecksums(dailyWarehouse)).toEqual(expected);
  });

  it('running a day again changes nothing, songplay_ids included', async () => {
    expectSucceeded(await partitionRun(['2018-11-12']));
    expect(await starChecksums(dailyWarehouse)).toEqual(expected);
  });

  it('a removed or changed song file makes the next run reload the catalog; --full-songs forces it', async () => {
    await rename(lateSong.file, lateSong.parked);
    const removed = await partitionRun(['2018-11-12']);
    expectSucceeded(removed);
    expect(removed.steps[0]?.songFiles).toMatchObject({ mode: 'full', loaded: 14895, reason: expect.stringMatching(/^1 loaded song file\(s\) removed/) });
    const { rows } = await dailyWarehouse.query<{ n: number }>('SELECT COUNT(*) AS n FROM songs WHERE song_id = $1', [lateSong.songId]);
    expect(Number(rows[0]!.n)).toBe(0);
    await rename(lateSong.parked, lateSong.file);
    expect((await partitionRun(['2018-11-12'])).steps[0]?.songFiles).toMatchObject({ mode: 'append', loaded: 1 });
    const forced = await runEtl(dailyWarehouse, daily.config(s3Section), { logger: silentLogger, days: ['2018-11-12'], fullSongs: true });
    expect(forced.steps[0]?.songFiles).toMatchObject({ mode: 'full', loaded: 14896, reason: '--full-songs' });
    // Same songs, one more byte: changed, so the catalog is reloaded.
    await writeFile(lateSong.file, `${await readFile(lateSong.file, 'utf8')}\n`);
    const changed = await partitionRun(['2018-11-12']);
    expect(changed.steps[0]?.songFiles).toMatchObject({ mode: 'full', loaded: 14896, reason: expect.stringMatching(/^1 song file\(s\) changed since loaded/) });
    expect(await starChecksums(dailyWarehouse)).toEqual(expected);
  });

  it('records partition runs in the history with their days', async () => {
    const history = await listRuns(dailyWarehouse, { limit: 100 });
    expect(history[0]).toMatchObject({ status: 'succeeded', mode: 'partition', partitions: ['2018-11-12'] });
    expect(Object.keys(history[0]!.dayEvents)).toEqual(['2018-11-12']);
    // Events per day over the history: every day of November, each with its file's event count.
    const perDay = eventsPerDay(history);
    expect(perDay.map((d) => d.day)).toEqual(daysBetween('2018-11-01', '2018-11-30'));
    expect(perDay.reduce((n, d) => n + d.events, 0)).toBe(8056);
  });

  it('`etl --from 2018-11-01 --to 2018-11-30` equals the full load', async () => {
    const range = await createTestDatabase();
    const warehouse = await range.open();
    try {
      await createTables(warehouse, { logger: silentLogger });
      const configFile = path.join(dir, 'range.cfg');
      await writeFile(configFile, range.configText(s3Section));
      const etl = await run(process.execPath, [BIN, 'etl', '--from', '2018-11-01', '--to', '2018-11-30', '--config', configFile, '--json'], {
        env: { ...process.env, ...range.env },
      });
      expect(JSON.parse(etl.stdout).ok).toBe(true);
      expect(await starChecksums(warehouse)).toEqual(expected);
    } finally {
      await warehouse.close();
      await range.drop();
    }
  });

  it('a day without a file fails naming the file, and publishes nothing', async () => {
    const result = await partitionRun(['2018-12-01']);
    expect(result.error?.message).toContain(path.join(dir, 'log_data', '2018', '12', '2018-12-01-events.json'));
    expect(result.error?.message).toContain('no file for the partition of 2018-12-01');
    expect(await starChecksums(dailyWarehouse)).toEqual(expected);
  });

  it("a day's file holding another day's events fails the load (a re-run could not replace them) and changes nothing", async () => {
    const file = path.join(dir, 'log_data', '2018', '11', '2018-11-03-events.json');
    const original = await readFile(file, 'utf8');
    const moved = original.replace(/"ts":(\d+)/, (_whole, ts: string) => `"ts":${Number(ts) + 86_400_000 * 3}`);
    await writeFile(file, moved);
    try {
      const result = await partitionRun(['2018-11-03']);
      expect(result.error?.message).toMatch(/1 of \d+ event\(s\) loaded from .*2018-11-03-events\.json have a ts outside their file's day/);
      expect(result.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
      expect(await starChecksums(dailyWarehouse)).toEqual(expected);
    } finally {
      await writeFile(file, original);
    }
  });
});

describe('etl partition flags', () => {
  const etl = (...args: string[]) =>
    run(process.execPath, [BIN, 'etl', ...args]).then(
      () => {
        throw new Error('etl succeeded');
      },
      (error: { code: number; stderr: string }) => error,
    );

  it.each([
    [['--date', '2018-11-31'], "--date must be a date as YYYY-MM-DD, got '2018-11-31'"],
    [['--date', 'yesterday'], "--date must be a date as YYYY-MM-DD, got 'yesterday'"],
    [['--from', '2018-11-05'], '--from and --to go together'],
    [['--from', '2018-11-05', '--to', '2018-11-01'], '--from 2018-11-05 is after --to 2018-11-01'],
    [['--date', '2018-11-05', '--from', '2018-11-01', '--to', '2018-11-02'], '--date cannot be combined with --from / --to'],
    [['--full-songs'], '--full-songs goes with --date or --from/--to'],
  ])('etl %j is a usage error', async (args, message) => {
    const failure = await etl(...args);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain(message);
  });
});

async function findSongFile(folder: string, songId: string): Promise<string> {
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file, 'utf8')).includes(`"${songId}"`)) return file;
  }
  throw new Error(`no song file holds ${songId}`);
}
