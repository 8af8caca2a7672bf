import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import { DataApiWarehouse } from '#src/warehouse/redshift/data-api-warehouse.ts';
import { RedshiftLoadError } from '#src/load/redshift/load-errors.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { dataApiOver } from './data-api-standin.ts';
import { RedshiftStandIn } from './redshift-standin.ts';

const root = sharedData('the Data API flow on the public data');
const S3 =
  '[IAM_ROLE]\nARN = arn:aws:iam::123456789012:role/r\n[S3]\nLOG_DATA = s3://udacity-dend/log_data\nLOG_JSONPATH = s3://udacity-dend/log_json_path.json\nSONG_DATA = s3://udacity-dend/song_data\n';

/**
 * ACCESS = data-api end to end: the product's Data API engine (statements, batches at commit,
 * deferred results, polling, result decoding) against a Data API answered by the Redshift stand-in.
 */
describe.skipIf(!root)('the redshift engine through the Data API (stand-in)', () => {
  let db: TestDatabase;
  let pg: Warehouse;
  let standIn: RedshiftStandIn;
  let dataApi: ReturnType<typeof dataApiOver>;
  let warehouse: DataApiWarehouse;
  let bad: Dataset;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = await db.open();
    await createTables(pg, { logger: silentLogger });
    bad = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': `${ndjson([play({ ts: 'soon' }), play()])}\n{oops\n${ndjson([play({ sessionId: 'x' }), play({ itemInSession: [] }), play()])}`,
      },
      songFiles: { 'A/A/A/TRAAA.json': JSON.stringify(song()) },
    });
    const buckets: Record<string, string> = { 'udacity-dend': root!, 'sparkify-bad': bad.root };
    standIn = new RedshiftStandIn(pg, {
      localPathOf: (uri) => {
        const [, bucket, key] = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
        return path.join(buckets[bucket!]!, key!);
      },
    });
    dataApi = dataApiOver(standIn);
    warehouse = new DataApiWarehouse({
      client: dataApi.client,
      target: { clusterIdentifier: 'sparkify-cluster', database: 'dev', dbUser: 'awsuser' },
      region: 'us-west-2',
      logger: silentLogger,
      polling: { timeoutMs: 10_000, initialDelayMs: 1, maxDelayMs: 10, waitTimeSeconds: 0 },
    });
  });
  afterAll(async () => {
    await pg?.close();
    await db?.drop();
    await bad?.remove();
  });

  it('runs load, transform (build), checks and publish with the documented counts, each transaction one BatchExecuteStatement', async () => {
    const result = await runEtl(warehouse, db.config(S3), { logger: silentLogger });
    expect(result.error).toBeUndefined();
    expect(result.steps[0]!.rows).toEqual({ staging_events: 8056, staging_songs: 14896 });
    expect(result.steps[1]!.rows).toEqual({ users: 97, user_level_history: 106, artists: 9553, songs: 14896, time: 6813, songplays: 6820 });
    expect(result.steps[2]!.checks!.every((c) => c.passed)).toBe(true);
    // One batch each: taking the run lock's lease row, the staging load, the build into sparkify_audit, the publish.
    expect(dataApi.calls().filter((name) => name === 'BatchExecuteStatementCommand')).toHaveLength(4);
    // Typed rows through GetStatementResult: the same values as node-postgres gives.
    const sql = 'SELECT MIN(start_time) AS first, COUNT(*) AS plays, AVG(session_id) AS sessions, MAX(user_id) AS last_user FROM songplays WHERE level = $1';
    const viaDataApi = await warehouse.query(sql, ['paid']);
    const viaPg = await pg.query(sql, ['paid']);
    expect(viaDataApi.rows).toEqual(viaPg.rows);
    expect(viaDataApi.rows[0]!.first).toBeInstanceOf(Date);
  });

  it('raises a failing COPY with its stl_load_errors rows, found by the Redshift query id', async () => {
    const broken = S3.replace(/udacity-dend/g, 'sparkify-bad');
    const result = await runEtl(warehouse, db.config(`${broken}MAXERROR = 3\n`), { logger: silentLogger });
    const error = result.error as RedshiftLoadError;
    expect(error).toBeInstanceOf(RedshiftLoadError);
    expect(error.queryId).toBe(standIn.copies.at(-1)!.queryId);
    expect(standIn.copies.at(-1)!.table).toBe('staging_events');
    expect(error.stlLoadErrors.length).toBe(4);
    expect(error.message).toContain('more than MAXERROR 3 allows');
  });
});
