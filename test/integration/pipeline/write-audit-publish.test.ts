import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { AUDIT_SCHEMA } from '#src/models/write-audit-publish.ts';
import { DataQualityError } from '#src/pipeline/checks.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import { STAR_TABLES } from '#src/schema/tables.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/sparkify.js');

const goodDay = ndjson([
  play({ song: 'Song A', artist: 'Band', length: 200, sessionId: 1, itemInSession: 0, userId: '5', level: 'free', ts: 1541100000000 }),
  play({ song: 'Unknown', artist: 'Nobody', length: 100, sessionId: 1, itemInSession: 1, userId: '5', level: 'free', ts: 1541100060000 }),
]);
// A level outside free/paid: staging accepts any text, the accepted_values checks reject it.
const badDay = ndjson([
  play({ song: 'Song A', artist: 'Band', length: 200, sessionId: 2, itemInSession: 0, userId: '6', level: 'premium', ts: 1541200000000 }),
]);

/** Write-audit-publish: a run whose checks fail publishes nothing and keeps its result for inspection. */
describe('write-audit-publish', () => {
  let db: TestDatabase;
  let data: Dataset;
  let warehouse: Warehouse;

  /** Every star table's rows, in a stable order, as text: equal snapshots mean identical tables. */
  async function snapshot(schema = 'public'): Promise<Record<string, string[]>> {
    const tables: Record<string, string[]> = {};
    for (const table of STAR_TABLES) {
      const { rows } = await warehouse.query<{ r: string }>(`SELECT t::text AS r FROM "${schema}"."${table.name}" AS t ORDER BY 1`);
      tables[table.name] = rows.map((row) => row.r);
    }
    return tables;
  }

  async function auditTables(): Promise<string[]> {
    const { rows } = await warehouse.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [
      AUDIT_SCHEMA,
    ]);
    return rows.map((row) => row.table_name);
  }

  /** The star tables' declared shape: columns (type, NOT NULL, identity) and constraints, as the catalog has them. */
  async function shape(): Promise<string[]> {
    const names = STAR_TABLES.map((table) => table.name);
    const columns = await warehouse.query<{ c: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || is_identity AS c
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name, ordinal_position`,
      [names],
    );
    const constraints = await warehouse.query<{ c: string }>(
      `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS c
       FROM pg_constraint WHERE contype IN ('p', 'u', 'f') AND conrelid::regclass::text = ANY($1) ORDER BY 1`,
      [names],
    );
    return [...columns.rows, ...constraints.rows].map((row) => row.c);
  }

  let createdShape: string[];

  /** The relation behind the name songplays: a swap publishes another table, a copy the same one. */
  async function songplaysOid(): Promise<number> {
    const { rows } = await warehouse.query<{ oid: number }>("SELECT 'songplays'::regclass::oid AS oid");
    return Number(rows[0]!.oid);
  }

  beforeAll(async () => {
    data = await writeDataset({
      logFiles: { '2018-11-01-events.json': goodDay },
      songFiles: { 'A/A/A/TRAAA1.json': JSON.stringify(song({ song_id: 'SOA', title: 'Song A', artist_name: 'Band', artist_id: 'ARB', duration: 200 })) },
    });
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    createdShape = await shape();
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await data?.remove();
  });

  it('publishes a run whose checks pass, and leaves no audit copy behind', async () => {
    const created = await songplaysOid();
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.error).toBeUndefined();
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['load staging', 'succeeded'],
      ['transform', 'succeeded'],
      ['checks', 'succeeded'],
      ['publish', 'succeeded'],
    ]);
    expect(result.steps[3]?.rows).toEqual({ users: 1, user_level_history: 1, artists: 1, songs: 1, time: 2, songplays: 2 });
    expect((await snapshot()).songplays).toHaveLength(2);
    expect(await auditTables()).toEqual([]);
    // Published by moving the audited tables in: they have exactly the shape create-tables gave.
    expect(await songplaysOid()).not.toBe(created);
    expect(createdShape.some((line) => line.startsWith('songplays songplays_pkey PRIMARY KEY'))).toBe(true);
    expect(await shape()).toEqual(createdShape);
    await expect(warehouse.query("INSERT INTO users (user_id, first_name, last_name, gender, level) VALUES ('5', 'X', 'Y', 'F', 'free')")).rejects.toThrow(
      /users_pkey/,
    );
  });

  it('keeps a view that reads a published table: the rows are copied in instead of the tables swapped', async () => {
    await warehouse.query('CREATE VIEW plays_per_user AS SELECT user_id, COUNT(*) AS plays FROM songplays GROUP BY user_id');
    const viewed = await songplaysOid();
    try {
      await writeFile(
        path.join(data.root, 'log_data', '2018', '11', '2018-11-03-events.json'),
        ndjson([play({ sessionId: 3, itemInSession: 0, userId: '5', ts: 1541300000000 })]),
      );
      const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
      expect(result.error).toBeUndefined();
      expect(result.steps[3]?.rows.songplays).toBe(3);
      expect(await songplaysOid()).toBe(viewed);
      const { rows } = await warehouse.query<{ plays: string }>('SELECT plays FROM plays_per_user');
      expect(rows.map((row) => Number(row.plays))).toEqual([3]);
      expect(await shape()).toEqual(createdShape);
      expect(await auditTables()).toEqual([]);
    } finally {
      await warehouse.query('DROP VIEW plays_per_user');
      await rm(path.join(data.root, 'log_data', '2018', '11', '2018-11-03-events.json'));
    }
    expect((await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger })).error).toBeUndefined();
    expect((await snapshot()).songplays).toHaveLength(2);
  });

  it('a failing check publishes nothing, names the check with a sample, and keeps the rejected result in the audit schema', async () => {
    const before = await snapshot();
    await writeFile(path.join(data.root, 'log_data', '2018', '11', '2018-11-02-events.json'), badDay);
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'failed', 'skipped']);
    expect(result.error).toBeInstanceOf(DataQualityError);
    const failed = (result.error as DataQualityError).failed.map((c) => c.name);
    expect(failed).toEqual([
      'accepted_values users.level in (free, paid)',
      'accepted_values user_level_history.level in (free, paid)',
      'accepted_values songplays.level in (free, paid)',
    ]);
    expect(result.error?.message).toContain('"unexpected_value":"premium"');
    expect(result.error?.message).toContain(`stays in schema ${AUDIT_SCHEMA}`);
    // The published tables are exactly as before; the audit schema holds the rejected result.
    expect(await snapshot()).toEqual(before);
    const audited = await snapshot(AUDIT_SCHEMA);
    expect(audited.songplays).toHaveLength(3);
    expect(audited.users?.some((row) => row.includes('premium'))).toBe(true);
  });

  it('a duplicated play fails the uniqueness checks (not the build of the key index), publishing nothing', async () => {
    const before = await snapshot();
    const twice = play({ sessionId: 9, itemInSession: 4, userId: '5', ts: 1541300000000 });
    const file = path.join(data.root, 'log_data', '2018', '11', '2018-11-04-events.json');
    await writeFile(file, ndjson([twice, twice]));
    try {
      const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
      expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'failed', 'skipped']);
      expect(result.error).toBeInstanceOf(DataQualityError);
      const failed = (result.error as DataQualityError).failed.map((c) => c.name);
      expect(failed).toContain('unique songplays(songplay_id)');
      expect(failed).toContain('unique songplays(session_id, item_in_session)');
      expect(result.error?.message).toContain(`"songplay_id":${9 * 2 ** 32 + 4},"occurrences":2`);
      expect(await snapshot()).toEqual(before);
    } finally {
      await rm(file);
    }
  });

  it('the CLI exits non-zero naming the failed check, and nothing is published', async () => {
    const configFile = path.join(data.root, 'dwh.cfg');
    await writeFile(configFile, db.configText(data.s3Section));
    const before = await snapshot();
    const failure = await run(process.execPath, [BIN, 'etl', '--config', configFile], { env: { ...process.env, ...db.env }, cwd: data.root }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(`${failure?.stdout}${failure?.stderr}`).toContain('accepted_values songplays.level in (free, paid)');
    expect(`${failure?.stdout}${failure?.stderr}`).toContain('premium');
    expect(`${failure?.stdout}${failure?.stderr}`).not.toMatch(/\n\s+at /);
    expect(await snapshot()).toEqual(before);
  });

  it('the next good run publishes and replaces the rejected audit copy', async () => {
    await writeFile(path.join(data.root, 'log_data', '2018', '11', '2018-11-02-events.json'), badDay.replace('premium', 'paid'));
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.error).toBeUndefined();
    const published = await snapshot();
    expect(published.songplays).toHaveLength(3);
    expect(published.users).toHaveLength(2);
    expect(await auditTables()).toEqual([]);
  });
  it('keeps the grants on a published table: with a grant the rows are copied in instead of the tables swapped', async () => {
    await warehouse.query('GRANT SELECT ON songs TO PUBLIC');
    const granted = await songplaysOid();
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.error).toBeUndefined();
    expect(await songplaysOid()).toBe(granted);
    const { rows } = await warehouse.query<{ allowed: boolean }>("SELECT has_table_privilege('public', 'songs', 'SELECT') AS allowed");
    expect(rows[0]?.allowed).toBe(true);
    expect(await shape()).toEqual(createdShape);
    expect(await auditTables()).toEqual([]);
  });
});
