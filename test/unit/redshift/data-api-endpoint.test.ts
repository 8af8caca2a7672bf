import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { openWarehouse } from '#src/warehouse/open.ts';

describe('ACCESS = data-api against an emulator', () => {
  let server: Server | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("follows the SDK's AWS_ENDPOINT_URL_REDSHIFT_DATA, speaking the real JSON protocol", async () => {
    const targets: { target: string; body: Record<string, unknown> }[] = [];
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        const target = String(request.headers['x-amz-target']).replace('RedshiftData.', '');
        targets.push({ target, body: JSON.parse(text) });
        const answers: Record<string, unknown> = {
          ExecuteStatement: { Id: 'st-1' },
          DescribeStatement: { Id: 'st-1', Status: 'FINISHED', HasResultSet: true, ResultRows: 1 },
          GetStatementResult: { ColumnMetadata: [{ name: 'n', typeName: 'int8' }], Records: [[{ longValue: 6820 }]], TotalNumRows: 1 },
        };
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answers[target] ?? {}));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    vi.stubEnv('AWS_ENDPOINT_URL_REDSHIFT_DATA', `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');

    const warehouse = await openWarehouse(parseConfig('[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nACCESS = data-api\n'), { logger: silentLogger });
    try {
      const { rows } = await warehouse.query('SELECT COUNT(*) AS n FROM songplays WHERE level = $1', ['paid'], 'count plays');
      expect(rows).toEqual([{ n: 6820 }]);
    } finally {
      await warehouse.close();
    }
    expect(targets.map((t) => t.target)).toEqual(['ExecuteStatement', 'DescribeStatement', 'GetStatementResult']);
    expect(targets[0]!.body).toEqual({
      ClusterIdentifier: 'sparkify-cluster',
      Database: 'dev',
      DbUser: 'awsuser',
      Sql: 'SELECT COUNT(*) AS n FROM songplays WHERE level = :p1',
      Parameters: [{ name: 'p1', value: 'paid' }],
      StatementName: 'sparkify: count plays',
      // Filled in by the SDK: a retried submission is not run twice.
      ClientToken: expect.any(String),
    });
    expect(targets[1]!.body).toEqual({ Id: 'st-1', WaitTimeSeconds: 20 });
  });
});
