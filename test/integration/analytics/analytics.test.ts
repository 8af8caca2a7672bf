import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as analytics from '#src/analytics/index.ts';
import { chartForResult, renderSvg } from '#src/charts/index.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { startFixtureWarehouse, type FixtureWarehouse } from './fixture-warehouse.ts';

let fixture: FixtureWarehouse;
let warehouse: Warehouse;

beforeAll(async () => {
  fixture = await startFixtureWarehouse();
  warehouse = fixture.warehouse;
});

afterAll(async () => {
  await fixture?.stop();
});

const run = <Row>(query: analytics.AnalyticsQuery<Row>, options?: analytics.AnalyticsOptions) =>
  analytics.runAnalytics(warehouse, query, options).then((r) => r.rows);

describe('analytics answers on a hand-made star schema', () => {
  it('top songs: plays and distinct listeners, unmatched plays left out, limit bound', async () => {
    expect(await run(analytics.topSongs)).toEqual([
      { rank: 1, title: 'One', artist: 'Alpha', plays: 4, listeners: 2 },
      { rank: 2, title: 'Three', artist: 'Beta', plays: 2, listeners: 1 },
      { rank: 3, title: 'Two', artist: 'Alpha', plays: 1, listeners: 1 },
    ]);
    expect((await run(analytics.topSongs, { limit: 2 })).map((r) => r.title)).toEqual(['One', 'Three']);
  });

  it('top artists', async () => {
    expect(await run(analytics.topArtists)).toEqual([
      { rank: 1, artist: 'Alpha', plays: 5, songs: 2, listeners: 2 },
      { rank: 2, artist: 'Beta', plays: 2, songs: 1, listeners: 1 },
    ]);
  });

  it('most active users, with name and current level; ties by user id', async () => {
    expect(await run(analytics.mostActiveUsers)).toEqual([
      { rank: 1, user_id: '1', first_name: 'Ann', last_name: 'Lee', level: 'paid', plays: 4, sessions: 3 },
      { rank: 2, user_id: '2', first_name: 'Bob', last_name: 'Ray', level: 'free', plays: 2, sessions: 1 },
      { rank: 3, user_id: '3', first_name: 'Cat', last_name: 'Kim', level: 'free', plays: 2, sessions: 2 },
    ]);
  });

  it('plays by hour of day', async () => {
    expect(await run(analytics.playsByHour)).toEqual([
      { hour: 8, plays: 2, listeners: 2, share_pct: 25 },
      { hour: 10, plays: 3, listeners: 2, share_pct: 37.5 },
      { hour: 11, plays: 2, listeners: 2, share_pct: 25 },
      { hour: 23, plays: 1, listeners: 1, share_pct: 12.5 },
    ]);
  });

  it('plays by weekday, 0 = Sunday', async () => {
    expect(await run(analytics.playsByWeekday)).toEqual([
      { weekday: 0, weekday_name: 'Sunday', plays: 3, listeners: 1, share_pct: 37.5 },
      { weekday: 1, weekday_name: 'Monday', plays: 3, listeners: 2, share_pct: 37.5 },
      { weekday: 2, weekday_name: 'Tuesday', plays: 2, listeners: 2, share_pct: 25 },
    ]);
  });

  it('paid vs free share of plays, by the level at the time of the play', async () => {
    expect(await run(analytics.levelShare)).toEqual([
      { level: 'free', plays: 5, users: 3, share_pct: 62.5 },
      { level: 'paid', plays: 3, users: 2, share_pct: 37.5 },
    ]);
  });

  it('top locations', async () => {
    expect(await run(analytics.topLocations)).toEqual([
      { rank: 1, location: 'Austin, TX', plays: 6, listeners: 2 },
      { rank: 2, location: 'Boston, MA', plays: 2, listeners: 1 },
    ]);
  });

  it('plays, listeners and sessions per day, days as UTC text', async () => {
    expect(await run(analytics.dailyPlays)).toEqual([
      { day: '2018-11-04', plays: 3, listeners: 1, sessions: 2 },
      { day: '2018-11-05', plays: 3, listeners: 2, sessions: 2 },
      { day: '2018-11-06', plays: 2, listeners: 2, sessions: 2 },
    ]);
  });

  it('songs per session', async () => {
    expect(await run(analytics.songsPerSession)).toEqual([
      { sessions: 6, plays: 8, avg_songs_per_session: 1.33, median_songs_per_session: 1, max_songs_per_session: 2 },
    ]);
  });

  it('browser and operating system shares from the user agent', async () => {
    expect(await run(analytics.browserShare)).toEqual([
      { browser: 'Chrome', plays: 3, users: 1, share_pct: 37.5 },
      { browser: 'Firefox', plays: 2, users: 1, share_pct: 25 },
      { browser: 'Safari', plays: 2, users: 1, share_pct: 25 },
      { browser: 'Chromium', plays: 1, users: 1, share_pct: 12.5 },
    ]);
    expect(await run(analytics.osShare)).toEqual([
      { os: 'Mac OS X', plays: 3, users: 1, share_pct: 37.5 },
      { os: 'iOS', plays: 2, users: 1, share_pct: 25 },
      { os: 'Windows', plays: 2, users: 1, share_pct: 25 },
      { os: 'Linux', plays: 1, users: 1, share_pct: 12.5 },
    ]);
  });

  it('free to paid conversion, time to upgrade and downgrades, read from user_level_history', async () => {
    expect(await run(analytics.freeToPaidConversion)).toEqual([
      {
        users: 3,
        started_free: 2,
        started_paid: 1,
        upgraded: 1,
        conversion_pct: 50,
        downgraded: 1,
        // user 1: free from 10:00, paid from 23:30 the same day = 13.5 hours
        avg_days_to_upgrade: 0.56,
        median_days_to_upgrade: 0.56,
      },
    ]);
    expect(await run(analytics.freeToPaidUsers)).toEqual([
      {
        user_id: '1',
        first_name: 'Ann',
        last_name: 'Lee',
        first_level: 'free',
        current_level: 'paid',
        free_plays: 2,
        paid_plays: 2,
        upgrades: 1,
        downgrades: 0,
        free_since: '2018-11-04 10:00:00',
        first_upgrade: '2018-11-04 23:30:00',
        days_to_upgrade: 0.56,
      },
      {
        user_id: '3',
        first_name: 'Cat',
        last_name: 'Kim',
        first_level: 'paid',
        current_level: 'free',
        free_plays: 1,
        paid_plays: 1,
        upgrades: 0,
        downgrades: 1,
        free_since: '2018-11-06 08:15:00',
        first_upgrade: null,
        days_to_upgrade: null,
      },
    ]);
  });

  it('counts only the plays and level changes inside a --from/--to window of UTC days', async () => {
    const fromNov5 = { from: '2018-11-05' };
    expect(await run(analytics.topSongs, fromNov5)).toEqual([
      { rank: 1, title: 'One', artist: 'Alpha', plays: 2, listeners: 2 },
      { rank: 2, title: 'Three', artist: 'Beta', plays: 2, listeners: 1 },
    ]);
    // user 1 is paid all through the window (upgraded before it), user 2 free, user 3 paid then free.
    expect(await run(analytics.freeToPaidConversion, fromNov5)).toEqual([
      { users: 3, started_free: 1, started_paid: 2, upgraded: 0, conversion_pct: 0, downgraded: 1, avg_days_to_upgrade: null, median_days_to_upgrade: null },
    ]);
    const nov4 = { from: '2018-11-04', to: '2018-11-04' };
    expect(await run(analytics.dailyPlays, nov4)).toEqual([{ day: '2018-11-04', plays: 3, listeners: 1, sessions: 2 }]);
    expect(await run(analytics.freeToPaidConversion, nov4)).toEqual([
      { users: 1, started_free: 1, started_paid: 0, upgraded: 1, conversion_pct: 100, downgraded: 0, avg_days_to_upgrade: 0.56, median_days_to_upgrade: 0.56 },
    ]);
    const result = await analytics.runAnalytics(warehouse, analytics.topSongs, { ...nov4, limit: 1 });
    expect(result.parameters).toEqual({ from: '2018-11-04', to: '2018-11-04', limit: 1 });
    expect(result.rows).toEqual([{ rank: 1, title: 'One', artist: 'Alpha', plays: 2, listeners: 1 }]);
  });

  it('refuses a day that is not YYYY-MM-DD, or a window that ends before it starts, before querying', async () => {
    await expect(run(analytics.topSongs, { from: '2018-11-31' })).rejects.toThrow(/from must be a day as YYYY-MM-DD, got '2018-11-31'/);
    await expect(run(analytics.topSongs, { to: '11/05/2018' })).rejects.toThrow(/to must be a day/);
    await expect(run(analytics.topSongs, { from: '2018-11-06', to: '2018-11-05' })).rejects.toThrow(/from \(2018-11-06\) is after to \(2018-11-05\)/);
  });

  it('runs every query in catalog order, and each charted one renders', async () => {
    const results = await analytics.runAllAnalytics(warehouse);
    expect(results.map((r) => r.name)).toEqual(analytics.ANALYTICS.map((q) => q.name));
    for (const result of results) {
      expect(result.rows.length).toBeGreaterThan(0);
      const chart = chartForResult(result);
      if (chart) expect(await renderSvg(chart)).toMatch(/^<svg/);
    }
  });

  it('names the file and shows the SQL when a query fails', async () => {
    await warehouse.query('ALTER TABLE time RENAME TO time_renamed');
    try {
      await expect(run(analytics.playsByHour)).rejects.toThrow(/analytics\/plays_by_hour[\s\S]*JOIN time/);
    } finally {
      await warehouse.query('ALTER TABLE time_renamed RENAME TO time');
    }
  });
});

describe('analytics on empty tables', () => {
  it('answers without failing: no rows, or one row of zeros and nulls', async () => {
    await warehouse
      .transaction(async (session) => {
        await session.query('DELETE FROM songplays');
        await session.query('DELETE FROM user_level_history');
        const inTransaction = { dialect: warehouse.dialect, query: session.query.bind(session) };
        const conversion = await analytics.runAnalytics(inTransaction, analytics.freeToPaidConversion);
        expect(conversion.rows).toEqual([
          {
            users: 0,
            started_free: null,
            started_paid: null,
            upgraded: null,
            conversion_pct: null,
            downgraded: null,
            avg_days_to_upgrade: null,
            median_days_to_upgrade: null,
          },
        ]);
        expect((await analytics.runAnalytics(inTransaction, analytics.topSongs)).rows).toEqual([]);
        expect((await analytics.runAnalytics(inTransaction, analytics.songsPerSession)).rows[0]).toMatchObject({ sessions: 0 });
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    expect((await run(analytics.levelShare)).length).toBe(2);
  });
});

class RollBack extends Error {}
