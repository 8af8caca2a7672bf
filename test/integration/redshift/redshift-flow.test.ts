import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DwhConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runChecks } from '#src/pipeline/checks.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import { sourcesUnder, withSources } from '#src/pipeline/sources.ts';
import { LoadFailedError } from '#src/load/load-errors.ts';
import { RedshiftLoadError } from '#src/load/redshift/load-errors.ts';
import { readSql } from '#src/sql/sql-files.ts';
import { STAR_MODELS } from '#src/models/star-models.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { ALL_CHECKS_PASSED } from '../../support/data-checks.ts';
import { PUBLIC_DATA_COUNTS, sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { RedshiftStandIn } from './redshift-standin.ts';

const root = sharedData('the redshift engine tests on the public data');
const ROLE = 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read';

/** ENGINE = redshift settings for a bucket whose objects the stand-in finds under `bucketRoot`. */
function redshiftSection(bucket: string, extra = ''): string {
  return (
    `[IAM_ROLE]\nARN = ${ROLE}\n[AWS]\nREGION = us-west-2\n` +
    `[S3]\nLOG_DATA = s3://${bucket}/log_data\nLOG_JSONPATH = s3://${bucket}/log_json_path.json\nSONG_DATA = s3://${bucket}/song_data\n${extra}`
  );
}

function standInOver(inner: Warehouse, bucket: string, bucketRoot: string): RedshiftStandIn {
  return new RedshiftStandIn(inner, { localPathOf: (uri) => path.join(bucketRoot, uri.slice(`s3://${bucket}/`.length)) });
}

async function digest(warehouse: Warehouse, table: string): Promise<string> {
  const { rows } = await warehouse.query<{ d: string; n: number }>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d, COUNT(*) AS n FROM ${table} t`);
  return `${rows[0]!.n}:${rows[0]!.d}`;
}

/**
 * The redshift engine's flow (COPY staging, DELETE-based transform, checks) on a PostgreSQL stand-in
 * where only COPY from S3 and Redshift's system tables are emulated. The tables are created with the
 * PostgreSQL DDL, since Redshift's (DISTKEY, SORTKEY) does not run there.
 */
describe.skipIf(!root)('the redshift engine on a PostgreSQL stand-in, public data', () => {
  let db: TestDatabase;
  let pg: Warehouse;
  let redshift: RedshiftStandIn;
  let config: DwhConfig;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = await db.open();
    await createTables(pg, { logger: silentLogger });
    redshift = standInOver(pg, 'udacity-dend', root!);
    config = db.config(redshiftSection('udacity-dend'));
  });
  afterAll(async () => {
    await pg?.close();
    await db?.drop();
  });

  it('loads with one COPY per staging table, transforms and checks: the documented counts', async () => {
    const result = await runEtl(redshift, config, { logger: silentLogger });
    expect(result.error).toBeUndefined();
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['load staging', 'succeeded'],
      ['transform', 'succeeded'],
      ['checks', 'succeeded'],
      ['publish', 'succeeded'],
    ]);
    expect(result.steps[0]!.rows).toEqual({ staging_events: 8056, staging_songs: 14896 });
    expect(result.steps[1]!.rows).toEqual({ users: 97, user_level_history: 106, artists: 9553, songs: 14896, time: 6813, songplays: 6820 });
    expect(redshift.copies.map(({ queryId: _, columns, ...copy }) => ({ ...copy, columns: columns.length }))).toEqual([
      {
        table: 'staging_events',
        columns: 18,
        source: 's3://udacity-dend/log_data',
        iamRole: ROLE,
        jsonFormat: 's3://udacity-dend/log_json_path.json',
        region: 'us-west-2',
        maxErrors: 0,
      },
      { table: 'staging_songs', columns: 10, source: 's3://udacity-dend/song_data', iamRole: ROLE, jsonFormat: 'auto', region: 'us-west-2', maxErrors: 0 },
    ]);
    for (const [table, expected] of Object.entries(PUBLIC_DATA_COUNTS)) {
      const { rows } = await pg.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
      expect({ table, rows: rows[0]!.n }).toEqual({ table, rows: expected });
    }
    const { rows } = await pg.query<{ matched: number }>('SELECT COUNT(song_id) AS matched FROM songplays');
    expect(rows[0]!.matched).toBe(333);
  });

  it('gives the same tables as the postgres engine, and the same again when re-run', async () => {
    const viaRedshift: Record<string, string> = {};
    for (const table of Object.keys(PUBLIC_DATA_COUNTS)) viaRedshift[table] = await digest(pg, table);
    const again = await runEtl(redshift, config, { logger: silentLogger });
    expect(again.error).toBeUndefined();
    for (const table of Object.keys(PUBLIC_DATA_COUNTS)) expect({ table, d: await digest(pg, table) }).toEqual({ table, d: viaRedshift[table] });
    const local = await runEtl(pg, withSources(db.config(), sourcesUnder(root!)), { logger: silentLogger });
    expect(local.error).toBeUndefined();
    for (const table of Object.keys(PUBLIC_DATA_COUNTS)) expect({ table, d: await digest(pg, table) }).toEqual({ table, d: viaRedshift[table] });
    expect(await runChecks(redshift)).toEqual(ALL_CHECKS_PASSED);
  });
});

describe('the redshift engine on a PostgreSQL stand-in: bad records', () => {
  let db: TestDatabase;
  let pg: Warehouse;
  let data: Dataset;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = await db.open();
    await createTables(pg, { logger: silentLogger });
    const good = [play({ userId: '7' }), play({ userId: '8' }), play({ page: 'Home' })];
    data = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': ndjson(good),
        '2018-11-02-events.json': `${ndjson([play({ userId: '9' })])}\n{"artist": "broken"\n${ndjson([play({ ts: 'tomorrow' })])}`,
      },
      songFiles: { 'A/A/A/TRAAA.json': JSON.stringify(song()) },
    });
  });
  afterAll(async () => {
    await pg?.close();
    await db?.drop();
    await data?.remove();
  });

  it('a failing COPY rolls the stage back and raises the stl_load_errors rows of that load', async () => {
    const redshift = standInOver(pg, 'sparkify-bad', data.root);
    // A first good load from the clean file only, to show that the failed one changes nothing.
    const clean = db.config(redshiftSection('sparkify-bad').replace('s3://sparkify-bad/log_data', 's3://sparkify-bad/log_data/2018/11/2018-11-01'));
    expect((await runEtl(redshift, clean, { logger: silentLogger })).error).toBeUndefined();

    const result = await runEtl(redshift, db.config(redshiftSection('sparkify-bad')), { logger: silentLogger });
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
    const error = result.error as RedshiftLoadError;
    expect(error).toBeInstanceOf(RedshiftLoadError);
    expect(error).toBeInstanceOf(LoadFailedError);
    expect(error.queryId).toBe(redshift.copies.at(-1)!.queryId);
    expect(error.stlLoadErrors.map((row) => [row.filename, row.line_number, row.colname])).toEqual([
      ['s3://sparkify-bad/log_data/2018/11/2018-11-02-events.json', 2, '-'],
    ]);
    expect(error.message).toMatch(
      /^COPY into staging_events from s3:\/\/sparkify-bad\/log_data failed \(query \d+\): 1 bad record\(s\) in stl_load_errors, more than MAXERROR 0 allows/,
    );
    expect(error.message).toContain('s3://sparkify-bad/log_data/2018/11/2018-11-02-events.json line 2');
    const { rows } = await pg.query<{ n: number }>('SELECT COUNT(*) AS n FROM staging_events');
    expect(rows[0]!.n).toBe(3);
  });

  it('within MAXERROR, loads the good records and reports the rejected ones per table', async () => {
    const redshift = standInOver(pg, 'sparkify-bad', data.root);
    const result = await runEtl(redshift, db.config(redshiftSection('sparkify-bad', 'MAXERROR = 5\n')), { logger: silentLogger });
    expect(result.error).toBeUndefined();
    expect(redshift.copies.map((c) => c.maxErrors)).toEqual([5, 5]);
    expect(result.steps[0]!.rows).toEqual({ staging_events: 4, staging_songs: 1 });
    expect(result.steps[0]!.rejected).toBe(2);
  });
});

describe('the redshift engine on a PostgreSQL stand-in: rejects kept like the local loader keeps them', () => {
  let db: TestDatabase;
  let pg: Warehouse;
  let data: Dataset;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = await db.open();
    await createTables(pg, { logger: silentLogger });
    data = await writeDataset({
      logFiles: { '2018-11-02-events.json': `${ndjson([play({ userId: '9' }), play({ userId: '10' })])}\n{"artist": "broken"\n` },
      songFiles: { 'A/A/A/TRAAA.json': JSON.stringify(song()) },
    });
  });
  afterAll(async () => {
    await pg?.close();
    await db?.drop();
    await data?.remove();
  });

  async function keptRejects(): Promise<Record<string, unknown>[]> {
    const { rows } = await pg.query('SELECT table_name, source, line, column_name, reason FROM sparkify_load_errors ORDER BY recorded_at, line');
    return rows;
  }

  it.each([
    ['provisioned', '', 'stl_load_errors', 'redshift/load_errors'],
    ['serverless', '[CLUSTER]\nKIND = serverless\n', 'sys_load_error_detail', 'redshift/load_errors_sys'],
  ] as const)(
    '%s: reads its load-error view, copies the rejects into sparkify_load_errors, then vacuums and analyzes',
    async (_kind, cluster, view, errorsSql) => {
      await pg.query('DELETE FROM sparkify_load_errors');
      const redshift = standInOver(pg, 'sparkify-rejects', data.root);
      const result = await runEtl(redshift, db.config(`${cluster}${redshiftSection('sparkify-rejects', 'MAXERROR = 3\n')}`), { logger: silentLogger });
      expect(result.error).toBeUndefined();
      expect(result.steps[0]!.rejected).toBe(1);
      expect(redshift.received.some((sql) => sql === readSql(errorsSql))).toBe(true);
      expect(redshift.received.some((sql) => sql.includes(view === 'stl_load_errors' ? 'sys_load_error_detail' : 'FROM stl_load_errors'))).toBe(false);
      expect(await keptRejects()).toEqual([
        {
          table_name: 'staging_events',
          source: 's3://sparkify-rejects/log_data/2018/11/2018-11-02-events.json',
          line: 3,
          column_name: '-',
          reason: expect.stringMatching(/\(error 1216\)$/),
        },
      ]);
      // After each commit, outside it: the staging tables, then the published star tables (the audit
      // tables, new and never deleted from, are only analyzed before their checks).
      const star = STAR_MODELS.map((model) => model.table.name);
      expect(redshift.vacuumed).toEqual(['staging_events', 'staging_songs', ...star]);
      const analyzed = redshift.received.filter((sql) => /^(-- [^\n]*\n)*ANALYZE "/.test(sql)).map((sql) => sql.replace(/^(-- [^\n]*\n)*ANALYZE /, ''));
      expect(analyzed).toEqual([
        '"staging_events"',
        '"staging_songs"',
        ...star.map((table) => `"sparkify_audit"."${table}"`),
        ...star.map((table) => `"${table}"`),
      ]);
    },
  );
});
