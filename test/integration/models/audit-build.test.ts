import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '#src/dialect/index.ts';
import { silentLogger } from '#src/logger.ts';
import type { Model } from '#src/models/model.ts';
import { STAR_MODELS } from '#src/models/star-models.ts';
import { AUDIT_SCHEMA, buildAudit } from '#src/models/write-audit-publish.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import type { Session, Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * The audit build on PostgreSQL writes its models in two lanes, each a transaction on its own
 * connection, committed only once every lane has written; with one lane (as on Redshift) it is one
 * transaction. Same tables either way; a failing lane rolls every lane back and its error is thrown.
 */
describe('the audit build in lanes', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  const oneLane = { ...postgresAdapter, auditBuildLanes: 1 };
  /** A model whose table create-tables never made: its CREATE TABLE ... (LIKE no_such_table) fails. */
  const broken: Model = {
    table: { name: 'no_such_table', layer: 'dimension', description: 'missing', columns: [{ name: 'x', type: { kind: 'integer' } }] },
    select: 'transform/users',
    reads: 'staging_songs',
  };

  async function auditRows(): Promise<Record<string, string[]>> {
    const tables: Record<string, string[]> = {};
    for (const { table } of STAR_MODELS) {
      const { rows } = await warehouse.query<{ r: string }>(`SELECT t::text AS r FROM "${AUDIT_SCHEMA}"."${table.name}" AS t ORDER BY 1`);
      tables[table.name] = rows.map((row) => row.r);
    }
    return tables;
  }
  async function auditTables(): Promise<string[]> {
    const { rows } = await warehouse.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [
      AUDIT_SCHEMA,
    ]);
    return rows.map((row) => row.name);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    await warehouse.query(
      `INSERT INTO staging_events (page, user_id, first_name, level, ts, session_id, item_in_session, song, artist, length) VALUES
       ('NextSong', '1', 'Ada', 'free', '2018-11-01 21:01:46', 1, 0, 'Song A', 'Band', 200),
       ('NextSong', '1', 'Ada', 'paid', '2018-11-01 21:05:52', 1, 1, 'Unknown', 'Nobody', 100),
       ('Home', '2', 'Bo', 'free', '2018-11-02 01:25:34', 2, 0, NULL, NULL, NULL)`,
    );
    await warehouse.query(
      "INSERT INTO staging_songs (song_id, title, artist_id, artist_name, duration, year) VALUES ('SOA', 'Song A', 'ARB', 'Band', 200, 2001), ('SOB', 'Song B', 'ARB', 'Band', 180, 0)",
    );
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  it('writes every model, each lane in order, into the same tables a one-lane build writes', async () => {
    const heard: string[] = [];
    const writes = await buildAudit(warehouse, postgresAdapter, STAR_MODELS, (write) => heard.push(write.model.table.name));
    expect(writes.map((write) => write.model)).toEqual(STAR_MODELS);
    expect(writes.map((write) => write.result.rowCount)).toEqual([2, 3, 1, 2, 2, 2]);
    expect(heard.filter((name) => ['users', 'user_level_history', 'time', 'songplays'].includes(name))).toEqual([
      'users',
      'user_level_history',
      'time',
      'songplays',
    ]);
    expect(heard.filter((name) => ['artists', 'songs'].includes(name))).toEqual(['artists', 'songs']);
    const inLanes = await auditRows();
    await buildAudit(warehouse, oneLane, STAR_MODELS);
    expect(await auditRows()).toEqual(inLanes);
    expect(inLanes.songplays?.some((row) => row.includes('SOA'))).toBe(true);
  });

  it('a failing lane rolls every lane back, the finished one included, and its error is thrown', async () => {
    const events = STAR_MODELS.filter((model) => model.reads === 'staging_events');
    await buildAudit(warehouse, postgresAdapter, STAR_MODELS);
    // The events lane writes four models; the failing one fails at once.
    await expect(buildAudit(warehouse, postgresAdapter, [broken, ...events])).rejects.toThrow(/no_such_table/);
    expect(await auditTables()).toEqual(['artists', 'songs']);
    // A lane that finished first waits for the others: here the failing lane is the slow one.
    const slow: Model = { ...broken, reads: 'staging_events' };
    const songsModels = STAR_MODELS.filter((model) => model.reads === 'staging_songs');
    await warehouse.query(`DROP SCHEMA ${AUDIT_SCHEMA} CASCADE`);
    await expect(buildAudit(warehouse, postgresAdapter, [...songsModels, ...events, slow])).rejects.toThrow(/no_such_table/);
    expect(await auditTables()).toEqual([]);
  });

  it('no lane writes before every lane has its connection: one that cannot connect stops the build before any model', async () => {
    const labels: string[] = [];
    let transactions = 0;
    // The first transaction prepares the schema; of the two lanes', the second cannot connect.
    const flaky = Object.create(warehouse) as Warehouse;
    flaky.transaction = async <T>(work: (session: Session) => Promise<T>): Promise<T> => {
      if (++transactions === 3) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('cannot connect: the server closed the connection while it was being set up');
      }
      return warehouse.transaction((session) => work({ query: (text, values, label) => (labels.push(label ?? text), session.query(text, values, label)) }));
    };
    await expect(buildAudit(flaky, postgresAdapter, STAR_MODELS)).rejects.toThrow(/cannot connect/);
    expect(labels.filter((label) => label.startsWith('transform/') || label.startsWith(`create ${AUDIT_SCHEMA}.`))).toEqual([]);
  });

  it('with one lane the build is one transaction: a failure leaves the previous audit tables as they were', async () => {
    await buildAudit(warehouse, oneLane, STAR_MODELS);
    const before = await auditRows();
    await expect(buildAudit(warehouse, oneLane, [...STAR_MODELS, broken])).rejects.toThrow(/no_such_table/);
    expect(await auditRows()).toEqual(before);
  });
});
