import { LoadFailedError, type LoadErrorRecord } from '../load-errors.ts';
import { SparkifyError } from '../../errors.ts';

/** One row of stl_load_errors, as sql/redshift/load_errors.sql reads it. */
export interface StlLoadError {
  readonly query: number;
  readonly filename: string;
  readonly line_number: number;
  readonly colname: string;
  readonly column_type: string;
  readonly raw_field_value: string;
  readonly raw_line: string;
  readonly err_code: number;
  readonly err_reason: string;
}

/** The product's shape for a rejected record, so Redshift rejects read like the local loader's. */
export function toLoadErrorRecord(table: string, row: StlLoadError): LoadErrorRecord {
  return {
    table,
    source: row.filename,
    line: Number(row.line_number),
    column: row.colname || '-',
    field: row.column_type || '-',
    rawText: row.raw_field_value || row.raw_line || '',
    reason: `${row.err_reason} (error ${row.err_code})`,
  };
}

/** Where Redshift logs a COPY's rejects: stl_load_errors on a provisioned cluster, SYS_LOAD_ERROR_DETAIL on Serverless. */
export type LoadErrorsView = 'stl_load_errors' | 'sys_load_error_detail';

/**
 * A COPY met more bad records than MAXERROR allows; Redshift rolled the load back. The rows are
 * Redshift's own load errors for that COPY, from `view` (its query id is kept to look them up again).
 */
export class RedshiftLoadError extends LoadFailedError {
  readonly source: string;
  readonly queryId: number;
  readonly stlLoadErrors: readonly StlLoadError[];
  constructor(
    table: string,
    source: string,
    queryId: number,
    rows: readonly StlLoadError[],
    maxErrors: number,
    options?: { cause?: unknown; view?: LoadErrorsView },
  ) {
    super(
      table,
      rows.map((row) => toLoadErrorRecord(table, row)),
      maxErrors,
      options,
    );
    const shown = rows.slice(0, 10).map(describeStlLoadError).join('\n');
    const view = options?.view ?? 'stl_load_errors';
    const key = view === 'sys_load_error_detail' ? 'query_id' : 'query';
    const more = rows.length > 10 ? `\n  ... and ${rows.length - 10} more: SELECT * FROM ${view} WHERE ${key} = ${queryId}` : '';
    this.message =
      `COPY into ${table} from ${source} failed (query ${queryId}): ${rows.length} bad record(s) in ${view}, ` +
      `more than MAXERROR ${maxErrors} allows; nothing of this load was committed\n${shown}${more}`;
    this.source = source;
    this.queryId = queryId;
    this.stlLoadErrors = rows;
  }
}

export function describeStlLoadError(row: StlLoadError): string {
  const column = row.colname ? `, column ${row.colname}${row.column_type ? ` (${row.column_type})` : ''}` : '';
  const raw = row.raw_field_value || row.raw_line;
  return `  ${row.filename} line ${row.line_number}${column}: ${row.err_reason} (error ${row.err_code})${raw ? `\n    raw value: ${raw.slice(0, 200)}` : ''}`;
}

/** A COPY failed with nothing in stl_load_errors to show (no such bucket, role not allowed, bad JSONPaths...). */
export class CopyFailedError extends SparkifyError {
  readonly table: string;
  readonly source: string;
  readonly queryId: number | undefined;
  constructor(table: string, source: string, queryId: number | undefined, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('COPY_FAILED', `COPY into ${table} from ${source} failed${queryId === undefined ? '' : ` (query ${queryId})`}: ${reason}`, { cause });
    this.table = table;
    this.source = source;
    this.queryId = queryId;
  }
}
