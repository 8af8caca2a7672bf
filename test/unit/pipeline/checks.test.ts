import { describe, expect, it } from 'vitest';
import { assertChecksPassed, dataChecks, DataQualityError, type CheckResult } from '#src/pipeline/checks.ts';
import { readSql } from '#src/sql/sql-files.ts';
import type { TableDefinition } from '#src/schema/types.ts';
import { ALL_CHECK_NAMES } from '../../support/data-checks.ts';

/** The checks as data (names, rendered SQL, bound values); running them is test/integration/pipeline/checks.test.ts. */
describe('dataChecks', () => {
  // Built inside each test (not while the file is collected), so that coverage per test, as StrykerJS
  // measures it, sees which tests reach dataChecks().
  const checksByName = () => new Map(dataChecks().map((check) => [check.name, check]));

  it('declares one check per key, not-null key column, reference and accepted-values list, then the reconciliations', () => {
    expect([...checksByName().keys()]).toEqual(ALL_CHECK_NAMES);
  });

  it('renders unique over every column of a composite key', () => {
    expect(checksByName().get('unique songplays(session_id, item_in_session)')).toEqual({
      name: 'unique songplays(session_id, item_in_session)',
      sql: '-- Key values that occur more than once.\nSELECT "session_id", "item_in_session", COUNT(*) AS occurrences\nFROM "songplays"\nGROUP BY "session_id", "item_in_session"\nHAVING COUNT(*) > 1',
      values: [],
      key: { kind: 'unique', table: 'songplays', columns: ['session_id', 'item_in_session'] },
    });
  });

  it('renders not_null for each primary-key column', () => {
    expect(checksByName().get('not_null users.user_id')).toEqual({
      name: 'not_null users.user_id',
      sql: '-- Rows whose key column is NULL.\nSELECT *\nFROM "users"\nWHERE "user_id" IS NULL',
      values: [],
    });
  });

  it('renders relationships from the referencing column to its target', () => {
    expect(checksByName().get('relationships songs.artist_id -> artists.artist_id')).toEqual({
      name: 'relationships songs.artist_id -> artists.artist_id',
      sql:
        '-- Values of a reference column that its target table does not hold.\n' +
        'SELECT child."artist_id" AS missing_value, COUNT(*) AS occurrences\nFROM "songs" AS child\nLEFT JOIN "artists" AS parent\n' +
        '  ON parent."artist_id" = child."artist_id"\nWHERE child."artist_id" IS NOT NULL\n  AND parent."artist_id" IS NULL\nGROUP BY child."artist_id"',
      values: [],
      key: {
        kind: 'foreign key',
        name: 'songs_artist_id_fkey',
        table: 'songs',
        column: 'artist_id',
        target: 'artists',
        targetColumn: 'artist_id',
        establish: false,
      },
    });
  });

  it('binds the accepted values as one comma-separated parameter', () => {
    const check = checksByName().get('accepted_values users.level in (free, paid)')!;
    expect(check.values).toEqual(['free,paid']);
    expect(check.sql).toContain('FROM "users"\nWHERE "level" IS NOT NULL\n');
  });

  it('reads each reconciliation from its own file, with no values, star tables in the default schema', () => {
    for (const name of ['songplays_match_next_song_events', 'time_matches_songplays', 'users_match_event_users'] as const) {
      const check = checksByName().get(name)!;
      expect(check.values).toEqual([]);
      expect(check.sql).toBe(readSql(`checks/${name}`).replace(/\{\{table:(\w+)\}\}/g, '"$1"'));
    }
  });

  it('with a schema (write-audit-publish), reads every star table from it and staging from the default schema', () => {
    for (const check of dataChecks(undefined, 'sparkify_audit')) {
      expect(check.sql).not.toMatch(/(FROM|JOIN) "?(users|artists|songs|time|songplays|user_level_history)"?(\s|\)|$)/);
      if (check.name === 'songplays_match_next_song_events') expect(check.sql).toContain('FROM "sparkify_audit"."songplays" AS songplays');
      if (check.name === 'users_match_event_users') expect(check.sql).toContain('FROM staging_events');
    }
    expect(dataChecks(undefined, 'sparkify_audit').find((c) => c.name === 'unique songplays(songplay_id)')!.sql).toContain('FROM "sparkify_audit"."songplays"');
  });

  it('builds checks for the tables it is given, skipping what a table does not declare', () => {
    const bare: TableDefinition = { name: 'plain', layer: 'dimension', description: 'no keys', columns: [{ name: 'x', type: { kind: 'integer' } }] };
    expect(dataChecks([bare]).map((c) => c.name)).toEqual(ALL_CHECK_NAMES.slice(-6));
    expect(ALL_CHECK_NAMES.slice(-6).every((name) => !name.includes(' '))).toBe(true);
  });
});

describe('assertChecksPassed', () => {
  const passed: CheckResult = { name: 'unique users(user_id)', passed: true, failingRows: 0, sample: [] };
  const failed = (name: string, failingRows: number, sample: Record<string, unknown>[]): CheckResult => ({ name, passed: false, failingRows, sample });

  it('does nothing when every check passed', () => {
    expect(() => assertChecksPassed([passed, passed])).not.toThrow();
  });

  it('throws a DataQualityError listing only the failed checks, with at most three sample rows each', () => {
    const rows = [{ user_id: '1' }, { user_id: '2' }, { user_id: '3' }, { user_id: '4' }];
    let error: unknown;
    try {
      assertChecksPassed([passed, failed('users_match_event_users', 4, rows), failed('unique time(start_time)', 1, [{ occurrences: 2 }])]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataQualityError);
    expect((error as DataQualityError).code).toBe('CHECKS_FAILED');
    expect((error as DataQualityError).message).toBe(
      '2 data-quality check(s) failed:\n' +
        '  users_match_event_users: 4 failing row(s), e.g. [{"user_id":"1"},{"user_id":"2"},{"user_id":"3"}]\n' +
        '  unique time(start_time): 1 failing row(s), e.g. [{"occurrences":2}]',
    );
    expect((error as DataQualityError).failed.map((c) => c.name)).toEqual(['users_match_event_users', 'unique time(start_time)']);
  });
});
