import { randomUUID } from 'node:crypto';
import { SparkifyError } from '../errors.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Queryable } from '../warehouse/types.ts';
import { escapeRawText } from './lenient-utf8.ts';

/** One rejected record: enough to find it in its file and see what was wrong. */
export interface LoadErrorRecord {
  readonly table: string;
  readonly source: string;
  readonly line: number;
  readonly column: string;
  readonly field: string;
  /** The record's text, escaped (escapeRawText) and cut to RAW_TEXT_LIMIT characters. */
  readonly rawText: string;
  readonly reason: string;
}

export const RAW_TEXT_LIMIT = 1024;

/** The widths of sparkify_load_errors' text columns (schema/tables.ts): every value is made to fit. */
const WIDTHS = { table: 128, source: 1024, column: 128, field: 256, rawText: RAW_TEXT_LIMIT, reason: 1024 } as const;

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

/** The rejects of a load within MAXERROR could not be recorded, so the load was rolled back. */
export class LoadErrorsNotSavedError extends SparkifyError {
  readonly errors: readonly LoadErrorRecord[];
  constructor(errors: readonly LoadErrorRecord[], cause: unknown) {
    const shown = errors.slice(0, 5).map(describeLoadError).join('\n');
    super(
      'LOAD_ERRORS_NOT_SAVED',
      `could not record ${errors.length} rejected record(s) in sparkify_load_errors (${(cause as Error).message}); the load was rolled back and nothing of it was committed\n${shown}`,
      { cause },
    );
    this.errors = errors;
  }
}

export function describeLoadError(error: LoadErrorRecord): string {
  const field = error.column === '-' ? '' : `, column ${error.column} (${error.field})`;
  return `  ${error.source} line ${error.line}${field}: ${error.reason}\n    ${error.rawText.slice(0, 200)}`;
}

/**
 * Saves rejected records (like stl_load_errors). Every value is escaped and cut to its column's
 * width, so any record's bytes and any path fit; a path too long keeps its start and its end.
 */
export async function saveLoadErrors(warehouse: Queryable, loadId: string, errors: readonly LoadErrorRecord[]): Promise<void> {
  const insert = loadSql('load/insert_load_error');
  for (const error of errors) {
    await warehouse.query(
      insert,
      [
        loadId,
        fit(error.table, WIDTHS.table),
        fit(error.source, WIDTHS.source),
        error.line,
        fit(error.column, WIDTHS.column),
        fit(error.field, WIDTHS.field),
        escapeRawText(error.rawText, WIDTHS.rawText),
        fit(error.reason, WIDTHS.reason),
      ],
      'save load error',
    );
  }
}

/** Escaped, and at most `width` characters: a longer text keeps its first quarter and its end, joined by `...`. */
function fit(text: string, width: number): string {
  const escaped = escapeRawText(text, Infinity);
  if (escaped.length <= width) return escaped;
  const head = Math.floor(width / 4);
  return `${escapeRawText(escaped.slice(0, head), head)}...${escaped.slice(escaped.length - (width - head - 3))}`;
}
