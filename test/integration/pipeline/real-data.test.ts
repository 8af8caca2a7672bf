import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl, type EtlResult } from '#src/pipeline/etl.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ALL_CHECKS_PASSED } from '../../support/data-checks.ts';
import { PUBLIC_DATA_COUNTS, sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const root = sharedData('the real-data pipeline tests');

async function tableDigest(warehouse: Warehouse, table: string, orderBy: string): Promise<string> {
  const { rows } = await warehouse.query<{ digest: string; n: number }>(
    `SELECT md5(string_agg(t::text, '|' ORDER BY ${orderBy})) AS digest, COUNT(*) AS n FROM ${table} t`,
  );
  return `${rows[0]!.n}:${rows[0]!.digest}`;
}

const DIGESTS = {
  songplays: 'songplay_id',
  users: 'user_id',
  songs: 'song_id',
  artists: 'artist_id',
  time: 'start_time',
};

describe.skipIf(!root)('the pipeline on the public Sparkify data', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let first: EtlResult;

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open(`[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`);
    await createTables(warehouse, { logger: silentLogger });
    first = await runEtl(warehouse, db.config(`[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`), {
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  it('runs every step and passes every data-quality check', () => {
    expect(first.error).toBeUndefined();
    expect(first.steps.map((s) => [s.step, s.status])).toEqual([
      ['load staging', 'succeeded'],
      ['transform', 'succeeded'],
      ['checks', 'succeeded'],
      ['publish', 'succeeded'],
    ]);
    expect(first.steps[2]!.checks).toEqual(ALL_CHECKS_PASSED);
    expect(first.steps[0]!.rejected).toBe(0);
  });

  it('produces exactly the row counts in docs/tables.md', async () => {
    for (const [table, expected] of Object.entries(PUBLIC_DATA_COUNTS)) {
      const { rows } = await warehouse.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
      expect({ table, rows: rows[0]!.n }).toEqual({ table, rows: expected });
    }
  });

  it('matches 333 plays to a song, by title and artist, and keeps the others with NULLs', async () => {
    const { rows } = await warehouse.query<{ matched: number; unmatched: number; artist_only: number }>(
      `SELECT COUNT(song_id) AS matched,
              COUNT(*) - COUNT(song_id) AS unmatched,
              COUNT(*) FILTER (WHERE song_id IS NULL AND artist_id IS NOT NULL) AS artist_only
       FROM songplays`,
    );
    expect(rows[0]).toEqual({ matched: 333, unmatched: 6820 - 333, artist_only: 0 });
  });

  it('never duplicates a play: one row per (session_id, item_in_session) and per NextSong event', async () => {
    const { rows } = await warehouse.query<{ plays: number; keys: number; events: number }>(
      `SELECT (SELECT COUNT(*) FROM songplays) AS plays,
              (SELECT COUNT(DISTINCT (session_id, item_in_session)) FROM songplays) AS keys,
              (SELECT COUNT(*) FROM staging_events WHERE page = 'NextSong') AS events`,
    );
    expect(rows[0]).toEqual({ plays: 6820, keys: 6820, events: 6820 });
  });

  it('picks, among songs with the same title and artist, the closest duration', async () => {
    // Independent of the transform's SQL: for every matched play, no other candidate is strictly closer.
    const { rows } = await warehouse.query<{ n: number }>(
      `SELECT COUNT(*) AS n
       FROM songplays p
       JOIN staging_events e ON e.session_id = p.session_id AND e.item_in_session = p.item_in_session AND e.page = 'NextSong'
       JOIN staging_songs chosen ON chosen.song_id = p.song_id
       JOIN staging_songs other ON other.title = e.song AND other.artist_name = e.artist
       WHERE abs(other.duration - e.length) < abs(chosen.duration - e.length)`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("gives every user the level of that user's latest event", async () => {
    const { rows: events } = await warehouse.query<{ user_id: string; level: string; ts: Date; session_id: number; item_in_session: number }>(
      `SELECT user_id, level, ts, session_id, item_in_session FROM staging_events WHERE user_id IS NOT NULL`,
    );
    const latest = new Map<string, (typeof events)[number]>();
    for (const event of events) {
      const seen = latest.get(event.user_id);
      const key = (e: typeof event) => [e.ts.getTime(), e.session_id, e.item_in_session];
      if (!seen || compareTuples(key(event), key(seen)) > 0) latest.set(event.user_id, event);
    }
    const { rows: users } = await warehouse.query<{ user_id: string; level: string }>('SELECT user_id, level FROM users');
    expect(users).toHaveLength(latest.size);
    for (const user of users) expect({ user: user.user_id, level: user.level }).toEqual({ user: user.user_id, level: latest.get(user.user_id)!.level });
    // Some users changed level during the month, so this is not a vacuous check.
    const { rows: changed } = await warehouse.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM (SELECT user_id FROM staging_events WHERE user_id IS NOT NULL GROUP BY user_id HAVING COUNT(DISTINCT level) > 1) c',
    );
    expect(changed[0]!.n).toBeGreaterThan(0);
  });

  it('keeps milliseconds and UTC in start_time, and weekday 0 = Sunday', async () => {
    const { rows } = await warehouse.query<{ start_time: Date; hour: number; weekday: number; day: number }>(
      'SELECT start_time, hour, weekday, day FROM time ORDER BY start_time LIMIT 1',
    );
    // The first NextSong event of the data: 2018-11-01T21:01:46.796Z, a Thursday.
    expect(rows[0]!.start_time.toISOString()).toBe('2018-11-01T21:01:46.796Z');
    expect(rows[0]).toMatchObject({ hour: 21, weekday: 4, day: 1 });
    const { rows: songs } = await warehouse.query<{ duration: number }>("SELECT duration FROM songs WHERE song_id = 'SOBLFFE12AF72AA5BA'");
    expect(songs[0]!.duration).toBe(213.9424);
  });

  it('loads numbers where text is expected as text', async () => {
    // The four song objects of the public data whose title or artist_name is a JSON number.
    const { rows } = await warehouse.query(
      "SELECT song_id, title, artist_name FROM staging_songs WHERE title IN ('66', '36') OR artist_name IN ('883', '1919') ORDER BY song_id",
    );
    expect(rows).toEqual([
      { song_id: 'SOCIBEJ12A67020453', title: 'Come deve andare', artist_name: '883' },
      { song_id: 'SOUPBAM12A8C13984F', title: 'Caged', artist_name: '1919' },
      { song_id: 'SOUQXCJ12AB018A54C', title: '36', artist_name: 'Karma To Burn' },
      { song_id: 'SOYXDHH12A8C1337A7', title: '66', artist_name: 'The Afghan Whigs' },
    ]);
  });

  it('gives identical tables when run again', async () => {
    const before: Record<string, string> = {};
    for (const [table, order] of Object.entries(DIGESTS)) before[table] = await tableDigest(warehouse, table, order);
    const second = await runEtl(
      warehouse,
      db.config(`[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`),
      { logger: silentLogger },
    );
    expect(second.error).toBeUndefined();
    for (const [table, order] of Object.entries(DIGESTS))
      expect({ table, digest: await tableDigest(warehouse, table, order) }).toEqual({ table, digest: before[table] });
  });
});

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
