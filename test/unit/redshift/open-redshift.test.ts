import { describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { openWarehouse } from '#src/warehouse/open.ts';
import { PgWarehouse } from '#src/warehouse/pg-warehouse.ts';
import { DataApiWarehouse } from '#src/warehouse/redshift/data-api-warehouse.ts';

describe('openWarehouse with ENGINE = redshift', () => {
  it('ACCESS = direct: node-postgres over TLS with the Redshift dialect (no connection until the first query)', async () => {
    const config = parseConfig('[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nHOST = sparkify.abc.us-west-2.redshift.amazonaws.com\nDB_PASSWORD = Secret123\n');
    const warehouse = await openWarehouse(config, { logger: silentLogger });
    expect(warehouse).toBeInstanceOf(PgWarehouse);
    expect(warehouse).toMatchObject({
      engine: 'redshift',
      dialect: 'redshift',
      description: 'Amazon Redshift awsuser@sparkify.abc.us-west-2.redshift.amazonaws.com:5439/dev (TLS)',
    });
    expect(warehouse.description).not.toContain('Secret123');
    await warehouse.close();
  });

  it('ACCESS = data-api: the Data API, which needs no host, password or open port', async () => {
    const config = parseConfig(
      '[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nACCESS = data-api\nIDENTIFIER = my-cluster\nDB_NAME = analytics\nDB_USER = etl\n[AWS]\nREGION = eu-west-1\n',
    );
    const warehouse = await openWarehouse(config, { logger: silentLogger });
    expect(warehouse).toBeInstanceOf(DataApiWarehouse);
    expect(warehouse).toMatchObject({
      engine: 'redshift',
      dialect: 'redshift',
      description: 'Amazon Redshift through the Data API: cluster my-cluster, database analytics as etl (eu-west-1)',
    });
    await warehouse.close();
  });

  it('ACCESS = direct without a host or password is a configuration error naming both', async () => {
    await expect(openWarehouse(parseConfig('[WAREHOUSE]\nENGINE = redshift\n'), { logger: silentLogger })).rejects.toThrow(
      /\[CLUSTER\] HOST: required for ENGINE = redshift[\s\S]*\[CLUSTER\] DB_PASSWORD/,
    );
  });
});
