import { QueryError } from '#src/errors.ts';
import { STAGING_COPY_OPTIONS } from '#src/load/coerce.ts';
import { loadJsonIntoTable } from '#src/load/json-table-loader.ts';
import { parseAutoMapping, parseJsonPaths } from '#src/load/jsonpaths.ts';
import { LoadFailedError, type LoadErrorRecord } from '#src/load/load-errors.ts';
import { tableNamed } from '#src/schema/tables.ts';
import { LocalSourceReader } from '#src/sources/local.ts';
import { readSql } from '#src/sql/sql-files.ts';
import type { QueryResult, Queryable, Session, Warehouse } from '#src/warehouse/types.ts';

/** One COPY the stand-in received, with its values read back out of the SQL text. */
export interface ReceivedCopy {
  readonly queryId: number;
  readonly table: string;
  readonly columns: readonly string[];
  readonly source: string;
  readonly iamRole: string;
  readonly jsonFormat: string;
  readonly region: string;
  readonly maxErrors: number;
}

export interface StandInOptions {
  /** Where the objects of an s3:// URI are on disk (the stand-in's "S3"). */
  readonly localPathOf: (s3Uri: string) => string;
  /** Rewrites Redshift DDL so PostgreSQL accepts it (for create-tables through the CLI). */
  readonly translateDdl?: boolean;
}

// The statement Redshift's COPY becomes once rendered from sql/redshift/copy_staging.sql, comments aside.
const LITERAL = "'((?:[^']|'')*)'";
const COPY_PATTERN = new RegExp(
  `^COPY "(\\w+)" \\(([^)]*)\\)\\nFROM ${LITERAL}\\nIAM_ROLE ${LITERAL}\\nFORMAT AS JSON ${LITERAL}\\nTIMEFORMAT 'epochmillisecs'\\nREGION ${LITERAL}\\n` +
    'TRUNCATECOLUMNS\\nBLANKSASNULL\\nEMPTYASNULL\\nCOMPUPDATE OFF\\nSTATUPDATE OFF\\nMAXERROR (\\d+)$',
);

/**
 * Redshift's load-error system tables, made real in the stand-in's database with Redshift's column names
 * and types (Database Developer Guide: STL_LOAD_ERRORS, SYS_LOAD_ERROR_DETAIL), so the product's own
 * queries of them run unchanged.
 */
const SYSTEM_TABLES = [
  `CREATE TABLE IF NOT EXISTS stl_load_errors (query INTEGER, filename CHAR(256), line_number BIGINT, colname CHAR(127), type CHAR(10),
     raw_field_value CHAR(1024), raw_line CHAR(1024), err_code INTEGER, err_reason CHAR(100))`,
  `CREATE TABLE IF NOT EXISTS sys_load_error_detail (query_id BIGINT, file_name CHAR(256), line_number BIGINT, column_name CHAR(127),
     column_type CHAR(10), error_code INTEGER, error_message CHAR(512))`,
];
const INSERT_STL = 'INSERT INTO stl_load_errors VALUES ($1, $2, $3, $4, $5, $6, $6, 1216, $7)';
const INSERT_SYS = 'INSERT INTO sys_load_error_detail VALUES ($1, $2, $3, $4, $5, 1216, $6)';

interface SessionState {
  lastCopy?: { queryId: number; rows: number };
}

// Query ids are unique across stand-ins, as Redshift's are across sessions: stl_load_errors rows left by
// one stand-in's failed COPY must never be read as another's.
let nextQueryId = 1000;

/**
 * Redshift stood in for by PostgreSQL, where only what PostgreSQL cannot do is emulated: COPY from
 * S3 (performed by the product's own Redshift-semantics loader, reading the local copy of the
 * "bucket"), pg_last_copy_id/pg_last_copy_count, stl_load_errors and stl_load_commits/stl_s3client.
 * Everything else (DELETE-based emptying, transforms, checks, transactions) runs on PostgreSQL as sent.
 * A failing COPY fails the way Redshift's does: a server error whose DETAIL names the query id.
 */
export class RedshiftStandIn implements Warehouse {
  readonly engine = 'redshift' as const;
  readonly dialect = 'redshift' as const;
  readonly description = 'Redshift stand-in (PostgreSQL; COPY from S3 and stl_* emulated)';
  readonly copies: ReceivedCopy[] = [];
  /** Every statement received, as sent (before any stand-in rewriting). */
  readonly received: string[] = [];
  /** Tables sent VACUUM DELETE ONLY, in order. */
  readonly vacuumed: string[] = [];
  readonly #inner: Warehouse;
  readonly #options: StandInOptions;
  readonly #copyFiles = new Map<number, { files: number; bytes: number }>();

  constructor(inner: Warehouse, options: StandInOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  query<R>(sql: string, values: readonly unknown[] = [], label = 'query'): Promise<QueryResult<R>> {
    return this.#answer<R>(sql, values, label, this.#inner, {});
  }

  transaction<T>(work: (session: Session) => Promise<T>): Promise<T> {
    return this.#inner.transaction((session) => work(this.#wrap(session)));
  }

  withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    return this.#inner.withSession((session) => work(this.#wrap(session)));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  #wrap(session: Session): Session {
    const state: SessionState = {};
    return { query: <R>(sql: string, values: readonly unknown[] = [], label = 'query') => this.#answer<R>(sql, values, label, session, state) };
  }

  async #answer<R>(sql: string, values: readonly unknown[], label: string, target: Queryable | Session, state: SessionState): Promise<QueryResult<R>> {
    this.received.push(sql);
    const statement = withoutLeadingComments(sql);
    if (statement.startsWith('COPY ') && /\sFROM 's3:\/\//.test(statement))
      return (await this.#copy(sql, statement, label, target as Session, state)) as QueryResult<R>;
    if (sql === readSql('redshift/last_copy')) {
      return { rows: [{ query_id: state.lastCopy?.queryId ?? -1, row_count: state.lastCopy?.rows ?? 0 }] as R[], rowCount: 1 };
    }
    if (sql === readSql('redshift/copy_files') || sql === readSql('redshift/copy_files_sys')) {
      const copied = this.#copyFiles.get(Number(values[0])) ?? { files: 0, bytes: 0 };
      return { rows: [copied] as R[], rowCount: 1 };
    }
    if (this.#options.translateDdl && statement.startsWith('CREATE TABLE')) return target.query<R>(postgresDdl(sql), values, label);
    // PostgreSQL's VACUUM has no DELETE ONLY; like Redshift's, it cannot run in a transaction block.
    const vacuum = /^VACUUM DELETE ONLY ("\w+")$/.exec(statement);
    if (vacuum) {
      this.vacuumed.push(vacuum[1]!.slice(1, -1));
      return target.query<R>(`VACUUM ${vacuum[1]}`, values, label);
    }
    return target.query<R>(sql, values, label);
  }

  async #copy(sql: string, statement: string, label: string, session: Session, state: SessionState): Promise<QueryResult<never>> {
    const match = COPY_PATTERN.exec(statement);
    if (!match)
      throw new QueryError(label, sql, Object.assign(new Error('stand-in: COPY not in the form sql/redshift/copy_staging.sql renders'), { code: '42601' }));
    const [, table, columns, source, iamRole, jsonFormat, region, maxErrors] = match;
    const queryId = nextQueryId++;
    const copy: ReceivedCopy = {
      queryId,
      table: table!,
      columns: columns!.split(', ').map((c) => c.replace(/^"|"$/g, '')),
      source: unquote(source!),
      iamRole: unquote(iamRole!),
      jsonFormat: unquote(jsonFormat!),
      region: unquote(region!),
      maxErrors: Number(maxErrors),
    };
    this.copies.push(copy);
    const reader = new LocalSourceReader();
    const toS3 = (file: string) => copy.source + file.slice(this.#options.localPathOf(copy.source).length);
    const objects = (await reader.list(this.#options.localPathOf(copy.source))).map((object) => ({ ...object, uri: toS3(object.uri) }));
    if (objects.length === 0) {
      throw redshiftError(label, sql, queryId, `S3ServiceException:The specified S3 prefix '${copy.source.replace(/^s3:\/\/[^/]+\//, '')}' does not exist`);
    }
    const mapping =
      parseAutoMapping(copy.jsonFormat) ??
      parseJsonPaths(await reader.readText(this.#options.localPathOf(copy.jsonFormat)), copy.jsonFormat, copy.columns.length);
    try {
      const loaded = await loadJsonIntoTable(session, tableNamed(copy.table), mapping, objects, {
        maxErrors: copy.maxErrors,
        concurrency: 16,
        copyOptions: STAGING_COPY_OPTIONS,
      });
      await this.#recordErrors(queryId, loaded.rejected);
      this.#copyFiles.set(queryId, { files: loaded.files, bytes: loaded.bytes });
      state.lastCopy = { queryId, rows: loaded.rows };
      return { rows: [], rowCount: loaded.rows };
    } catch (error) {
      if (!(error instanceof LoadFailedError)) throw error;
      // Like stl_load_errors, the rejects outlive the load's rollback (written outside its transaction).
      await this.#recordErrors(queryId, error.errors);
      throw redshiftError(label, sql, queryId, `Load into table '${copy.table}' failed.  Check 'stl_load_errors' system table for details.`);
    }
  }

  /** Like Redshift's, these rows outlive the load's rollback: written outside its transaction. */
  async #recordErrors(queryId: number, errors: readonly LoadErrorRecord[]): Promise<void> {
    for (const statement of SYSTEM_TABLES) await this.#inner.query(statement);
    for (const e of errors) {
      const reason = e.reason.slice(0, 100);
      await this.#inner.query(INSERT_STL, [queryId, e.source, e.line, e.column, e.field.slice(0, 10), e.rawText.slice(0, 1024), reason]);
      await this.#inner.query(INSERT_SYS, [queryId, e.source, e.line, e.column, e.field.slice(0, 10), e.reason.slice(0, 512)]);
    }
  }
}

function withoutLeadingComments(sql: string): string {
  return sql.replace(/^(?:\s*--[^\n]*\n)+/, '').trim();
}

/** 's3://b/it''s' -> s3://b/it's (and the doubled backslashes quoteLiteral writes). */
function unquote(literal: string): string {
  return literal.replace(/''/g, "'").replace(/\\\\/g, '\\');
}

/** A server error as Redshift sends it over the PostgreSQL protocol: the query id in the DETAIL block. */
function redshiftError(label: string, sql: string, queryId: number, message: string): QueryError {
  const detail = `\n  -----------------------------------------------\n  error:  ${message}\n  code:      1216\n  context:   \n  query:     ${queryId}\n  location:  stand-in\n  process:   stand-in\n  -----------------------------------------------\n`;
  return new QueryError(label, sql, Object.assign(new Error(message), { code: 'XX000', detail }));
}

/** Redshift's physical-design clauses have no PostgreSQL meaning; IDENTITY(seed, step) becomes IDENTITY. */
function postgresDdl(sql: string): string {
  return sql.replace(/\n(?:DISTSTYLE|DISTKEY|SORTKEY) [^\n]*/g, '').replace(/IDENTITY\(1, 1\)/g, 'IDENTITY');
}
