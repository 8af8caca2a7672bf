import type { TableDefinition } from '../schema/types.ts';
import { coercerFor, CoercionError, type CopyOptions } from './coerce.ts';
import { encodeCopyField } from './copy-text.ts';
import { fieldExtractor, type FieldMapping } from './jsonpaths.ts';

/** Why one record could not become a row: which field, and what was wrong with it. */
export interface RecordProblem {
  /** Column name, or '-' when the record as a whole is bad (malformed JSON, not an object). */
  readonly column: string;
  /** The JSONPath or key the column is read from. */
  readonly field: string;
  readonly reason: string;
}

export type ConvertResult = { ok: true; row: string } | { ok: false; problem: RecordProblem };

/**
 * Parses one record's text and turns it into a COPY text row for `table`, or says which field is bad.
 */
export function recordConverter(table: TableDefinition, mapping: FieldMapping, options: CopyOptions): (text: string, parsed?: object) => ConvertResult {
  const columns = table.columns.map((c) => c.name);
  const extract = fieldExtractor(mapping, columns);
  const coercers = table.columns.map((c) => coercerFor(c.type, options));
  const fieldNames = mapping.kind === 'jsonpaths' ? mapping.expressions : columns;
  const wantsObject = mapping.kind === 'auto';
  return (text, parsed) => {
    let record: unknown = parsed;
    if (record === undefined) {
      try {
        record = JSON.parse(text);
      } catch (error) {
        return { ok: false, problem: { column: '-', field: '-', reason: `invalid JSON: ${(error as Error).message}` } };
      }
    }
    if (record === null || typeof record !== 'object' || (wantsObject && Array.isArray(record))) {
      return { ok: false, problem: { column: '-', field: '-', reason: `expected a JSON object, found ${Array.isArray(record) ? 'an array' : typeof record}` } };
    }
    const values = extract(record);
    let row = '';
    for (let i = 0; i < coercers.length; i++) {
      let text: string | null;
      try {
        text = coercers[i]!(values[i]);
      } catch (error) {
        if (!(error instanceof CoercionError)) throw error;
        return { ok: false, problem: { column: columns[i]!, field: fieldNames[i]!, reason: error.message } };
      }
      row += i === 0 ? encodeCopyField(text) : `\t${encodeCopyField(text)}`;
    }
    return { ok: true, row: `${row}\n` };
  };
}
