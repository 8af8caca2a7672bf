import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * The ordering rules' tie-breaks, each decided by hand-made data where only that rule can pick the
 * winner. Every pair appears in both file orders (winner first, winner last), so the load order cannot
 * pass a test that the rule would fail.
 */
const TS = 1541100000000;
const other = { page: 'Home', song: null, artist: null, length: null };

describe('tie-breaks of the transform', () => {
  let db: TestDatabase;
  let data: Dataset;
  let warehouse: Warehouse;

  beforeAll(async () => {
    data = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': ndjson([
          // Same ts and session: the higher item_in_session is the later event. Winner last in the file...
          play({ ...other, userId: '20', firstName: 'Old', level: 'free', ts: TS, sessionId: 30, itemInSession: 4 }),
          play({ ...other, userId: '20', firstName: 'New', level: 'paid', ts: TS, sessionId: 30, itemInSession: 5 }),
          // ...and winner first.
          play({ ...other, userId: '21', firstName: 'New', level: 'free', ts: TS, sessionId: 31, itemInSession: 9 }),
          play({ ...other, userId: '21', firstName: 'Old', level: 'paid', ts: TS, sessionId: 31, itemInSession: 8 }),
          // Three events at one instant in one session, the winner in the middle of the file order (a sort
          // that keeps the input order of ties would pick the first or the last).
          play({ ...other, userId: '24', firstName: 'Old', level: 'free', ts: TS, sessionId: 36, itemInSession: 2 }),
          play({ ...other, userId: '24', firstName: 'New', level: 'paid', ts: TS, sessionId: 36, itemInSession: 3 }),
          play({ ...other, userId: '24', firstName: 'Older', level: 'free', ts: TS, sessionId: 36, itemInSession: 1 }),
          play({ ...other, userId: '25', firstName: 'Older', level: 'paid', ts: TS, sessionId: 37, itemInSession: 1 }),
          play({ ...other, userId: '25', firstName: 'New', level: 'free', ts: TS, sessionId: 37, itemInSession: 3 }),
          play({ ...other, userId: '25', firstName: 'Old', level: 'paid', ts: TS, sessionId: 37, itemInSession: 2 }),
          // Same ts, different sessions: the higher session id wins, whatever the item numbers.
          play({ ...other, userId: '22', firstName: 'Old', level: 'paid', ts: TS, sessionId: 32, itemInSession: 9 }),
          play({ ...other, userId: '22', firstName: 'New', level: 'free', ts: TS, sessionId: 33, itemInSession: 0 }),
          // A later ts wins over a higher session and item.
          play({ ...other, userId: '23', firstName: 'New', level: 'paid', ts: TS + 1, sessionId: 34, itemInSession: 0 }),
          play({ ...other, userId: '23', firstName: 'Old', level: 'free', ts: TS, sessionId: 35, itemInSession: 9 }),
          // Plays whose two candidate songs are equally close (one 1 s shorter, one 1 s longer, or the same
          // duration): the smallest song_id wins, whichever file it came from.
          play({ song: 'Even', artist: 'Pair', length: 300.0, userId: '', level: 'paid', ts: TS + 10, sessionId: 40, itemInSession: 0 }),
          play({ song: 'Same', artist: 'Pair', length: 100.0, userId: '', level: 'paid', ts: TS + 11, sessionId: 40, itemInSession: 1 }),
          // A closer duration beats a smaller song_id.
          play({ song: 'Near', artist: 'Pair', length: 120.0, userId: '', level: 'paid', ts: TS + 12, sessionId: 40, itemInSession: 2 }),
        ]),
      },
      songFiles: {
        // Larger ids in files listed first.
        'A/A/A/TRAAA01.json': JSON.stringify(song({ song_id: 'SOEVEN2', title: 'Even', artist_name: 'Pair', artist_id: 'ARPAIR', duration: 299.0 })),
        'A/A/B/TRAAB01.json': JSON.stringify(song({ song_id: 'SOEVEN1', title: 'Even', artist_name: 'Pair', artist_id: 'ARPAIR', duration: 301.0 })),
        'A/A/C/TRAAC01.json': JSON.stringify(song({ song_id: 'SOSAME1', title: 'Same', artist_name: 'Pair', artist_id: 'ARPAIR', duration: 90.0 })),
        'A/A/D/TRAAD01.json': JSON.stringify(song({ song_id: 'SOSAME2', title: 'Same', artist_name: 'Pair', artist_id: 'ARPAIR', duration: 90.0 })),
        'A/A/E/TRAAE01.json': JSON.stringify(song({ song_id: 'SONEAR1', title: 'Near', artist_name: 'Pair', artist_id: 'ARPAIR', duration: 100.0 })),
        'A/A/F/TRAAF01.json': JSON.stringify(song({ song_id: 'SONEAR2', title: 'Near', artist_name: 'Pair', artist_id: 'ARPAIR', duration: 119.5 })),
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

  it("users: the latest event's level and names, ties on ts broken by session_id, then item_in_session", async () => {
    const { rows } = await warehouse.query('SELECT user_id, first_name, level FROM users ORDER BY user_id');
    expect(rows).toEqual([
      { user_id: '20', first_name: 'New', level: 'paid' },
      { user_id: '21', first_name: 'New', level: 'free' },
      { user_id: '22', first_name: 'New', level: 'free' },
      { user_id: '23', first_name: 'New', level: 'paid' },
      { user_id: '24', first_name: 'New', level: 'paid' },
      { user_id: '25', first_name: 'New', level: 'free' },
    ]);
  });

  it('songplays: equally close durations go to the smallest song_id; a closer duration beats a smaller id', async () => {
    const { rows } = await warehouse.query('SELECT item_in_session, song_id FROM songplays WHERE session_id = 40 ORDER BY item_in_session');
    expect(rows).toEqual([
      { item_in_session: 0, song_id: 'SOEVEN1' },
      { item_in_session: 1, song_id: 'SOSAME1' },
      { item_in_session: 2, song_id: 'SONEAR2' },
    ]);
  });
});
