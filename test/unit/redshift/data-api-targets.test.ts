import { DescribeStatementCommand, ExecuteStatementCommand, BatchExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { openWarehouse } from '#src/warehouse/open.ts';
import { targetInput } from '#src/warehouse/redshift/data-api-runner.ts';
import { DataApiWarehouse } from '#src/warehouse/redshift/data-api-warehouse.ts';

const SECRET = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:sparkify-admin-AbCdEf';
const api = mockClient(RedshiftDataClient);
afterEach(() => api.reset());

describe('where and as whom the Data API runs a statement', () => {
  it.each([
    [
      { kind: 'provisioned' as const, clusterIdentifier: 'c1', database: 'dev', dbUser: 'etl' },
      { ClusterIdentifier: 'c1', Database: 'dev', DbUser: 'etl' },
    ],
    [
      { clusterIdentifier: 'c1', database: 'dev', dbUser: 'etl', secretArn: SECRET },
      { ClusterIdentifier: 'c1', Database: 'dev', SecretArn: SECRET },
    ],
    [
      { kind: 'serverless' as const, workgroupName: 'wg', database: 'dev' },
      { WorkgroupName: 'wg', Database: 'dev' },
    ],
    [
      { kind: 'serverless' as const, workgroupName: 'wg', database: 'dev', secretArn: SECRET },
      { WorkgroupName: 'wg', Database: 'dev', SecretArn: SECRET },
    ],
  ])('%j -> %j', (target, input) => {
    expect(targetInput(target)).toEqual(input);
  });

  it('KIND = serverless, ACCESS = data-api, SECRET_ARN: statements and batches go to the workgroup with the secret, no DbUser', async () => {
    const config = parseConfig(
      `[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nKIND = serverless\nACCESS = data-api\nIDENTIFIER = sparkify-wg\nDB_NAME = sparkify\nSECRET_ARN = ${SECRET}\n[AWS]\nREGION = us-west-2\n`,
    );
    const warehouse = (await openWarehouse(config, { logger: silentLogger })) as DataApiWarehouse;
    expect(warehouse).toBeInstanceOf(DataApiWarehouse);
    expect(warehouse.description).toBe(
      'Amazon Redshift through the Data API: serverless workgroup sparkify-wg, database sparkify with the credentials of its Secrets Manager secret (us-west-2)',
    );
    api.on(ExecuteStatementCommand).resolves({ Id: 'st-1' });
    api.on(BatchExecuteStatementCommand).resolves({ Id: 'st-2' });
    api
      .on(DescribeStatementCommand)
      .resolves({ Status: 'FINISHED', HasResultSet: false, ResultRows: 0, SubStatements: [{ Id: 'st-2:1', Status: 'FINISHED' }] });
    await warehouse.query('SELECT 1');
    await warehouse.transaction(async (session) => {
      await session.query('DELETE FROM staging_events');
    });
    for (const input of [api.commandCalls(ExecuteStatementCommand)[0]!.args[0].input, api.commandCalls(BatchExecuteStatementCommand)[0]!.args[0].input]) {
      expect(input).toMatchObject({ WorkgroupName: 'sparkify-wg', Database: 'sparkify', SecretArn: SECRET });
      expect(input).not.toHaveProperty('DbUser');
      expect(input).not.toHaveProperty('ClusterIdentifier');
    }
    await warehouse.close();
  });

  it("KIND = serverless without a secret: the caller's IAM identity (no DbUser, which a workgroup does not take)", async () => {
    const config = parseConfig(
      '[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nKIND = serverless\nACCESS = data-api\nIDENTIFIER = sparkify-wg\n[AWS]\nREGION = us-west-2\n',
    );
    const warehouse = await openWarehouse(config, { logger: silentLogger });
    expect(warehouse.description).toBe('Amazon Redshift through the Data API: serverless workgroup sparkify-wg, database dev as your IAM identity (us-west-2)');
    await warehouse.close();
  });
});
