import { randomUUID } from 'node:crypto';
import { SparkifyError } from '../errors.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Queryable } from '../warehouse/types.ts';

/** One rejected record: enough to find it in its file and see what was wrong. */
export interface LoadErrorRecord {
  readonly table: string;
  readonly source: string;
  readonly line: number;
  readonly column: string;
  readonly field: string;
  readonly rawText: string;
  readonly reason: string;
}

export const RAW_TEXT_LIMIT = 1024;

export function newLoadId(): string {
  return randomUUID();
}

/** A staging load met more bad records than MAXERROR allows; nothing of it was committed. */
export class LoadFailedError extends SparkifyError {
  readonly table: string;
  readonly errors: readonly LoadErrorRecord[];
  readonly maxErrors: number;
  constructor(table: string, errors: readonly LoadErrorRecord[], maxErrors: number, options?: { cause?: unknown }) {
    const shown = errors.slice(0, 5).map(describeLoadError).join('\n');
    const more = errors.length > 5 ? `\n  ... and ${errors.length - 5} more (see table sparkify_load_errors)` : '';
    super(
      'LOAD_FAILED',
      `load of ${table} stopped: ${errors.length} bad record(s), more than MAXERROR ${maxErrors} allows; nothing of this load was committed\n${shown}${more}`,
      options,
    );
    this.table = table;
    this.errors = errors;
    this.maxErrors = maxErrors;
  }
}

export function describeLoadError(error: LoadErrorRecord): string {
  const field = error.column === '-' ? '' : `, column ${error.column} (${error.field})`;
  return `  ${error.source} line ${error.line}${field}: ${error.reason}\n    ${error.rawText.slice(0, 200)}`;
}

/**
 * Saves rejected records outside the load's transaction (like stl_load_errors), so they are there to
 * read even when the load itself rolled back.
 */
export async function saveLoadErrors(warehouse: Queryable, loadId: string, errors: readonly LoadErrorRecord[]): Promise<void> {
  const insert = loadSql('load/insert_load_error');
  for (const error of errors) {
    await warehouse.query(
      insert,
      [loadId, error.table, error.source, error.line, error.column, error.field, error.rawText.slice(0, RAW_TEXT_LIMIT), error.reason.slice(0, 1024)],
      'save load error',
    );
  }
}
