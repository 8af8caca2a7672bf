import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/** Small hand-made data where each join rule of docs/tables.md (songplays) decides the outcome. */
describe('songplays join rules', () => {
  let db: TestDatabase;
  let data: Dataset;
  let warehouse: Warehouse;

  beforeAll(async () => {
    data = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': ndjson([
          // Two catalog songs share title and artist: the duration closest to 251.0 wins (SOB, 250.0).
          play({ song: 'Twin', artist: 'Duo', length: 251.0, sessionId: 10, itemInSession: 0, userId: '7', level: 'free', ts: 1541100000000 }),
          // Equally close to both (249.0 and 251.0 around 250.0): the smallest song_id wins (SOC).
          play({ song: 'Tie', artist: 'Duo', length: 250.0, sessionId: 10, itemInSession: 1, userId: '7', level: 'free', ts: 1541100001000 }),
          // Title matches but the artist does not: no match, the play is kept with NULLs.
          play({ song: 'Twin', artist: 'Someone Else', length: 250.0, sessionId: 10, itemInSession: 2, userId: '7', level: 'free', ts: 1541100002000 }),
          // A numeric title in the catalog matches the play's text title.
          play({ song: '66', artist: '883', length: 180.0, sessionId: 11, itemInSession: 0, userId: '8', level: 'paid', ts: 1541100003000 }),
          // Not a play: no songplays row, but the user still counts.
          play({ page: 'Home', song: null, artist: null, length: null, sessionId: 12, itemInSession: 0, userId: '9', level: 'free', ts: 1541100004000 }),
          // Logged out: no user row.
          play({
            page: 'Home',
            song: null,
            artist: null,
            length: null,
            sessionId: 13,
            itemInSession: 0,
            userId: '',
            firstName: null,
            lastName: null,
            gender: null,
            level: 'free',
            ts: 1541100005000,
          }),
          // User 7 upgrades later in the month: the latest event's level is 'paid'.
          play({
            page: 'Submit Upgrade',
            song: null,
            artist: null,
            length: null,
            sessionId: 14,
            itemInSession: 0,
            userId: '7',
            level: 'paid',
            ts: 1541200000000,
          }),
        ]),
      },
      songFiles: {
        'A/A/A/TRAAA1.json': JSON.stringify(song({ song_id: 'SOA', title: 'Twin', artist_name: 'Duo', artist_id: 'ARDUO', duration: 200.0 })),
        // Two objects back to back in one file, as some copies of the data have.
        'A/A/B/TRAAB1.json':
          JSON.stringify(song({ song_id: 'SOB', title: 'Twin', artist_name: 'Duo', artist_id: 'ARDUO', duration: 250.0 })) +
          JSON.stringify(song({ song_id: 'SOD', title: 'Tie', artist_name: 'Duo', artist_id: 'ARDUO', duration: 251.0, artist_location: 'Paris' })),
        'A/A/C/TRAAC1.json': JSON.stringify(
          song({
            song_id: 'SOC',
            title: 'Tie',
            artist_name: 'Duo',
            artist_id: 'ARDUO',
            duration: 249.0,
            artist_latitude: 48.85,
            artist_longitude: 2.35,
            artist_location: 'Paris, FR',
          }),
        ),
        'A/A/D/TRAAD1.json': JSON.stringify(
          song({ song_id: 'SONUM', title: 66, artist_name: 883, artist_id: 'AR883', duration: 180.0, artist_location: 12, year: 0 }),
        ),
      },
    });
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.error).toBeUndefined();
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await data?.remove();
  });

  async function playsBySession(): Promise<Record<string, unknown>[]> {
    const { rows } = await warehouse.query(
      'SELECT songplay_id, session_id, item_in_session, song_id, artist_id, user_id, level FROM songplays ORDER BY songplay_id',
    );
    return rows;
  }

  it('keeps one row per play, closest duration first, ties to the smallest song_id, unmatched with NULLs', async () => {
    expect(await playsBySession()).toEqual([
      { songplay_id: 10 * 2 ** 32 + 0, session_id: 10, item_in_session: 0, song_id: 'SOB', artist_id: 'ARDUO', user_id: '7', level: 'free' },
      { songplay_id: 10 * 2 ** 32 + 1, session_id: 10, item_in_session: 1, song_id: 'SOC', artist_id: 'ARDUO', user_id: '7', level: 'free' },
      { songplay_id: 10 * 2 ** 32 + 2, session_id: 10, item_in_session: 2, song_id: null, artist_id: null, user_id: '7', level: 'free' },
      { songplay_id: 11 * 2 ** 32 + 0, session_id: 11, item_in_session: 0, song_id: 'SONUM', artist_id: 'AR883', user_id: '8', level: 'paid' },
    ]);
  });

  it("builds users from every event with a user id, each with the latest event's level", async () => {
    const { rows } = await warehouse.query('SELECT user_id, level FROM users ORDER BY user_id');
    expect(rows).toEqual([
      { user_id: '7', level: 'paid' },
      { user_id: '8', level: 'paid' },
      { user_id: '9', level: 'free' },
    ]);
  });

  it('keeps one artist row per id, preferring the row with coordinates', async () => {
    const { rows } = await warehouse.query('SELECT artist_id, name, location, latitude, longitude FROM artists ORDER BY artist_id');
    expect(rows).toEqual([
      { artist_id: 'AR883', name: '883', location: '12', latitude: null, longitude: null },
      { artist_id: 'ARDUO', name: 'Duo', location: 'Paris, FR', latitude: 48.85, longitude: 2.35 },
    ]);
  });

  it('turns year 0 into NULL and keeps durations exact', async () => {
    const { rows } = await warehouse.query("SELECT song_id, year, duration FROM songs WHERE song_id IN ('SONUM', 'SOA') ORDER BY song_id");
    expect(rows).toEqual([
      { song_id: 'SOA', year: 2001, duration: 200 },
      { song_id: 'SONUM', year: null, duration: 180 },
    ]);
  });

  it('builds time only from play instants', async () => {
    const { rows } = await warehouse.query<{ n: number }>('SELECT COUNT(*) AS n FROM time');
    expect(rows[0]!.n).toBe(4);
  });
});
