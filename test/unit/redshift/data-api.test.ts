import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryError, WarehouseError } from '#src/errors.ts';
import { silentLogger } from '#src/logger.ts';
import { DataApiStatementError, DeferredResultError } from '#src/warehouse/redshift/data-api-errors.ts';
import { DataApiWarehouse } from '#src/warehouse/redshift/data-api-warehouse.ts';

const client = new RedshiftDataClient({ region: 'us-west-2' });
const api = mockClient(client);
const TARGET = { ClusterIdentifier: 'sparkify-cluster', Database: 'dev', DbUser: 'awsuser' };
const fast = { timeoutMs: 1_000, initialDelayMs: 1, maxDelayMs: 4, waitTimeSeconds: 0 };

function warehouse(polling = fast) {
  return new DataApiWarehouse({
    client,
    target: { clusterIdentifier: 'sparkify-cluster', database: 'dev', dbUser: 'awsuser' },
    region: 'us-west-2',
    logger: silentLogger,
    polling,
  });
}

afterEach(() => api.reset());

describe('the Data API warehouse: one statement', () => {
  it('submits with named parameters, polls until finished, and decodes every page of rows', async () => {
    api.on(ExecuteStatementCommand).resolves({ Id: 'st-1' });
    api
      .on(DescribeStatementCommand)
      .resolvesOnce({ Id: 'st-1', Status: 'SUBMITTED' })
      .resolvesOnce({ Id: 'st-1', Status: 'STARTED' })
      .resolves({ Id: 'st-1', Status: 'FINISHED', HasResultSet: true, ResultRows: 3 });
    const columns = [
      { name: 'user_id', typeName: 'varchar' },
      { name: 'plays', typeName: 'int8' },
      { name: 'share', typeName: 'numeric' },
      { name: 'length', typeName: 'float8' },
      { name: 'first_play', typeName: 'timestamp' },
      { name: 'paid', typeName: 'bool' },
    ];
    api
      .on(GetStatementResultCommand, { Id: 'st-1', NextToken: undefined })
      .resolves({
        ColumnMetadata: columns,
        Records: [
          [
            { stringValue: '15' },
            { longValue: 463 },
            { stringValue: '6.79' },
            { doubleValue: 213.9424 },
            { stringValue: '2018-11-01 21:01:46.796' },
            { booleanValue: true },
          ],
          [{ isNull: true }, { longValue: 0 }, { isNull: true }, { isNull: true }, { isNull: true }, { booleanValue: false }],
        ],
        NextToken: 'page-2',
      })
      .on(GetStatementResultCommand, { Id: 'st-1', NextToken: 'page-2' })
      .resolves({
        ColumnMetadata: columns,
        Records: [
          [
            { stringValue: '29' },
            { longValue: 346 },
            { stringValue: '5.07' },
            { doubleValue: 1 },
            { stringValue: '2018-11-30 00:00:00' },
            { booleanValue: false },
          ],
        ],
      });

    const result = await warehouse().query(
      "SELECT user_id FROM songplays WHERE level = $1 AND note <> '$1' AND session_id > $2 -- $1",
      ['paid', 100],
      'top users',
    );

    expect(api.commandCalls(ExecuteStatementCommand)[0]!.args[0].input).toEqual({
      ...TARGET,
      Sql: "SELECT user_id FROM songplays WHERE level = :p1 AND note <> '$1' AND session_id > :p2 -- $1",
      Parameters: [
        { name: 'p1', value: 'paid' },
        { name: 'p2', value: '100' },
      ],
      StatementName: 'sparkify: top users',
    });
    expect(api.commandCalls(DescribeStatementCommand)).toHaveLength(3);
    expect(result.rowCount).toBe(3);
    expect(result.rows).toEqual([
      { user_id: '15', plays: 463, share: 6.79, length: 213.9424, first_play: new Date('2018-11-01T21:01:46.796Z'), paid: true },
      { user_id: null, plays: 0, share: null, length: null, first_play: null, paid: false },
      { user_id: '29', plays: 346, share: 5.07, length: 1, first_play: new Date('2018-11-30T00:00:00Z'), paid: false },
    ]);
  });

  it('asks DescribeStatement to long-poll, and reports affected rows for statements without a result set', async () => {
    api.on(ExecuteStatementCommand).resolves({ Id: 'st-2' });
    api.on(DescribeStatementCommand).resolves({ Id: 'st-2', Status: 'FINISHED', HasResultSet: false, ResultRows: 97 });
    const result = await warehouse({ ...fast, waitTimeSeconds: 20 }).query('INSERT INTO users SELECT 1', [], 'transform/users');
    expect(api.commandCalls(DescribeStatementCommand)[0]!.args[0].input).toEqual({ Id: 'st-2', WaitTimeSeconds: 20 });
    expect(api.commandCalls(GetStatementResultCommand)).toHaveLength(0);
    expect(result).toEqual({ rows: [], rowCount: 97 });
  });

  it('writes NULL and empty strings into the SQL, since the Data API has no parameter for them', async () => {
    api.on(ExecuteStatementCommand).resolves({ Id: 'st-3' });
    api.on(DescribeStatementCommand).resolves({ Id: 'st-3', Status: 'FINISHED', ResultRows: 1 });
    await warehouse().query('INSERT INTO t VALUES ($1, $2, $3, $10, $1)', [null, '', new Date('2018-11-01T21:01:46.796Z'), 4, 5, 6, 7, 8, 9, true], 'insert');
    expect(api.commandCalls(ExecuteStatementCommand)[0]!.args[0].input).toMatchObject({
      Sql: "INSERT INTO t VALUES (NULL, '', :p3, :p10, NULL)",
      Parameters: [
        { name: 'p3', value: '2018-11-01 21:01:46.796' },
        { name: 'p10', value: 'true' },
      ],
    });
  });

  it('raises a failed statement as a QueryError with its label, the SQL sent and the Redshift query id', async () => {
    api.on(ExecuteStatementCommand).resolves({ Id: 'st-4' });
    api.on(DescribeStatementCommand).resolves({ Id: 'st-4', Status: 'FAILED', Error: 'ERROR: relation "songplays" does not exist', RedshiftQueryId: 555 });
    const error = await warehouse()
      .query('SELECT COUNT(*) FROM songplays', [], 'check rows')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataApiStatementError);
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({
      label: 'check rows',
      sql: 'SELECT COUNT(*) FROM songplays',
      statementId: 'st-4',
      redshiftQueryId: 555,
      status: 'FAILED',
      code: 'QUERY_FAILED',
    });
    expect((error as Error).message).toBe('check rows failed: ERROR: relation "songplays" does not exist\n    SELECT COUNT(*) FROM songplays');
  });

  it('raises a refused submission (no such cluster, access denied) as a WarehouseError with the cause', async () => {
    api.on(ExecuteStatementCommand).rejects(new ValidationException({ message: 'Cluster sparkify-cluster not found', $metadata: {} }));
    const error = await warehouse()
      .query('SELECT 1', [], 'ping')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect((error as Error).message).toBe('ping: the Redshift Data API refused the statement: Cluster sparkify-cluster not found');
    expect((error as Error).cause).toBeInstanceOf(ValidationException);
  });

  it('cancels a statement that outlives the timeout', async () => {
    api.on(ExecuteStatementCommand).resolves({ Id: 'st-5' });
    api.on(DescribeStatementCommand).resolves({ Id: 'st-5', Status: 'STARTED' });
    api.on(CancelStatementCommand).resolves({ Status: true });
    await expect(warehouse({ ...fast, timeoutMs: 30 }).query('SELECT slow()', [], 'slow')).rejects.toThrow(
      'slow did not finish within 0 s; statement st-5 was cancelled',
    );
    expect(api.commandCalls(CancelStatementCommand)[0]!.args[0].input).toEqual({ Id: 'st-5' });
  });
});

describe('the Data API warehouse: transactions as one batch', () => {
  it('queues the statements and sends them as one BatchExecuteStatement at commit; results are read after it', async () => {
    api.on(BatchExecuteStatementCommand).resolves({ Id: 'batch-1' });
    api.on(DescribeStatementCommand).resolves({
      Id: 'batch-1',
      Status: 'FINISHED',
      SubStatements: [
        { Id: 'batch-1:2', Status: 'FINISHED', HasResultSet: false, ResultRows: 97 },
        { Id: 'batch-1:1', Status: 'FINISHED', HasResultSet: false, ResultRows: 5 },
        { Id: 'batch-1:3', Status: 'FINISHED', HasResultSet: true, ResultRows: 1 },
      ],
    });
    api
      .on(GetStatementResultCommand, { Id: 'batch-1:3' })
      .resolves({ ColumnMetadata: [{ name: 'query_id', typeName: 'int4' }], Records: [[{ longValue: 1234 }]] });

    const results = await warehouse().transaction(async (session) => {
      const deleted = await session.query('DELETE FROM users', [], 'empty users');
      // Inside the transaction nothing has run yet, so there is no result to read.
      expect(() => deleted.rowCount).toThrow(DeferredResultError);
      expect(api.commandCalls(BatchExecuteStatementCommand)).toHaveLength(0);
      const inserted = await session.query('INSERT INTO users SELECT * FROM x WHERE level = $1', ['paid'], 'transform/users');
      const last = await session.query('SELECT pg_last_copy_id() AS query_id WHERE $1 = $2', ['a', 'a'], 'last copy');
      return { deleted, inserted, last };
    });

    expect(api.commandCalls(BatchExecuteStatementCommand)[0]!.args[0].input).toEqual({
      ...TARGET,
      Sqls: ['DELETE FROM users', 'INSERT INTO users SELECT * FROM x WHERE level = :s2p1', 'SELECT pg_last_copy_id() AS query_id WHERE :s3p1 = :s3p2'],
      Parameters: [
        { name: 's2p1', value: 'paid' },
        { name: 's3p1', value: 'a' },
        { name: 's3p2', value: 'a' },
      ],
      StatementName: 'sparkify: transaction (empty users, transform/users, last copy)',
    });
    expect(results.deleted.rowCount).toBe(5);
    expect(results.inserted.rowCount).toBe(97);
    expect(results.last.rows).toEqual([{ query_id: 1234 }]);
  });

  it('sends nothing when the transaction code throws (so there is nothing to roll back)', async () => {
    await expect(
      warehouse().transaction(async (session) => {
        await session.query('DELETE FROM users', [], 'empty users');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(api.calls()).toHaveLength(0);
  });

  it('names the statement that failed the batch, with its SQL and Redshift query id', async () => {
    api.on(BatchExecuteStatementCommand).resolves({ Id: 'batch-2' });
    api.on(DescribeStatementCommand).resolves({
      Id: 'batch-2',
      Status: 'FAILED',
      Error: 'batch failed',
      SubStatements: [
        { Id: 'batch-2:1', Status: 'FINISHED' },
        {
          Id: 'batch-2:2',
          Status: 'FAILED',
          Error: "ERROR: Load into table 'staging_events' failed.  Check 'stl_load_errors' system table for details.",
          RedshiftQueryId: 4242,
        },
        { Id: 'batch-2:3', Status: 'ABORTED' },
      ],
    });
    const error = await warehouse()
      .transaction(async (session) => {
        await session.query('DELETE FROM staging_events', [], 'empty staging_events');
        await session.query("COPY staging_events FROM 's3://b/log_data'", [], 'copy staging_events');
        await session.query('SELECT pg_last_copy_id()', [], 'last copy staging_events');
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataApiStatementError);
    expect(error).toMatchObject({
      label: 'copy staging_events',
      sql: "COPY staging_events FROM 's3://b/log_data'",
      redshiftQueryId: 4242,
      statementId: 'batch-2:2',
    });
    expect((error as Error).message).toContain(
      "copy staging_events failed: ERROR: Load into table 'staging_events' failed.  Check 'stl_load_errors' system table for details. (the whole transaction was rolled back)",
    );
  });

  it('refuses more statements than one batch can hold', async () => {
    const error = await warehouse()
      .transaction(async (session) => {
        for (let i = 0; i < 41; i++) await session.query('SELECT 1', [], `s${i}`);
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('a Redshift Data API transaction holds at most 40 statements; this one has 41');
    expect(api.calls()).toHaveLength(0);
  });
});

describe('the Data API warehouse: sessions', () => {
  it('runs withSession statements in one Data API session, each committed on its own', async () => {
    api.on(ExecuteStatementCommand).resolvesOnce({ Id: 'a', SessionId: 'sess-1' }).resolves({ Id: 'b' });
    api.on(DescribeStatementCommand).resolves({ Status: 'FINISHED', ResultRows: 0 });
    await warehouse().withSession(async (session) => {
      await session.query('CREATE TEMP TABLE t (x INT)', [], 'temp');
      await session.query('INSERT INTO t VALUES ($1)', [1], 'insert');
    });
    const inputs = api.commandCalls(ExecuteStatementCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toMatchObject({ ...TARGET, SessionKeepAliveSeconds: 300 });
    expect(inputs[1]).toEqual({
      SessionId: 'sess-1',
      Sql: 'INSERT INTO t VALUES (:p1)',
      Parameters: [{ name: 'p1', value: '1' }],
      StatementName: 'sparkify: insert',
    });
  });
});
