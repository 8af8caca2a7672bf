import type { TableDefinition } from '../schema/types.ts';
import { coercerFor, CoercionError, type CopyOptions } from './coerce.ts';
import { encodeCopyField } from './copy-text.ts';
import { parseJson, type JsonValue } from './json-value.ts';
import { fieldExtractor, type FieldMapping } from './jsonpaths.ts';
import { firstInvalidByte, isWellFormed, replaceInvalidBytes } from './lenient-utf8.ts';

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
 * `text` comes from the lenient UTF-8 decoder: bytes that were not UTF-8 are lone surrogates in it.
 * `parsed` is the record already parsed from that same text, when the splitter did it.
 */
export function recordConverter(table: TableDefinition, mapping: FieldMapping, options: CopyOptions): (text: string, parsed?: JsonValue) => ConvertResult {
  const columns = table.columns.map((c) => c.name);
  const extract = fieldExtractor(mapping, columns);
  const coercers = table.columns.map((c) => coercerFor(c.type, options));
  const fieldNames = mapping.kind === 'jsonpaths' ? mapping.expressions : columns;
  const shape = recordShape(mapping);
  const whole = (reason: string): ConvertResult => ({ ok: false, problem: { column: '-', field: '-', reason } });
  return (text, parsed) => {
    let record = parsed;
    if (!isWellFormed(text)) {
      if (options.acceptInvChars === undefined) {
        return whole(`invalid UTF-8: byte 0x${firstInvalidByte(text)} is not part of a valid character (set [S3] ACCEPTINVCHARS to replace such bytes)`);
      }
      text = replaceInvalidBytes(text, options.acceptInvChars);
      record = undefined;
    }
    if (record === undefined) {
      const result = parseJson(text);
      if (!result.ok) return whole(`invalid JSON: ${result.reason}`);
      record = result.value;
    }
    const problem = shapeProblem(record, shape);
    if (problem) return whole(problem);
    const values = extract(record);
    let row = '';
    for (let i = 0; i < coercers.length; i++) {
      let field: string | null;
      try {
        field = coercers[i]!(values[i]);
      } catch (error) {
        if (!(error instanceof CoercionError)) throw error;
        return { ok: false, problem: { column: columns[i]!, field: fieldNames[i]!, reason: error.message } };
      }
      row += i === 0 ? encodeCopyField(field) : `\t${encodeCopyField(field)}`;
    }
    return { ok: true, row: `${row}\n` };
  };
}

/** What a record must be for the mapping to read it: keys need an object, indexes an array, a mix either. */
type Shape = 'object' | 'array' | 'either';

function recordShape(mapping: FieldMapping): Shape {
  if (mapping.kind === 'auto') return 'object';
  const firstSteps = mapping.paths.map((steps) => typeof steps[0]);
  if (firstSteps.every((kind) => kind === 'string')) return 'object';
  if (firstSteps.every((kind) => kind === 'number')) return 'array';
  return 'either';
}

function shapeProblem(record: JsonValue, shape: Shape): string | undefined {
  const found =
    record === null
      ? 'null'
      : Array.isArray(record)
        ? 'an array'
        : typeof record === 'object'
          ? 'an object'
          : `a ${typeof record === 'string' ? 'string' : typeof record === 'boolean' ? 'boolean' : 'number'}`;
  if (shape === 'object' && found === 'an object') return undefined;
  if (shape === 'array' && found === 'an array') return undefined;
  if (shape === 'either' && (found === 'an object' || found === 'an array')) return undefined;
  const expected = shape === 'array' ? 'a JSON array (the JSONPaths start with an index)' : shape === 'either' ? 'a JSON object or array' : 'a JSON object';
  return `expected ${expected}, found ${found}`;
}
