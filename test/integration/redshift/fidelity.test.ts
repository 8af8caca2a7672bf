import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalytics, topArtists, topLocations, topSongs } from '#src/analytics/index.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * Redshift's SQL rules, held on the postgres engine (no cluster is reachable here): text ties are
 * broken in byte order whatever the server's collation, in the transforms and in the analytics alike,
 * and a title or name that differs only by trailing spaces still matches, as Redshift's VARCHAR
 * comparison ignores them.
 *
 * The database is created with a linguistic (ICU) default collation, as a server initialised with a
 * user's locale (en_US.UTF-8) has one: there 'alpha' sorts before 'Beta'; in byte order 'B' (0x42)
 * comes first. (This machine has no en_US locale for the C library; ICU's root locale orders alike.)
 */
describe('Redshift fidelity rules on the postgres engine', () => {
  let db: TestDatabase;
  let data: Dataset;
  let warehouse: Warehouse;

  beforeAll(async () => {
    data = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': ndjson([
          // The catalog title ends in two spaces, the event's does not: Redshift matches them.
          play({ song: 'Spaced Out', artist: 'Trail', length: 200.0, sessionId: 1, itemInSession: 0, userId: '1', level: 'free', ts: 1541100000000 }),
          // The event's artist ends in a space, the catalog's does not.
          play({ song: 'Plain', artist: 'Trail ', length: 100.0, sessionId: 1, itemInSession: 1, userId: '1', level: 'free', ts: 1541100001000 }),
          // Two songs equally close: the smaller song_id in byte order wins (SOZ_B before SOZ_a).
          play({ song: 'Even', artist: 'Trail', length: 300.0, sessionId: 1, itemInSession: 2, userId: '1', level: 'free', ts: 1541100002000 }),
          // One play each of two more artists' songs, from two more places: ties for the rankings.
          play({
            song: 'apple tune',
            artist: 'apple',
            length: 100.0,
            sessionId: 1,
            itemInSession: 3,
            userId: '1',
            level: 'free',
            ts: 1541100003000,
            location: 'austin, TX',
          }),
          play({
            song: 'Banana tune',
            artist: 'Banana',
            length: 100.0,
            sessionId: 1,
            itemInSession: 4,
            userId: '1',
            level: 'free',
            ts: 1541100004000,
            location: 'Boston, MA',
          }),
        ]),
      },
      songFiles: {
        'A/A/A/TRAAA1.json': JSON.stringify(song({ song_id: 'SOSPACE', title: 'Spaced Out  ', artist_name: 'Trail', artist_id: 'ARTRAIL', duration: 200.0 })),
        'A/A/A/TRAAA2.json': JSON.stringify(song({ song_id: 'SOPLAIN', title: 'Plain', artist_name: 'Trail', artist_id: 'ARTRAIL', duration: 100.0 })),
        'A/A/A/TRAAA3.json': JSON.stringify(song({ song_id: 'SOZ_a', title: 'Even', artist_name: 'Trail', artist_id: 'ARTRAIL', duration: 299.0 })),
        'A/A/A/TRAAA4.json': JSON.stringify(song({ song_id: 'SOZ_B', title: 'Even', artist_name: 'Trail', artist_id: 'ARTRAIL', duration: 301.0 })),
        'A/C/A/TRACA1.json': JSON.stringify(song({ song_id: 'SOAPPLE', title: 'apple tune', artist_name: 'apple', artist_id: 'ARAPPLE', duration: 100.0 })),
        'A/C/A/TRACA2.json': JSON.stringify(song({ song_id: 'SOBANANA', title: 'Banana tune', artist_name: 'Banana', artist_id: 'ARBANANA', duration: 100.0 })),
        // One artist id, two names, neither with coordinates or a location: the smallest name wins,
        // in byte order 'Beta' (0x42) before 'alpha' (0x61); a linguistic order would pick 'alpha'.
        'A/B/A/TRABA1.json': JSON.stringify(
          song({
            song_id: 'SONAME1',
            title: 'One',
            artist_name: 'alpha',
            artist_id: 'ARNAMES',
            artist_location: null,
            artist_latitude: null,
            artist_longitude: null,
          }),
        ),
        'A/B/A/TRABA2.json': JSON.stringify(
          song({
            song_id: 'SONAME2',
            title: 'Two',
            artist_name: 'Beta',
            artist_id: 'ARNAMES',
            artist_location: null,
            artist_latitude: null,
            artist_longitude: null,
          }),
        ),
      },
    });
    db = await createTestDatabase({ icuLocale: 'und' });
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    const { rows: order } = await warehouse.query<{ first: string }>("SELECT MIN(name) AS first FROM (VALUES ('alpha'), ('Beta')) AS names (name)");
    // The database really orders text differently from bytes, or the tests below would prove nothing.
    expect(order[0]!.first).toBe('alpha');
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.error).toBeUndefined();
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await data?.remove();
  });

  it("artists: the smallest name is chosen in byte order, as Redshift's binary comparison chooses it", async () => {
    const { rows } = await warehouse.query("SELECT name FROM artists WHERE artist_id = 'ARNAMES'");
    expect(rows).toEqual([{ name: 'Beta' }]);
  });

  it('songplays: a title or artist that differs only by trailing spaces matches, as on Redshift', async () => {
    const { rows } = await warehouse.query('SELECT item_in_session, song_id FROM songplays ORDER BY item_in_session');
    expect(rows.slice(0, 2)).toEqual([
      { item_in_session: 0, song_id: 'SOSPACE' },
      { item_in_session: 1, song_id: 'SOPLAIN' },
    ]);
  });

  it('songplays: of two equally close songs the smaller song_id in byte order wins', async () => {
    const { rows } = await warehouse.query('SELECT song_id FROM songplays WHERE item_in_session = 2');
    expect(rows).toEqual([{ song_id: 'SOZ_B' }]);
  });

  it('songs keep their title as written, trailing spaces included', async () => {
    const { rows } = await warehouse.query("SELECT title FROM songs WHERE song_id = 'SOSPACE'");
    expect(rows).toEqual([{ title: 'Spaced Out  ' }]);
  });

  it('top artists: a tie in plays is broken by name in byte order (Banana before apple)', async () => {
    const { rows } = await runAnalytics(warehouse, topArtists);
    expect(rows.map((r) => [r.rank, r.artist, r.plays])).toEqual([
      [1, 'Trail', 3],
      [2, 'Banana', 1],
      [3, 'apple', 1],
    ]);
  });

  it('top songs: one play each, so the order is the titles in byte order', async () => {
    const { rows } = await runAnalytics(warehouse, topSongs);
    expect(rows.map((r) => r.title)).toEqual(['Banana tune', 'Even', 'Plain', 'Spaced Out  ', 'apple tune']);
  });

  it('top locations: a tie in plays is broken by location in byte order', async () => {
    const { rows } = await runAnalytics(warehouse, topLocations);
    expect(rows.map((r) => [r.location, r.plays])).toEqual([
      ['London, UK', 3],
      ['Boston, MA', 1],
      ['austin, TX', 1],
    ]);
  });
});
