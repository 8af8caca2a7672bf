import { describe, expect, it } from 'vitest';
import { postgresAdapter, redshiftAdapter } from '#src/dialect/index.ts';
import { renderModelInsert } from '#src/models/full-refresh.ts';
import { STAR_MODELS } from '#src/models/star-models.ts';
import { renderCreateTable } from '#src/schema/render-ddl.ts';
import { ALL_TABLES, songplays, STAGING_TABLES, STAR_TABLES } from '#src/schema/tables.ts';
import { SQL_NAMES } from '#src/sql/generated/sql-files.ts';
import { loadSql, readSql, SQL_DIR } from '#src/sql/sql-files.ts';
import { readdirSync } from 'node:fs';
import type { QueryResult, Queryable } from '#src/warehouse/types.ts';

/** The model's INSERT as the Redshift adapter renders it, without the comment lines. */
const redshiftInsert = (table: string) => {
  const model = STAR_MODELS.find((m) => m.table.name === table)!;
  return renderModelInsert(redshiftAdapter, model).replace(/^\s*--[^\n]*\n/gm, '');
};

describe('one SQL file per statement for every engine, the byte order filled in by the dialect', () => {
  it('has no per-dialect twin in sql/ (no <name>.redshift.sql)', () => {
    const twins = readdirSync(SQL_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => /\.\w+\.sql$/.test(file));
    expect(twins).toEqual([]);
  });

  it('PostgreSQL adds COLLATE "C"; Redshift, where byte order is the default, adds nothing', () => {
    expect(postgresAdapter.sqlText.byte_order).toBe(' COLLATE "C"');
    expect(redshiftAdapter.sqlText.byte_order).toBe('');
  });

  it('the transforms whose text order decides a row say so with the placeholder', () => {
    const withByteOrder = SQL_NAMES.filter((name) => name.startsWith('transform/') && readSql(name).includes('{{dialect:byte_order}}'));
    expect(withByteOrder).toEqual(['transform/artists', 'transform/songplays', 'transform/songs']);
  });

  it("artists on Redshift: the smallest name, location and song id in Redshift's own (binary) order", () => {
    expect(redshiftInsert('artists')).toContain(`            ORDER BY
                CASE WHEN artist_latitude IS NULL OR artist_longitude IS NULL THEN 1 ELSE 0 END,
                CASE WHEN artist_location IS NULL THEN 1 ELSE 0 END,
                artist_name,
                artist_location,
                song_id
        ) AS preference`);
  });

  it('songs on Redshift: ties broken by artist id, then title, then duration', () => {
    expect(redshiftInsert('songs')).toContain('ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY artist_id, title, duration) AS preference');
  });

  it('songplays on Redshift: the closest duration, then the smallest song_id; titles and names matched without trailing spaces', () => {
    const sql = redshiftInsert('songplays');
    expect(sql).toContain('ORDER BY ABS(staging_songs.duration - plays.length), staging_songs.song_id\n');
    expect(sql).toContain('ON RTRIM(staging_songs.title) = RTRIM(plays.song)');
    expect(sql).toContain('AND RTRIM(staging_songs.artist_name) = RTRIM(plays.artist)');
  });

  it('no Redshift model text has a COLLATE or a placeholder left; each PostgreSQL one orders text with COLLATE "C"', () => {
    for (const model of STAR_MODELS) {
      const onRedshift = renderModelInsert(redshiftAdapter, model);
      expect(onRedshift.replace(/--[^\n]*\n/g, '')).not.toMatch(/COLLATE|\{\{/);
      const onPostgres = renderModelInsert(postgresAdapter, model);
      expect(onPostgres.replace(/--[^\n]*\n/g, '').replaceAll(' COLLATE "C"', '')).toBe(onRedshift.replace(/--[^\n]*\n/g, ''));
    }
    expect(loadSql('transform/songs', { dialect: postgresAdapter.sqlText })).toContain('ORDER BY artist_id COLLATE "C", title COLLATE "C", duration)');
  });
});

describe("the Redshift DDL names every table's distribution (no AUTO, so COPY runs no analysis of its own to choose one)", () => {
  it('dimensions are copied to every node (DISTSTYLE ALL), facts and time share the start_time key, staging is spread evenly', () => {
    const design = Object.fromEntries(
      ALL_TABLES.filter((t) => t.redshift).map((t) => [
        t.name,
        /\nDISTSTYLE (\w+)(\nDISTKEY \("(\w+)"\))?/
          .exec(renderCreateTable(t, redshiftAdapter.ddl))
          ?.slice(1)
          .filter((x, i) => i !== 1),
      ]),
    );
    expect(design).toMatchObject({
      users: ['ALL', undefined],
      user_level_history: ['ALL', undefined],
      artists: ['ALL', undefined],
      songs: ['ALL', undefined],
      time: ['KEY', 'start_time'],
      songplays: ['KEY', 'start_time'],
      staging_events: ['EVEN', undefined],
      staging_songs: ['EVEN', undefined],
    });
    expect(ALL_TABLES.filter((t) => t.redshift).every((t) => /\nDISTSTYLE (ALL|KEY|EVEN)\b/.test(renderCreateTable(t, redshiftAdapter.ddl)))).toBe(true);
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
