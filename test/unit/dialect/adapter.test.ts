import { describe, expect, it } from 'vitest';
import { dialectAdapter, postgresAdapter, redshiftAdapter } from '#src/dialect/index.ts';
import { fullRefresh } from '#src/models/full-refresh.ts';
import { STAR_MODELS } from '#src/models/star-models.ts';
import { STAR_TABLES } from '#src/schema/tables.ts';
import type { QueryResult, Session } from '#src/warehouse/types.ts';

/** A session that records what it is sent, in order, by label. */
function recordingSession(answer: (label: string) => Record<string, unknown>[] = () => []): { session: Session; labels: string[]; sql: string[] } {
  const labels: string[] = [];
  const sql: string[] = [];
  const session: Session = {
    async query<R>(text: string, _values?: readonly unknown[], label?: string): Promise<QueryResult<R>> {
      labels.push(label ?? '?');
      sql.push(text);
      const rows = answer(label ?? '?') as R[];
      return { rows, rowCount: rows.length };
    },
  };
  return { session, labels, sql };
}

describe('dialect adapters', () => {
  it('is chosen by the dialect name, once, with its capability flags', () => {
    expect(dialectAdapter('postgres')).toBe(postgresAdapter);
    expect(dialectAdapter('redshift')).toBe(redshiftAdapter);
    expect(postgresAdapter).toMatchObject({ transactionalTruncate: true, enforcesKeys: true, ownStagingLoader: true, publishesBySwap: true });
    expect(redshiftAdapter).toMatchObject({ transactionalTruncate: false, enforcesKeys: false, ownStagingLoader: false, publishesBySwap: false });
    expect(Object.isFrozen(postgresAdapter) && Object.isFrozen(redshiftAdapter)).toBe(true);
  });

  it('PostgreSQL: one TRUNCATE of every star table, keys dropped (foreign first) before the inserts and rebuilt (foreign last) after', async () => {
    const { session, labels, sql } = recordingSession();
    await fullRefresh.write(session, postgresAdapter, STAR_MODELS);
    expect(sql[0]).toMatch(/^TRUNCATE TABLE "users", "user_level_history", "artists", "songs", "time", "songplays"$/m);
    const firstInsert = labels.indexOf('transform/users');
    const drops = labels.slice(1, firstInsert);
    expect(drops.slice(0, 5)).toEqual([
      'drop user_level_history_user_id_fkey',
      'drop songs_artist_id_fkey',
      'drop songplays_start_time_fkey',
      'drop songplays_user_id_fkey',
      'drop songplays_song_id_fkey',
    ]);
    expect(drops).toContain('drop songplays_session_id_item_in_session_key');
    expect(labels.slice(firstInsert, firstInsert + STAR_MODELS.length)).toEqual(STAR_MODELS.map((m) => m.select));
    const adds = labels.slice(firstInsert + STAR_MODELS.length);
    expect(adds.map((l) => l.replace(/^add /, 'drop ')).sort()).toEqual([...drops].sort());
    expect(adds.at(-1)).toMatch(/_fkey$/);
    expect(adds[0]).toBe('add users_pkey');
  });

  it('Redshift: DELETE table by table, fact first, and no key changes (Redshift does not enforce keys)', async () => {
    const { session, labels, sql } = recordingSession();
    await fullRefresh.write(session, redshiftAdapter, STAR_MODELS);
    expect(labels).toEqual([...[...STAR_TABLES].reverse().map((t) => `empty ${t.name}`), ...STAR_MODELS.map((m) => m.select)]);
    expect(sql[0]).toMatch(/^DELETE FROM "songplays"$/m);
  });

  it("PostgreSQL: the audit tables get each key's unique index, named as the published constraint, each behind a savepoint", async () => {
    const { session, sql } = recordingSession();
    await postgresAdapter.buildAuditKeys(session, STAR_TABLES, 'sparkify_audit');
    const indexes = sql.filter((text) => text.includes('CREATE UNIQUE INDEX'));
    expect(indexes.map((text) => text.split('\n').at(-1))).toContain('CREATE UNIQUE INDEX "songplays_pkey" ON "sparkify_audit"."songplays" ("songplay_id")');
    expect(indexes.map((text) => text.split('\n').at(-1))).toContain(
      'CREATE UNIQUE INDEX "songplays_session_id_item_in_session_key" ON "sparkify_audit"."songplays" ("session_id", "item_in_session")',
    );
    expect(sql.filter((text) => /^SAVEPOINT /m.test(text))).toHaveLength(indexes.length);
    expect(sql.filter((text) => /^RELEASE SAVEPOINT /m.test(text))).toHaveLength(indexes.length);
    expect(sql.some((text) => text.includes('FOREIGN KEY') || text.includes('_fkey'))).toBe(false);
  });

  it('PostgreSQL: publishing by swap, a key takes over the index built for it; the others and every foreign key are built', async () => {
    const { session, sql } = recordingSession((label) => (label === 'key indexes' ? [{ name: 'users_pkey' }] : []));
    await postgresAdapter.addKeys(session, STAR_TABLES, 'public');
    const statements = sql.map((text) => text.split('\n').at(-1)!);
    expect(statements).toContain('ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY USING INDEX "users_pkey"');
    expect(statements).toContain('ALTER TABLE "songs" ADD CONSTRAINT "songs_pkey" PRIMARY KEY ("song_id")');
    expect(statements.at(-1)).toMatch(/FOREIGN KEY/);
  });

  it('PostgreSQL: publishing by swap, a foreign key the checks already added to the audit table is not added again', async () => {
    const { session, sql } = recordingSession((label) =>
      label === 'key indexes' ? [{ name: 'songs_pkey' }] : label === 'constraints already there' ? [{ name: 'songs_artist_id_fkey' }] : [],
    );
    await postgresAdapter.addKeys(session, STAR_TABLES, 'public');
    const statements = sql.map((text) => text.split('\n').at(-1)!);
    expect(statements.filter((text) => text.includes('"songs_artist_id_fkey"'))).toEqual([]);
    expect(statements).toContain('ALTER TABLE "songplays" ADD CONSTRAINT "songplays_song_id_fkey" FOREIGN KEY ("song_id") REFERENCES "songs" ("song_id")');
  });

  it("PostgreSQL: the audit build's transaction is told not to merge-join; Redshift's is told nothing", async () => {
    const postgres = recordingSession();
    await postgresAdapter.beforeBuild(postgres.session);
    expect(postgres.sql.map((text) => text.split('\n').at(-1))).toEqual(['SET LOCAL enable_mergejoin = off']);
    const redshift = recordingSession();
    await redshiftAdapter.beforeBuild(redshift.session);
    expect(redshift.sql).toEqual([]);
  });

  it('Redshift: no audit keys to build or add (no indexes; keys declared, never enforced)', async () => {
    const { session, sql } = recordingSession();
    await redshiftAdapter.buildAuditKeys(session, STAR_TABLES, 'sparkify_audit');
    await redshiftAdapter.addKeys(session, STAR_TABLES, 'public');
    expect(sql).toEqual([]);
  });

  it('spells DDL per dialect', () => {
    expect(postgresAdapter.ddl.timestampType).toBe('TIMESTAMP(3)');
    expect(redshiftAdapter.ddl.timestampType).toBe('TIMESTAMP');
    expect(postgresAdapter.ddl.tableDesign(STAR_TABLES[0]!)).toBe('');
  });
});
