import type { TableDefinition } from '../schema/types.ts';
import type { CopyOptions } from './coerce.ts';
import { FileRowReader } from './file-rows.ts';
import { flatRowEncoder, type FlatRowEncoder } from './flat-rows.ts';
import { JsonRecordSplitter, type RawRecord } from './json-records.ts';
import type { FieldMapping } from './jsonpaths.ts';
import { escapeRawText } from './lenient-utf8.ts';
import { RAW_TEXT_LIMIT, type LoadErrorRecord } from './load-errors.ts';
import { recordConverter } from './record-converter.ts';
import type { RowBuffer } from './row-buffer.ts';

/** What a table's staging load reads its files with; plain data, so a parse worker can be given it. */
export interface TableConversion {
  readonly table: TableDefinition;
  readonly mapping: FieldMapping;
  readonly copyOptions: CopyOptions;
}

/**
 * Turns files of JSON records into COPY text rows of one table, as Redshift's JSON COPY reads them:
 * flat one-object lines through the fast encoder (flat-rows.ts), everything else through the
 * record splitter and converter. Built once per table load (on the main thread, or in each parse
 * worker), then used for every file.
 */
export class FileConverter {
  readonly #tableName: string;
  readonly #encoder: FlatRowEncoder | undefined;
  readonly #convert: RecordConverter;

  constructor({ table, mapping, copyOptions }: TableConversion) {
    this.#tableName = table.name;
    this.#encoder = flatRowEncoder(table, mapping, copyOptions);
    this.#convert = recordConverter(table, mapping, copyOptions);
  }

  /**
   * One file's conversion: its bytes are pushed in order and its rows appended to `rows`. Each bad
   * record goes to `onReject` (which may throw to stop the file).
   */
  open(uri: string, rows: RowBuffer, onReject: (record: LoadErrorRecord) => void): FileConversion {
    return new FileConversion(uri, this.#tableName, this.#encoder, this.#convert, rows, onReject);
  }
}

/** The slow path's converter of one record's text (and its value, when already parsed) into a row or a problem. */
type RecordConverter = ReturnType<typeof recordConverter>;

export class FileConversion {
  readonly #table: string;
  readonly #convert: RecordConverter;
  readonly #rows: RowBuffer;
  readonly #onReject: (record: LoadErrorRecord) => void;
  readonly #reader: FileRowReader;
  #slowRows = 0;

  constructor(
    readonly uri: string,
    table: string,
    encoder: FlatRowEncoder | undefined,
    convert: RecordConverter,
    rows: RowBuffer,
    onReject: (record: LoadErrorRecord) => void,
  ) {
    this.#table = table;
    this.#convert = convert;
    this.#rows = rows;
    this.#onReject = onReject;
    this.#reader = new FileRowReader(encoder, new JsonRecordSplitter(), rows, (records) => this.#handle(records));
  }

  /** Rows appended so far. */
  get rows(): number {
    return this.#reader.fastRows + this.#slowRows;
  }

  push(bytes: Buffer): void {
    this.#reader.push(bytes);
  }

  /** The end of the file: its last line and any record still open. */
  end(): void {
    this.#reader.end();
  }

  /** Converts the records the slow path split, in order: rows appended, bad records rejected. */
  #handle(records: readonly RawRecord[]): void {
    for (const record of records) {
      const result = record.broken
        ? { ok: false as const, problem: { column: '-', field: '-', reason: `malformed JSON: ${record.broken}` } }
        : this.#convert(record.text, record.value);
      if (result.ok) {
        this.#rows.appendString(result.row);
        this.#slowRows++;
        continue;
      }
      this.#onReject({ table: this.#table, source: this.uri, line: record.line, ...result.problem, rawText: escapeRawText(record.text, RAW_TEXT_LIMIT) });
    }
  }
}
