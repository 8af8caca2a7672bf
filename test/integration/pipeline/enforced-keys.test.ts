import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresAdapter } from '#src/dialect/postgres.ts';
import { redshiftAdapter } from '#src/dialect/redshift.ts';
import { silentLogger } from '#src/logger.ts';
import { dataChecks, runChecks } from '#src/pipeline/checks.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { STAR_TABLES } from '#src/schema/tables.ts';
import type { Queryable, Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * Uniqueness and reference checks that PostgreSQL answers through the keys it enforces (a unique index
 * on NOT NULL columns, a validated foreign key), on an audit-like schema: the foreign keys are added
 * by the checks themselves; whenever the rows break a key, the check's own query runs and names them.
 */
const SCHEMA = 'keyed';

describe('checks answered by the keys PostgreSQL enforces', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  const sql = (text: string, values: unknown[] = []) => warehouse.query(text, values);

  /** The warehouse, recording the label of every statement run through it. */
  function recording(): { queryable: Queryable; labels: string[] } {
    const labels: string[] = [];
    const queryable: Queryable = {
      query: (text, values, label) => {
        labels.push(label ?? text);
        return warehouse.query(text, values, label);
      },
    };
    return { queryable, labels };
  }

  const keyChecks = () => dataChecks(STAR_TABLES, SCHEMA).filter((check) => check.key !== undefined);

  async function constraints(): Promise<string[]> {
    const { rows } = await warehouse.query<{ c: string }>(
      `SELECT conrelid::regclass::text || ' ' || conname || ' ' || convalidated AS c FROM pg_constraint
       WHERE contype = 'f' AND connamespace = $1::regnamespace ORDER BY 1`,
      [SCHEMA],
    );
    return rows.map((row) => row.c);
  }

  /** Every star table again in SCHEMA, NOT NULLs and all, no keys (as the audit build makes them), with consistent rows. */
  async function auditLike(options: { duplicateArtist?: boolean; missingArtist?: boolean } = {}) {
    await sql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await sql(`CREATE SCHEMA ${SCHEMA}`);
    for (const table of STAR_TABLES) await sql(`CREATE TABLE ${SCHEMA}.${table.name} (LIKE public.${table.name})`);
    await sql(`INSERT INTO ${SCHEMA}.users (user_id, level) VALUES ('1', 'free')`);
    await sql(`INSERT INTO ${SCHEMA}.user_level_history (user_id, level, valid_from) VALUES ('1', 'free', '2018-11-01')`);
    await sql(`INSERT INTO ${SCHEMA}.artists (artist_id, name) VALUES ('AR1', 'One')`);
    if (options.duplicateArtist) await sql(`INSERT INTO ${SCHEMA}.artists (artist_id, name) VALUES ('AR1', 'Uno')`);
    await sql(`INSERT INTO ${SCHEMA}.songs (song_id, title, artist_id) VALUES ('SO1', 'Song', 'AR1')`);
    if (options.missingArtist) await sql(`INSERT INTO ${SCHEMA}.songs (song_id, title, artist_id) VALUES ('SO2', 'Other', 'AR9')`);
    await sql(`INSERT INTO ${SCHEMA}.time (start_time, hour, day, week, month, year, weekday) VALUES ('2018-11-01 21:01:46', 21, 1, 44, 11, 2018, 4)`);
    await sql(
      `INSERT INTO ${SCHEMA}.songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, item_in_session)
       VALUES (1, '2018-11-01 21:01:46', '1', 'free', 'SO1', 'AR1', 1, 0)`,
    );
    await warehouse.transaction((session) => postgresAdapter.buildAuditKeys(session, STAR_TABLES, SCHEMA));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await sql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  });

  it('on consistent rows, every uniqueness and reference check passes without its query, and leaves the foreign keys validated', async () => {
    await auditLike();
    const { queryable, labels } = recording();
    const results = await runChecks(queryable, keyChecks(), postgresAdapter);
    expect(results.length).toBeGreaterThan(10);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(labels.filter((label) => label.startsWith('check '))).toEqual([]);
    expect(await constraints()).toEqual([
      'keyed.songplays songplays_artist_id_fkey true',
      'keyed.songplays songplays_song_id_fkey true',
      'keyed.songplays songplays_start_time_fkey true',
      'keyed.songplays songplays_user_id_fkey true',
      'keyed.songs songs_artist_id_fkey true',
      'keyed.user_level_history user_level_history_user_id_fkey true',
    ]);
    // A second run finds them and adds nothing.
    const again = recording();
    expect((await runChecks(again.queryable, keyChecks(), postgresAdapter)).every((r) => r.passed)).toBe(true);
    expect(again.labels.filter((label) => label.startsWith('add '))).toEqual([]);
  });

  it('a song whose artist is missing: no foreign key is added, and the reference check names the value', async () => {
    await auditLike({ missingArtist: true });
    const results = await runChecks(warehouse, keyChecks(), postgresAdapter);
    expect(results.filter((r) => !r.passed)).toEqual([
      { name: 'relationships songs.artist_id -> artists.artist_id', passed: false, failingRows: 1, sample: [{ missing_value: 'AR9', occurrences: 1 }] },
    ]);
    expect(await constraints()).not.toContain('keyed.songs songs_artist_id_fkey true');
    expect(await constraints()).toContain('keyed.songplays songplays_song_id_fkey true');
  });

  it('a duplicated artist id: no key index, so its uniqueness check runs and fails, and the references to it are checked by their queries', async () => {
    await auditLike({ duplicateArtist: true });
    const { queryable, labels } = recording();
    const results = await runChecks(queryable, keyChecks(), postgresAdapter);
    expect(results.filter((r) => !r.passed)).toEqual([
      { name: 'unique artists(artist_id)', passed: false, failingRows: 1, sample: [{ artist_id: 'AR1', occurrences: 2 }] },
    ]);
    expect(labels).toContain('check relationships songs.artist_id -> artists.artist_id');
    expect(labels).toContain('check relationships songplays.artist_id -> artists.artist_id');
    expect(await constraints()).not.toContain('keyed.songs songs_artist_id_fkey true');
  });

  it('on the published tables (no establish), a missing foreign key is not added: the query runs', async () => {
    await sql('ALTER TABLE songs DROP CONSTRAINT songs_artist_id_fkey');
    try {
      await sql("INSERT INTO artists (artist_id, name) VALUES ('AR1', 'One')");
      await sql("INSERT INTO songs (song_id, title, artist_id) VALUES ('SO1', 'Song', 'AR1'), ('SO2', 'Other', 'AR9')");
      const checks = dataChecks(STAR_TABLES).filter((check) => check.name.startsWith('relationships songs.') || check.name.startsWith('unique songs'));
      const { queryable, labels } = recording();
      const results = await runChecks(queryable, checks, postgresAdapter);
      expect(results.map((r) => [r.name, r.passed, r.failingRows])).toEqual([
        ['unique songs(song_id)', true, 0],
        ['relationships songs.artist_id -> artists.artist_id', false, 1],
      ]);
      expect(labels.filter((label) => label.startsWith('add ') || label === 'check unique songs(song_id)')).toEqual([]);
      const { rows } = await warehouse.query("SELECT 1 FROM pg_constraint WHERE conname = 'songs_artist_id_fkey'");
      expect(rows).toEqual([]);
    } finally {
      await sql('TRUNCATE songplays, songs, artists');
      await sql('ALTER TABLE songs ADD CONSTRAINT songs_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES artists (artist_id)');
    }
  });

  it('trusts no foreign key whose triggers are disabled and no unique index on a column that may be NULL', async () => {
    await auditLike();
    expect((await runChecks(warehouse, keyChecks(), postgresAdapter)).every((r) => r.passed)).toBe(true);
    const songsKey = dataChecks(STAR_TABLES, SCHEMA).find((check) => check.name === 'relationships songs.artist_id -> artists.artist_id')!.key!;
    if (songsKey.kind !== 'foreign key') throw new Error('songs.artist_id is a reference');
    expect(await postgresAdapter.enforceKey(warehouse, songsKey)).toBe(true);
    await sql(`ALTER TABLE ${SCHEMA}.songs DISABLE TRIGGER ALL`);
    expect(await postgresAdapter.enforceKey(warehouse, { ...songsKey, establish: false })).toBe(false);
    await sql(`CREATE UNIQUE INDEX songs_title_key ON ${SCHEMA}.songs (title)`);
    expect(await postgresAdapter.enforceKey(warehouse, { kind: 'unique', table: { schema: SCHEMA, name: 'songs' }, columns: ['title'] })).toBe(false);
    expect(await postgresAdapter.enforceKey(warehouse, { kind: 'unique', table: { schema: SCHEMA, name: 'songs' }, columns: ['song_id'] })).toBe(true);
    expect(await postgresAdapter.enforceKey(warehouse, { kind: 'unique', table: { schema: SCHEMA, name: 'songs' }, columns: ['song_id', 'title'] })).toBe(
      false,
    );
  });

  it('Redshift enforces no key: every check runs its query', async () => {
    await auditLike();
    const { queryable, labels } = recording();
    await runChecks(queryable, keyChecks(), redshiftAdapter);
    expect(labels.filter((label) => label.startsWith('check ')).length).toBe(keyChecks().length);
  });
});
