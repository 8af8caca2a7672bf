import { describe, expect, it } from 'vitest';
import { parseConfig, type DwhConfig } from '#src/config/index.ts';
import { ConfigError } from '#src/errors.ts';
import { LoadFailedError } from '#src/load/load-errors.ts';
import { silentLogger } from '#src/logger.ts';
import { readSql } from '#src/sql/sql-files.ts';
import { copyStagingTables } from '#src/load/redshift/copy-staging.ts';
import { CopyFailedError, RedshiftLoadError } from '#src/load/redshift/load-errors.ts';
import { RecordingWarehouse, type SentStatement } from './recording-warehouse.ts';

const ROLE = 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read';

function redshiftConfig(extra = ''): DwhConfig {
  return parseConfig(
    `[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nHOST = sparkify.abc.us-west-2.redshift.amazonaws.com\nDB_PASSWORD = pw\n[IAM_ROLE]\nARN = ${ROLE}\n` +
      `[S3]\nLOG_DATA = s3://udacity-dend/log_data\nLOG_JSONPATH = s3://udacity-dend/log_json_path.json\nSONG_DATA = s3://udacity-dend/song_data\n${extra}` +
      `[AWS]\nREGION = us-west-2\n`,
  );
}

const EVENT_COLUMNS =
  '"artist", "auth", "first_name", "gender", "item_in_session", "last_name", "length", "level", "location", "method", "page", "registration", "session_id", "song", "status", "ts", "user_agent", "user_id"';
const SONG_COLUMNS =
  '"num_songs", "artist_id", "artist_latitude", "artist_longitude", "artist_location", "artist_name", "song_id", "title", "duration", "year"';
const HEADER = readSql('redshift/copy_staging')
  .split('\n')
  .filter((line) => line.startsWith('--'))
  .join('\n');

/** Answers what a real Redshift would: query ids and counts after each COPY, files and bytes per query. */
function redshiftAnswers(statement: SentStatement) {
  if (statement.sql === readSql('redshift/last_copy')) {
    const table = statement.label.replace('last copy ', '');
    return { rows: [{ query_id: table === 'staging_events' ? 101 : 102, row_count: table === 'staging_events' ? 8056 : 14896 }], rowCount: 1 };
  }
  if (statement.sql === readSql('redshift/copy_files')) return { rows: [{ files: statement.values[0] === 101 ? 30 : 14896, bytes: 1000 }], rowCount: 1 };
  return undefined;
}

describe('copyStagingTables: the SQL sent to Redshift', () => {
  it('empties and COPYs both staging tables in one transaction, exactly as docs/engines.md says', async () => {
    const warehouse = new RecordingWarehouse(redshiftAnswers);
    const result = await copyStagingTables(warehouse, redshiftConfig(), { logger: silentLogger });
    const inTransaction = warehouse.sent.filter((s) => s.transaction === 1);
    expect(inTransaction.map((s) => s.label)).toEqual([
      'empty staging_events',
      'copy staging_events',
      'last copy staging_events',
      'empty staging_songs',
      'copy staging_songs',
      'last copy staging_songs',
    ]);
    expect(inTransaction[0]!.sql).toBe(
      '-- DELETE, not TRUNCATE: Redshift\'s TRUNCATE commits the open transaction on its own, and the staging\n-- load must commit whole (emptied and reloaded together) or not at all.\nDELETE FROM "staging_events"',
    );
    expect(inTransaction[1]!.sql).toBe(
      `${HEADER}\n` +
        `COPY "staging_events" (${EVENT_COLUMNS})\n` +
        `FROM 's3://udacity-dend/log_data'\n` +
        `IAM_ROLE '${ROLE}'\n` +
        `FORMAT AS JSON 's3://udacity-dend/log_json_path.json'\n` +
        `TIMEFORMAT 'epochmillisecs'\n` +
        `REGION 'us-west-2'\n` +
        'TRUNCATECOLUMNS\nBLANKSASNULL\nEMPTYASNULL\nCOMPUPDATE OFF\nSTATUPDATE OFF\nMAXERROR 0',
    );
    expect(inTransaction[4]!.sql).toBe(
      `${HEADER}\n` +
        `COPY "staging_songs" (${SONG_COLUMNS})\n` +
        `FROM 's3://udacity-dend/song_data'\n` +
        `IAM_ROLE '${ROLE}'\n` +
        `FORMAT AS JSON 'auto'\n` +
        `TIMEFORMAT 'epochmillisecs'\n` +
        `REGION 'us-west-2'\n` +
        'TRUNCATECOLUMNS\nBLANKSASNULL\nEMPTYASNULL\nCOMPUPDATE OFF\nSTATUPDATE OFF\nMAXERROR 0',
    );
    expect(inTransaction[2]!.sql).toContain('SELECT pg_last_copy_id() AS query_id, pg_last_copy_count() AS row_count');
    // After the commit: what each COPY read; with MAXERROR 0 there are no rejects to look up.
    expect(warehouse.sent.filter((s) => s.transaction === 0).map((s) => [s.label, s.values])).toEqual([
      ['files of query 101', [101]],
      ['files of query 102', [102]],
    ]);
    expect(result.tables).toEqual([
      { table: 'staging_events', files: 30, rows: 8056, bytes: 1000, rejected: [] },
      { table: 'staging_songs', files: 14896, rows: 14896, bytes: 1000, rejected: [] },
    ]);
  });

  it('escapes every spliced value: a hostile role ARN, source, JSONPaths URI and region stay string literals', async () => {
    const hostile = parseConfig(
      `[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nHOST = h\nDB_PASSWORD = pw\n[IAM_ROLE]\nARN = "arn:aws:iam::1:role/x' CREDENTIALS 'aws_access_key_id=AKIA;--"\n` +
        `[S3]\nLOG_DATA = "s3://bkt/it's\\log"\nLOG_JSONPATH = "s3://bkt/paths');DROP TABLE users;--.json"\nSONG_DATA = s3://bkt/song_data\n[AWS]\nREGION = "us-west-2' MANIFEST '"\n`,
    );
    const warehouse = new RecordingWarehouse(redshiftAnswers);
    await copyStagingTables(warehouse, hostile, { logger: silentLogger });
    const copy = warehouse.sent.find((s) => s.label === 'copy staging_events')!.sql;
    expect(copy).toContain(`FROM 's3://bkt/it''s\\\\log'\n`);
    expect(copy).toContain(`IAM_ROLE 'arn:aws:iam::1:role/x'' CREDENTIALS ''aws_access_key_id=AKIA;--'\n`);
    expect(copy).toContain(`FORMAT AS JSON 's3://bkt/paths'');DROP TABLE users;--.json'\n`);
    expect(copy).toContain(`REGION 'us-west-2'' MANIFEST '''\n`);
  });

  it("uses --max-errors over [S3] MAXERROR, and caps it at Redshift's 100,000", async () => {
    const warehouse = new RecordingWarehouse(redshiftAnswers);
    await copyStagingTables(warehouse, redshiftConfig('MAXERROR = 5\n'), { logger: silentLogger, maxErrors: 250_000 });
    expect(warehouse.sent.find((s) => s.label === 'copy staging_songs')!.sql).toMatch(/\nMAXERROR 100000$/);
  });

  it('adds ACCEPTINVCHARS AS the configured character, as a quoted literal', async () => {
    const warehouse = new RecordingWarehouse(redshiftAnswers);
    await copyStagingTables(warehouse, redshiftConfig('ACCEPTINVCHARS = ^\n'), { logger: silentLogger });
    expect(warehouse.sent.find((s) => s.label === 'copy staging_events')!.sql).toMatch(/\nMAXERROR \d+ ACCEPTINVCHARS AS '\^'$/);
  });

  it("with MAXERROR above 0, reads each COPY's rejects from stl_load_errors and reports them", async () => {
    const warehouse = new RecordingWarehouse((statement) => {
      if (statement.sql === readSql('redshift/load_errors') && statement.values[0] === 101) {
        return { rows: [stlRow({ line_number: 7, colname: 'ts', raw_field_value: 'yesterday' })], rowCount: 1 };
      }
      return redshiftAnswers(statement);
    });
    const result = await copyStagingTables(warehouse, redshiftConfig('MAXERROR = 10\n'), { logger: silentLogger });
    expect(warehouse.sent.filter((s) => s.label.startsWith('stl_load_errors')).map((s) => [s.sql, s.values])).toEqual([
      [readSql('redshift/load_errors'), [101]],
      [readSql('redshift/load_errors'), [102]],
    ]);
    expect(result.tables[0]!.rejected).toEqual([
      {
        table: 'staging_events',
        source: 's3://udacity-dend/log_data/2018/11/2018-11-05-events.json',
        line: 7,
        column: 'ts',
        field: 'timestamp',
        rawText: 'yesterday',
        reason: 'Invalid timestamp format or value (error 1206)',
      },
    ]);
  });

  it('reads stl_load_errors with this exact query', () => {
    expect(readSql('redshift/load_errors')).toBe(
      [
        "-- The records one COPY rejected, from Redshift's own load-error log, in file and line order.",
        'SELECT',
        '    query,',
        '    TRIM(filename) AS filename,',
        '    line_number,',
        '    TRIM(colname) AS colname,',
        '    TRIM(type) AS column_type,',
        '    TRIM(raw_field_value) AS raw_field_value,',
        '    TRIM(raw_line) AS raw_line,',
        '    err_code,',
        '    TRIM(err_reason) AS err_reason',
        'FROM stl_load_errors',
        'WHERE query = CAST($1 AS INTEGER)',
        'ORDER BY filename, line_number, colname',
      ].join('\n'),
    );
  });
});

describe('copyStagingTables: a failing COPY', () => {
  const loadFailure = () =>
    Object.assign(new Error("Load into table 'staging_events' failed.  Check 'stl_load_errors' system table for details."), {
      code: 'XX000',
      detail:
        "\n  -----------------------------------------------\n  error:  Load into table 'staging_events' failed.\n  code:      1216\n  context:   \n  query:     4242\n  location:  load.cpp:1\n  process:   query0_1 [pid=1]\n  -----------------------------------------------\n",
    });

  it("reads stl_load_errors for the failing COPY's query and raises them as a typed error", async () => {
    const rows = [
      stlRow({ line_number: 3, raw_field_value: '{"ts": "soon"' }),
      stlRow({
        line_number: 9,
        colname: 'user_id',
        column_type: 'varchar',
        raw_field_value: 'x'.repeat(70),
        err_code: 1204,
        err_reason: 'String length exceeds DDL length',
      }),
    ];
    const warehouse = new RecordingWarehouse((statement) => {
      if (statement.label === 'copy staging_events') return loadFailure();
      if (statement.sql === readSql('redshift/load_errors')) return { rows, rowCount: rows.length };
      return redshiftAnswers(statement);
    });
    const error = await copyStagingTables(warehouse, redshiftConfig(), { logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedshiftLoadError);
    expect(error).toBeInstanceOf(LoadFailedError);
    const failure = error as RedshiftLoadError;
    const afterCopy = warehouse.sent.slice(warehouse.sent.findIndex((sent) => sent.sql === readSql('redshift/load_errors')));
    expect(afterCopy[0]).toMatchObject({ sql: readSql('redshift/load_errors'), values: [4242], transaction: 0 });
    // Then, outside the rolled-back transaction, each reject is kept in sparkify_load_errors with the local loader's columns.
    const saved = afterCopy.slice(1);
    expect(saved.map((sent) => [sent.sql, sent.transaction])).toEqual([
      [readSql('load/insert_load_error'), 0],
      [readSql('load/insert_load_error'), 0],
    ]);
    expect(saved[1]!.values.slice(1)).toEqual([
      'staging_events',
      's3://udacity-dend/log_data/2018/11/2018-11-05-events.json',
      9,
      'user_id',
      'varchar',
      'x'.repeat(70),
      'String length exceeds DDL length (error 1204)',
    ]);
    expect(failure).toMatchObject({ code: 'LOAD_FAILED', table: 'staging_events', source: 's3://udacity-dend/log_data', queryId: 4242, maxErrors: 0 });
    expect(failure.stlLoadErrors).toEqual(rows);
    expect(failure.message).toBe(
      [
        'COPY into staging_events from s3://udacity-dend/log_data failed (query 4242): 2 bad record(s) in stl_load_errors, more than MAXERROR 0 allows; nothing of this load was committed',
        '  s3://udacity-dend/log_data/2018/11/2018-11-05-events.json line 3, column ts (timestamp): Invalid timestamp format or value (error 1206)',
        '    raw value: {"ts": "soon"',
        '  s3://udacity-dend/log_data/2018/11/2018-11-05-events.json line 9, column user_id (varchar): String length exceeds DDL length (error 1204)',
        `    raw value: ${'x'.repeat(70)}`,
      ].join('\n'),
    );
    expect((failure.cause as Error).message).toContain("Load into table 'staging_events' failed");
  });

  it('on Serverless, reads SYS_LOAD_ERROR_DETAIL instead, and the message names that view', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => stlRow({ line_number: i + 1 }));
    const warehouse = new RecordingWarehouse((statement) => {
      if (statement.label === 'copy staging_events') return loadFailure();
      if (statement.sql === readSql('redshift/load_errors_sys')) return { rows, rowCount: rows.length };
      return redshiftAnswers(statement);
    });
    const error = await copyStagingTables(warehouse, redshiftConfig('[CLUSTER]\nKIND = serverless\n'), { logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedshiftLoadError);
    expect(warehouse.sent.some((sent) => sent.sql === readSql('redshift/load_errors'))).toBe(false);
    const message = (error as RedshiftLoadError).message;
    expect(message).toContain('failed (query 4242): 12 bad record(s) in sys_load_error_detail, more than MAXERROR 0 allows');
    expect(message).toContain('... and 2 more: SELECT * FROM sys_load_error_detail WHERE query_id = 4242');
    expect(message).not.toContain('stl_load_errors');
  });

  it('without load errors to show (say the role may not read the bucket), keeps the COPY error and its SQL', async () => {
    const denied = Object.assign(new Error('S3ServiceException:Access Denied,Status 403'), { code: 'XX000', detail: '\n  query:     77\n' });
    const warehouse = new RecordingWarehouse((statement) => (statement.label === 'copy staging_songs' ? denied : redshiftAnswers(statement)));
    const error = await copyStagingTables(warehouse, redshiftConfig(), { logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyFailedError);
    expect((error as Error).message).toMatch(
      /^COPY into staging_songs from s3:\/\/udacity-dend\/song_data failed \(query 77\): copy staging_songs failed: S3ServiceException:Access Denied,Status 403\n {4}-- /,
    );
    expect((error as Error).message).toContain("    FROM 's3://udacity-dend/song_data'");
  });

  it('passes other failures through unchanged', async () => {
    const warehouse = new RecordingWarehouse((statement) =>
      statement.label === 'empty staging_events' ? new Error('relation "staging_events" does not exist') : undefined,
    );
    await expect(copyStagingTables(warehouse, redshiftConfig(), { logger: silentLogger })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      label: 'empty staging_events',
    });
  });

  it('refuses local sources and a missing role before sending anything', async () => {
    const warehouse = new RecordingWarehouse();
    const local = parseConfig(
      '[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nHOST = h\nDB_PASSWORD = pw\n[S3]\nLOG_DATA = ./logs\nSONG_DATA = s3://b/songs\nLOG_JSONPATH = auto\n',
    );
    const error = await copyStagingTables(warehouse, local, { logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => `${p.section}.${p.key}`)).toEqual(['IAM_ROLE.ARN', 'S3.LOG_DATA']);
    expect(warehouse.sent).toEqual([]);
  });
});

function stlRow(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    query: 4242,
    filename: 's3://udacity-dend/log_data/2018/11/2018-11-05-events.json',
    line_number: 1,
    colname: 'ts',
    column_type: 'timestamp',
    raw_field_value: '',
    raw_line: '{"ts": "soon"}',
    err_code: 1206,
    err_reason: 'Invalid timestamp format or value',
    ...overrides,
  };
}
