import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ANALYTICS } from '#src/analytics/catalog.ts';
import { runAnalytics } from '#src/analytics/run.ts';
import { silentLogger } from '#src/logger.ts';
import { DataApiWarehouse } from '#src/warehouse/redshift/data-api-warehouse.ts';
import { startFixtureWarehouse, type FixtureWarehouse } from '../analytics/fixture-warehouse.ts';
import { dataApiOver } from './data-api-standin.ts';
import { RedshiftStandIn } from './redshift-standin.ts';

/**
 * Result decoding through the Data API, end to end: statements go through the product's Data API
 * engine to a Data API that encodes each column from the server's own type, as the service does
 * (NUMERIC/DECIMAL as stringValue, BIGINT as longValue, DOUBLE PRECISION as doubleValue, timestamps as
 * text). The product must give back the same values node-postgres gives on the postgres engine.
 */
describe('Data API result decoding (numeric, decimal and the other column types)', () => {
  let fixture: FixtureWarehouse;
  let dataApi: ReturnType<typeof dataApiOver>;
  let warehouse: DataApiWarehouse;

  beforeAll(async () => {
    fixture = await startFixtureWarehouse();
    const standIn = new RedshiftStandIn(fixture.warehouse, { localPathOf: (uri) => uri });
    dataApi = dataApiOver(standIn, { typedResults: { ...inject('postgres'), database: fixture.database.name } });
    warehouse = new DataApiWarehouse({
      client: dataApi.client,
      target: { clusterIdentifier: 'sparkify-cluster', database: 'dev', dbUser: 'awsuser' },
      region: 'us-west-2',
      logger: silentLogger,
      polling: { timeoutMs: 10_000, initialDelayMs: 1, maxDelayMs: 10, waitTimeSeconds: 0 },
    });
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it('decodes NUMERIC and DECIMAL sent as text into the numbers node-postgres gives', async () => {
    const sql = `SELECT CAST($1 AS NUMERIC(12, 4)) AS exact,
                        CAST(-0.5 AS DECIMAL(5, 1)) AS negative,
                        CAST(0 AS NUMERIC(5, 2)) AS zero,
                        CAST(NULL AS NUMERIC) AS missing,
                        CAST(99999999999999.99 AS DECIMAL(16, 2)) AS wide,
                        SUM(CAST(9007199254740993 AS BIGINT)) AS bigint_sum,
                        AVG(CAST(7 AS INTEGER)) AS average`;
    const viaDataApi = await warehouse.query(sql, ['6.7900']);
    const viaPg = await fixture.warehouse.query(sql, ['6.7900']);
    expect(viaDataApi.rows).toEqual([
      { exact: 6.79, negative: -0.5, zero: 0, missing: null, wide: Number('99999999999999.99'), bigint_sum: 9007199254740992, average: 7 },
    ]);
    expect(viaDataApi.rows).toEqual(viaPg.rows);
    // The stand-in sent those columns as Redshift's numeric, in stringValue.
    const last = dataApi.lastResult()!;
    expect(last.ColumnMetadata.map((c) => c.typeName)).toEqual(['numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']);
    expect(last.Records[0]!.map((f) => f.stringValue ?? (f.isNull ? null : 'not text'))).toEqual([
      '6.7900',
      '-0.5',
      '0.00',
      null,
      '99999999999999.99',
      '9007199254740993',
      '7.0000000000000000',
    ]);
  });

  it('decodes integers, floats, booleans, text and timestamps as node-postgres does', async () => {
    const sql = `SELECT CAST(2 AS SMALLINT) AS small, CAST(46 AS INTEGER) AS regular, CAST(123456789012 AS BIGINT) AS big,
                        CAST(213.9424 AS DOUBLE PRECISION) AS duration, TRUE AS yes, 'Ada' AS name,
                        CAST('2018-11-01 21:01:46.796' AS TIMESTAMP) AS played_at`;
    const viaDataApi = await warehouse.query(sql);
    expect(viaDataApi.rows).toEqual([
      { small: 2, regular: 46, big: 123456789012, duration: 213.9424, yes: true, name: 'Ada', played_at: new Date('2018-11-01T21:01:46.796Z') },
    ]);
    expect(viaDataApi.rows).toEqual((await fixture.warehouse.query(sql)).rows);
    expect(dataApi.lastResult()!.ColumnMetadata.map((c) => c.typeName)).toEqual(['int2', 'int4', 'int8', 'float8', 'bool', 'text', 'timestamp']);
  });

  it('gives every analytics question the same rows as the postgres engine', async () => {
    for (const query of ANALYTICS) {
      const viaDataApi = await runAnalytics(warehouse, query);
      const viaPg = await runAnalytics(fixture.warehouse, query);
      expect({ name: query.name, rows: viaDataApi.rows }).toEqual({ name: query.name, rows: viaPg.rows });
      expect(viaPg.rows.length, query.name).toBeGreaterThan(0);
    }
  });
});
