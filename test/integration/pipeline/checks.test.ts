import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { assertChecksPassed, dataChecks, DataQualityError, runChecks } from '#src/pipeline/checks.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { STAR_TABLES } from '#src/schema/tables.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ALL_CHECK_NAMES } from '../../support/data-checks.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * Every data-quality check made to fail on hand-made rows. The star tables lose their keys and NOT NULLs
 * here, so that rows PostgreSQL would refuse can be written and only the checks stand between them and a
 * user. Each case starts from a small consistent warehouse (every check passes), breaks one rule, and
 * asserts exactly which checks fail, with their failing-row counts and samples.
 */
const T0 = new Date('2018-11-01T00:00:00.000Z');
const T1 = new Date('2018-11-01T21:01:46.796Z');
const T2 = new Date('2018-11-01T21:05:52.123Z');
const T3 = new Date('2018-11-01T21:08:16.000Z');
const T4 = new Date('2018-11-02T01:25:34.000Z');
const T9 = new Date('2018-11-30T23:59:59.999Z');

describe('data-quality checks on hand-made rows', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  const sql = (text: string, values: unknown[] = []) => warehouse.query(text, values);

  async function event(e: { page?: string; userId: string; level?: string; ts: Date | null; sessionId: number; item: number }) {
    await sql(
      'INSERT INTO staging_events (page, user_id, first_name, level, ts, session_id, item_in_session, song, artist, length) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [e.page ?? 'NextSong', e.userId, 'Ada', e.level ?? 'free', e.ts, e.sessionId, e.item, 'Some Song', 'Some Artist', 200.5],
    );
  }
  async function user(id: string | null, level = 'free') {
    await sql('INSERT INTO users (user_id, first_name, last_name, gender, level) VALUES ($1, $2, $3, $4, $5)', [id, 'Ada', 'Lovelace', 'F', level]);
  }
  async function history(userId: string | null, level: string, from: Date | null, to: Date | null) {
    await sql('INSERT INTO user_level_history (user_id, level, valid_from, valid_to) VALUES ($1, $2, $3, $4)', [userId, level, from, to]);
  }
  async function timeRow(at: Date | null) {
    await sql('INSERT INTO time (start_time, hour, day, week, month, year, weekday) VALUES ($1, 21, 1, 44, 11, 2018, 4)', [at]);
  }
  async function songplay(p: {
    id: number | null;
    at: Date;
    userId: string;
    level: string;
    songId: string | null;
    artistId: string | null;
    sessionId: number;
    item: number;
  }) {
    await sql(
      'INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, item_in_session, location, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [p.id, p.at, p.userId, p.level, p.songId, p.artistId, p.sessionId, p.item, 'London, UK', 'Mozilla/5.0'],
    );
  }

  /** The checks that failed, without the passing ones: what a user is shown. */
  async function failures() {
    const results = await runChecks(warehouse);
    expect(results.map((r) => r.name)).toEqual(ALL_CHECK_NAMES);
    return results.filter((r) => !r.passed).map(({ name, failingRows, sample }) => ({ name, failingRows, sample }));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    // Foreign keys first: they depend on the keys they reference.
    const { rows } = await warehouse.query<{ tab: string; con: string }>(
      "SELECT conrelid::regclass::text AS tab, conname AS con FROM pg_constraint WHERE contype IN ('f', 'p', 'u') AND connamespace = 'public'::regnamespace ORDER BY contype <> 'f', conname",
    );
    for (const { tab, con } of rows) await sql(`ALTER TABLE ${tab} DROP CONSTRAINT ${con}`);
    for (const table of STAR_TABLES) {
      for (const column of table.columns.filter((c) => c.notNull)) {
        if (column.identity) await sql(`ALTER TABLE ${table.name} ALTER COLUMN ${column.name} DROP IDENTITY`);
        await sql(`ALTER TABLE ${table.name} ALTER COLUMN ${column.name} DROP NOT NULL`);
      }
    }
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  // A consistent little warehouse: two plays, a page view, a logged-out event and a play without a time.
  beforeEach(async () => {
    await sql('TRUNCATE staging_events, staging_songs, songplays, user_level_history, users, songs, artists, time');
    await event({ userId: '1', level: 'free', ts: T1, sessionId: 1, item: 0 });
    await event({ userId: '2', level: 'paid', ts: T2, sessionId: 1, item: 1 });
    await event({ page: 'Home', userId: '2', level: 'paid', ts: T3, sessionId: 1, item: 2 });
    await event({ page: 'Home', userId: '', level: 'free', ts: T4, sessionId: 2, item: 0 });
    // A NextSong event without a time is not a play (the transform skips it too).
    await event({ userId: '2', level: 'paid', ts: null, sessionId: 1, item: 3 });
    await user('1', 'free');
    await user('2', 'paid');
    await history('1', 'free', T0, null);
    await history('2', 'free', T0, T2);
    await history('2', 'paid', T2, null);
    await sql("INSERT INTO artists (artist_id, name) VALUES ('AR1', 'Artist One')");
    await sql("INSERT INTO songs (song_id, title, artist_id, year, duration) VALUES ('SO1', 'Song One', 'AR1', 2001, 200.5)");
    await timeRow(T1);
    await timeRow(T2);
    await songplay({ id: 1, at: T1, userId: '1', level: 'free', songId: 'SO1', artistId: 'AR1', sessionId: 1, item: 0 });
    await songplay({ id: 2, at: T2, userId: '2', level: 'paid', songId: null, artistId: null, sessionId: 1, item: 1 });
  });

  it('declares every check, in a stable order, and all pass on consistent rows', async () => {
    expect(dataChecks().map((c) => c.name)).toEqual(ALL_CHECK_NAMES);
    expect(await failures()).toEqual([]);
    expect(() => assertChecksPassed([])).not.toThrow();
  });

  describe('unique', () => {
    it('users(user_id): a user id twice', async () => {
      await user('1', 'free');
      expect(await failures()).toEqual([{ name: 'unique users(user_id)', failingRows: 1, sample: [{ user_id: '1', occurrences: 2 }] }]);
    });
    it('artists(artist_id): an artist id with two names', async () => {
      await sql("INSERT INTO artists (artist_id, name) VALUES ('AR1', 'Artist 1')");
      expect(await failures()).toEqual([{ name: 'unique artists(artist_id)', failingRows: 1, sample: [{ artist_id: 'AR1', occurrences: 2 }] }]);
    });
    it('songs(song_id): a song id three times', async () => {
      await sql("INSERT INTO songs (song_id, title, artist_id) VALUES ('SO1', 'Again', 'AR1'), ('SO1', 'And again', 'AR1')");
      expect(await failures()).toEqual([{ name: 'unique songs(song_id)', failingRows: 1, sample: [{ song_id: 'SO1', occurrences: 3 }] }]);
    });
    it('time(start_time): an instant twice', async () => {
      await timeRow(T1);
      expect(await failures()).toEqual([{ name: 'unique time(start_time)', failingRows: 1, sample: [{ start_time: T1, occurrences: 2 }] }]);
    });
    it('songplays(songplay_id): two plays with one id', async () => {
      await sql('UPDATE songplays SET songplay_id = 1 WHERE songplay_id = 2');
      expect(await failures()).toEqual([{ name: 'unique songplays(songplay_id)', failingRows: 1, sample: [{ songplay_id: 1, occurrences: 2 }] }]);
    });
    it('songplays(session_id, item_in_session): one event played twice', async () => {
      await sql('UPDATE songplays SET item_in_session = 0 WHERE songplay_id = 2');
      expect(await failures()).toEqual([
        { name: 'unique songplays(session_id, item_in_session)', failingRows: 1, sample: [{ session_id: 1, item_in_session: 0, occurrences: 2 }] },
      ]);
    });
  });

  describe('not_null', () => {
    it('users.user_id (also a user never seen in the events)', async () => {
      await user(null, 'paid');
      expect(await failures()).toEqual([
        { name: 'not_null users.user_id', failingRows: 1, sample: [{ user_id: null, first_name: 'Ada', last_name: 'Lovelace', gender: 'F', level: 'paid' }] },
        { name: 'users_match_event_users', failingRows: 1, sample: [{ user_id: null, problem: 'in users, never seen in events' }] },
        { name: 'user_level_history_current_matches_users', failingRows: 1, sample: [{ user_id: null, users_level: 'paid', history_level: null }] },
      ]);
    });
    it('artists.artist_id', async () => {
      await sql("INSERT INTO artists (artist_id, name) VALUES (NULL, 'Nobody')");
      expect(await failures()).toEqual([
        { name: 'not_null artists.artist_id', failingRows: 1, sample: [{ artist_id: null, name: 'Nobody', location: null, latitude: null, longitude: null }] },
      ]);
    });
    it('songs.song_id', async () => {
      await sql("INSERT INTO songs (song_id, title, artist_id, year, duration) VALUES (NULL, 'No id', 'AR1', NULL, 123.25)");
      expect(await failures()).toEqual([
        { name: 'not_null songs.song_id', failingRows: 1, sample: [{ song_id: null, title: 'No id', artist_id: 'AR1', year: null, duration: 123.25 }] },
      ]);
    });
    it('time.start_time (time then also disagrees with songplays)', async () => {
      await timeRow(null);
      expect(await failures()).toEqual([
        { name: 'not_null time.start_time', failingRows: 1, sample: [{ start_time: null, hour: 21, day: 1, week: 44, month: 11, year: 2018, weekday: 4 }] },
        { name: 'time_matches_songplays', failingRows: 1, sample: [{ start_time: null, problem: 'in time, no play at that instant' }] },
      ]);
    });
    it('songplays.songplay_id', async () => {
      await sql('UPDATE songplays SET songplay_id = NULL WHERE songplay_id = 2');
      expect(await failures()).toEqual([
        {
          name: 'not_null songplays.songplay_id',
          failingRows: 1,
          sample: [
            {
              songplay_id: null,
              start_time: T2,
              user_id: '2',
              level: 'paid',
              song_id: null,
              artist_id: null,
              session_id: 1,
              item_in_session: 1,
              location: 'London, UK',
              user_agent: 'Mozilla/5.0',
            },
          ],
        },
      ]);
    });
  });

  describe('relationships', () => {
    it('songs.artist_id -> artists.artist_id: one missing artist referenced twice counts once', async () => {
      await sql("INSERT INTO songs (song_id, title, artist_id) VALUES ('SO2', 'Orphan', 'AR404'), ('SO3', 'Orphan too', 'AR404')");
      expect(await failures()).toEqual([
        { name: 'relationships songs.artist_id -> artists.artist_id', failingRows: 1, sample: [{ missing_value: 'AR404', occurrences: 2 }] },
      ]);
    });
    it('songplays.start_time -> time.start_time (time then also misses a play instant)', async () => {
      await sql('DELETE FROM time WHERE start_time = $1', [T2]);
      expect(await failures()).toEqual([
        { name: 'relationships songplays.start_time -> time.start_time', failingRows: 1, sample: [{ missing_value: T2, occurrences: 1 }] },
        { name: 'time_matches_songplays', failingRows: 1, sample: [{ start_time: T2, problem: 'in songplays, missing from time' }] },
      ]);
    });
    it('songplays.user_id -> users.user_id', async () => {
      await sql("UPDATE songplays SET user_id = '3' WHERE songplay_id = 2");
      expect(await failures()).toEqual([
        { name: 'relationships songplays.user_id -> users.user_id', failingRows: 1, sample: [{ missing_value: '3', occurrences: 1 }] },
      ]);
    });
    it('songplays.song_id -> songs.song_id', async () => {
      await sql("UPDATE songplays SET song_id = 'SO404' WHERE songplay_id = 2");
      expect(await failures()).toEqual([
        { name: 'relationships songplays.song_id -> songs.song_id', failingRows: 1, sample: [{ missing_value: 'SO404', occurrences: 1 }] },
      ]);
    });
    it('songplays.artist_id -> artists.artist_id', async () => {
      await sql("UPDATE songplays SET artist_id = 'AR404' WHERE songplay_id = 2");
      expect(await failures()).toEqual([
        { name: 'relationships songplays.artist_id -> artists.artist_id', failingRows: 1, sample: [{ missing_value: 'AR404', occurrences: 1 }] },
      ]);
    });
  });

  describe('accepted_values', () => {
    it('users.level', async () => {
      await sql("UPDATE users SET level = 'premium' WHERE user_id = '2'");
      expect(await failures()).toEqual([
        { name: 'accepted_values users.level in (free, paid)', failingRows: 1, sample: [{ unexpected_value: 'premium', occurrences: 1 }] },
        { name: 'user_level_history_current_matches_users', failingRows: 1, sample: [{ user_id: '2', users_level: 'premium', history_level: 'paid' }] },
      ]);
    });
    it('songplays.level: two unexpected values, each counted', async () => {
      await sql("UPDATE songplays SET level = CASE songplay_id WHEN 1 THEN 'gold' ELSE 'Free' END");
      const [failure] = await failures();
      expect(failure).toMatchObject({ name: 'accepted_values songplays.level in (free, paid)', failingRows: 2 });
      expect([...failure!.sample].sort((a, b) => String(a.unexpected_value).localeCompare(String(b.unexpected_value)))).toEqual([
        { unexpected_value: 'Free', occurrences: 1 },
        { unexpected_value: 'gold', occurrences: 1 },
      ]);
    });
    it('a value that is a prefix or a join of accepted values is still unexpected', async () => {
      await sql("UPDATE users SET level = CASE user_id WHEN '1' THEN 'fre' ELSE 'free,paid' END");
      const [failure, ...others] = await failures();
      expect(others.map((o) => o.name)).toEqual(['user_level_history_current_matches_users']);
      expect(failure).toMatchObject({ name: 'accepted_values users.level in (free, paid)', failingRows: 2 });
      expect(failure!.sample.map((s) => s.unexpected_value).sort()).toEqual(['fre', 'free,paid']);
    });
  });

  describe('user_level_history', () => {
    it('unique (user_id, valid_from)', async () => {
      await history('1', 'paid', T0, T1);
      expect(await failures()).toEqual([
        { name: 'unique user_level_history(user_id, valid_from)', failingRows: 1, sample: [{ user_id: '1', valid_from: T0, occurrences: 2 }] },
      ]);
    });
    it('not_null user_id and valid_from', async () => {
      await history(null, 'free', T1, T2);
      await history('1', 'free', null, T2);
      expect(await failures()).toEqual([
        { name: 'not_null user_level_history.user_id', failingRows: 1, sample: [{ user_id: null, level: 'free', valid_from: T1, valid_to: T2 }] },
        { name: 'not_null user_level_history.valid_from', failingRows: 1, sample: [{ user_id: '1', level: 'free', valid_from: null, valid_to: T2 }] },
      ]);
    });
    it('relationships user_id -> users.user_id', async () => {
      await history('9', 'free', T1, T2);
      expect(await failures()).toEqual([
        { name: 'relationships user_level_history.user_id -> users.user_id', failingRows: 1, sample: [{ missing_value: '9', occurrences: 1 }] },
      ]);
    });
    it('accepted_values level', async () => {
      await history('1', 'gold', T1, T2);
      expect(await failures()).toEqual([
        { name: 'accepted_values user_level_history.level in (free, paid)', failingRows: 1, sample: [{ unexpected_value: 'gold', occurrences: 1 }] },
      ]);
    });
    it('one current row per user', async () => {
      await history('1', 'free', T1, null);
      expect(await failures()).toEqual([{ name: 'user_level_history_one_current_row', failingRows: 1, sample: [{ user_id: '1', current_rows: 2 }] }]);
    });
    it('the current row holds users.level, for every user', async () => {
      await sql("UPDATE user_level_history SET level = 'free' WHERE user_id = '2' AND valid_to IS NULL");
      await sql("DELETE FROM user_level_history WHERE user_id = '1'");
      const [failure, ...others] = await failures();
      expect(others).toEqual([]);
      expect(failure).toMatchObject({ name: 'user_level_history_current_matches_users', failingRows: 2 });
      expect([...failure!.sample].sort((a, b) => String(a.user_id).localeCompare(String(b.user_id)))).toEqual([
        { user_id: '1', users_level: 'free', history_level: null },
        { user_id: '2', users_level: 'paid', history_level: 'free' },
      ]);
    });
  });

  describe('songplays_match_next_song_events', () => {
    it('fewer songplays than NextSong events (a play lost)', async () => {
      await event({ userId: '1', level: 'free', ts: T1, sessionId: 3, item: 0 });
      expect(await failures()).toEqual([{ name: 'songplays_match_next_song_events', failingRows: 1, sample: [{ next_song_events: 3, songplays: 2 }] }]);
    });
    it('more songplays than NextSong events (a play duplicated)', async () => {
      await songplay({ id: 3, at: T1, userId: '1', level: 'free', songId: 'SO1', artistId: 'AR1', sessionId: 1, item: 7 });
      expect(await failures()).toEqual([{ name: 'songplays_match_next_song_events', failingRows: 1, sample: [{ next_song_events: 2, songplays: 3 }] }]);
    });
  });

  describe('time_matches_songplays', () => {
    it('an instant in time with no play at it', async () => {
      await timeRow(T9);
      expect(await failures()).toEqual([
        { name: 'time_matches_songplays', failingRows: 1, sample: [{ start_time: T9, problem: 'in time, no play at that instant' }] },
      ]);
    });
    it('both directions at once, each row counted', async () => {
      await timeRow(T9);
      await sql('UPDATE time SET start_time = $1 WHERE start_time = $2', [T4, T1]);
      const failed = await failures();
      expect(failed.map((f) => f.name)).toEqual(['relationships songplays.start_time -> time.start_time', 'time_matches_songplays']);
      expect(failed[1]!.failingRows).toBe(3);
      expect([...failed[1]!.sample].sort((a, b) => (a.start_time as Date).getTime() - (b.start_time as Date).getTime())).toEqual([
        { start_time: T1, problem: 'in songplays, missing from time' },
        { start_time: T4, problem: 'in time, no play at that instant' },
        { start_time: T9, problem: 'in time, no play at that instant' },
      ]);
    });
  });

  describe('users_match_event_users', () => {
    it('a user seen in the events but missing from users', async () => {
      await event({ page: 'Home', userId: '3', level: 'free', ts: T3, sessionId: 4, item: 0 });
      expect(await failures()).toEqual([
        { name: 'users_match_event_users', failingRows: 1, sample: [{ user_id: '3', problem: 'in events, missing from users' }] },
      ]);
    });
    it('a user never seen in the events', async () => {
      await user('4', 'free');
      await history('4', 'free', T0, null);
      expect(await failures()).toEqual([
        { name: 'users_match_event_users', failingRows: 1, sample: [{ user_id: '4', problem: 'in users, never seen in events' }] },
      ]);
    });
    it('counts every failing row and samples five of them', async () => {
      for (const id of ['10', '11', '12', '13', '14', '15', '16']) {
        await user(id, 'free');
        await history(id, 'free', T0, null);
      }
      const [failure, ...others] = await failures();
      expect(others).toEqual([]);
      expect(failure!.name).toBe('users_match_event_users');
      expect(failure!.failingRows).toBe(7);
      expect(failure!.sample).toHaveLength(5);
      for (const row of failure!.sample) expect(row).toEqual({ user_id: expect.stringMatching(/^1[0-6]$/), problem: 'in users, never seen in events' });
    });
  });

  it('assertChecksPassed throws a DataQualityError naming each failed check, its count and sample', async () => {
    await user('4', 'free');
    await history('4', 'free', T0, null);
    await timeRow(T9);
    const results = await runChecks(warehouse);
    const error = (() => {
      try {
        assertChecksPassed(results);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DataQualityError);
    expect((error as DataQualityError).code).toBe('CHECKS_FAILED');
    expect((error as DataQualityError).message).toBe(
      '2 data-quality check(s) failed:\n' +
        '  time_matches_songplays: 1 failing row(s), e.g. [{"start_time":"2018-11-30T23:59:59.999Z","problem":"in time, no play at that instant"}]\n' +
        '  users_match_event_users: 1 failing row(s), e.g. [{"user_id":"4","problem":"in users, never seen in events"}]',
    );
    expect((error as DataQualityError).failed.map((f) => f.name)).toEqual(['time_matches_songplays', 'users_match_event_users']);
  });
});
