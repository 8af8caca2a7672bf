import { describe, expect, it } from 'vitest';
import { redshiftAdapter } from '#src/dialect/index.ts';
import { songplays, STAGING_TABLES, STAR_TABLES } from '#src/schema/tables.ts';
import { readSql, sqlFileFor } from '#src/sql/sql-files.ts';
import { SQL_FILES, type SqlName } from '#src/sql/generated/sql-files.ts';
import type { QueryResult, Queryable } from '#src/warehouse/types.ts';

describe('the Redshift variants of the transform SELECTs', () => {
  const withVariants = (Object.entries(SQL_FILES) as [SqlName, readonly string[]][]).filter(
    ([name, variants]) => name.startsWith('transform/') && variants.includes('redshift'),
  );

  it('exist exactly for the models whose text ordering decides a row', () => {
    expect(withVariants.map(([name]) => name).sort()).toEqual(['transform/artists', 'transform/songplays', 'transform/songs']);
  });

  it.each(withVariants.map(([name]) => name))(
    '%s: the Redshift file is the PostgreSQL one without COLLATE "C" (binary order is already Redshift\'s)',
    (name) => {
      const postgres = readSql(name, 'postgres');
      expect(sqlFileFor(name, 'redshift')).toBe(`${name}.redshift.sql`);
      expect(postgres).toContain('COLLATE "C"');
      expect(readSql(name, 'redshift')).toBe(postgres.replaceAll(' COLLATE "C"', ''));
    },
  );

  it('songplays matches title and artist without trailing spaces on both engines', () => {
    for (const dialect of ['postgres', 'redshift'] as const) {
      const sql = readSql('transform/songplays', dialect);
      expect(sql).toContain('ON RTRIM(staging_songs.title) = RTRIM(plays.song)');
      expect(sql).toContain('AND RTRIM(staging_songs.artist_name) = RTRIM(plays.artist)');
    }
  });
});

describe('the Redshift adapter after a commit', () => {
  it('vacuums (DELETE ONLY) and analyzes every table it is given, outside any transaction', async () => {
    const sent: string[] = [];
    const warehouse: Queryable = {
      query: async <R>(sql: string) => {
        sent.push(sql.replace(/^(--[^\n]*\n)+/, ''));
        return { rows: [], rowCount: 0 } as QueryResult<R>;
      },
    };
    await redshiftAdapter.afterPublish(warehouse, [...STAGING_TABLES, songplays]);
    expect(sent).toEqual([
      'VACUUM DELETE ONLY "staging_events"',
      'ANALYZE "staging_events"',
      'VACUUM DELETE ONLY "staging_songs"',
      'ANALYZE "staging_songs"',
      'VACUUM DELETE ONLY "songplays"',
      'ANALYZE "songplays"',
    ]);
    expect(STAR_TABLES.every((t) => t.redshift !== undefined)).toBe(true);
  });
});
