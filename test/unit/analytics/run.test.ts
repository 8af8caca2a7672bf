import { describe, expect, it } from 'vitest';
import { QueryError } from '#src/errors.ts';
import { AnalyticsError, runAnalytics, playWindow, topSongs, playsByHour, type AnalyticsClient } from '#src/analytics/index.ts';
import { postgresAdapter } from '#src/dialect/index.ts';
import type { Dialect } from '#src/schema/types.ts';
import { loadSql } from '#src/sql/sql-files.ts';

const ALL_TIME = playWindow({});

/** Records what it was asked and answers with fixed rows (no database: this is about the runner). */
function recordingClient(rows: object[], fields?: string[], dialect: Dialect = 'postgres') {
  const calls: { sql: string; values: readonly unknown[] | undefined; label: string | undefined }[] = [];
  const client: AnalyticsClient = {
    dialect,
    async query<R>(sql: string, values?: readonly unknown[], label?: string) {
      calls.push({ sql, values, label });
      return { rows: rows as R[], fields: fields?.map((name) => ({ name })) };
    },
  };
  return { client, calls };
}

describe('runAnalytics', () => {
  it('binds the window as $1, $2 and the limit as $3, labels the statement, and returns the rows as they came', async () => {
    const rows = [{ rank: 1, title: 'One', artist: 'A', plays: 4, listeners: 2 }];
    const { client, calls } = recordingClient(rows, ['rank', 'title', 'artist', 'plays', 'listeners']);
    const result = await runAnalytics(client, topSongs, { limit: 3 });
    expect(calls).toEqual([
      { sql: loadSql('analytics/top_songs', { dialect: postgresAdapter.sqlText }), values: [ALL_TIME.from, ALL_TIME.to, 3], label: 'analytics/top_songs' },
    ]);
    expect(result).toMatchObject({ name: 'top_songs', title: 'Top songs', parameters: { limit: 3 }, rows });
    expect(result.columns).toEqual(['rank', 'title', 'artist', 'plays', 'listeners']);
  });

  it('breaks ranking ties in byte order through the client\'s dialect: COLLATE "C" on PostgreSQL, nothing on Redshift', async () => {
    const onPostgres = recordingClient([], undefined, 'postgres');
    const onRedshift = recordingClient([], undefined, 'redshift');
    await runAnalytics(onPostgres.client, topSongs);
    await runAnalytics(onRedshift.client, topSongs);
    expect(onPostgres.calls[0]!.sql).toContain('ORDER BY p.plays DESC, s.title COLLATE "C", a.name COLLATE "C", s.song_id COLLATE "C")');
    expect(onRedshift.calls[0]!.sql).toContain('ORDER BY p.plays DESC, s.title, a.name, s.song_id)');
    expect(onRedshift.calls[0]!.sql).not.toContain('COLLATE');
  });

  it('uses the default limit, and binds only the window for queries without a limit', async () => {
    const { client, calls } = recordingClient([]);
    await runAnalytics(client, topSongs);
    await runAnalytics(client, playsByHour);
    expect(calls.map((c) => c.values)).toEqual([
      [ALL_TIME.from, ALL_TIME.to, 10],
      [ALL_TIME.from, ALL_TIME.to],
    ]);
  });

  it('binds --from and --to as UTC timestamps, the last day included', async () => {
    const { client, calls } = recordingClient([]);
    const result = await runAnalytics(client, playsByHour, { from: '2018-11-10', to: '2018-11-30' });
    expect(calls[0]!.values).toEqual(['2018-11-10 00:00:00', '2018-12-01 00:00:00']);
    expect(result.parameters).toEqual({ from: '2018-11-10', to: '2018-11-30' });
    expect(playWindow({ to: '2016-02-28' }).to).toBe('2016-02-29 00:00:00');
  });

  it.each([['2018-02-30'], ['2018-1-05'], ['yesterday'], ['']])('rejects the day %j before touching the warehouse', async (day) => {
    const { client, calls } = recordingClient([]);
    await expect(runAnalytics(client, playsByHour, { from: day })).rejects.toThrow(/from must be a day as YYYY-MM-DD/);
    expect(calls).toEqual([]);
  });

  it('takes column names from the rows when the client reports no fields', async () => {
    const { client } = recordingClient([{ hour: 3, plays: 1, listeners: 1, share_pct: 100 }]);
    const result = await runAnalytics(client, playsByHour);
    expect(result.columns).toEqual(['hour', 'plays', 'listeners', 'share_pct']);
  });

  it.each([0, -1, 2.5, 1001, Number.NaN])('rejects limit %s before touching the warehouse', async (limit) => {
    const { client, calls } = recordingClient([]);
    await expect(runAnalytics(client, topSongs, { limit })).rejects.toThrow(AnalyticsError);
    expect(calls).toEqual([]);
  });

  it('wraps a bare driver error with the file and the SQL, keeping the cause', async () => {
    const cause = Object.assign(new Error('relation "songplays" does not exist'), { code: '42P01', position: '1' });
    const client: AnalyticsClient = { dialect: 'postgres', query: () => Promise.reject(cause) };
    const error = await runAnalytics(client, playsByHour).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toContain('sql/analytics/plays_by_hour.sql');
    expect((error as QueryError).sqlState).toBe('42P01');
    expect((error as QueryError).cause).toBe(cause);
  });
});
