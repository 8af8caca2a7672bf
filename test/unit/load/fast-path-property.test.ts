import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { STAGING_COPY_OPTIONS, type CopyOptions } from '#src/load/coerce.ts';
import { FileRowReader } from '#src/load/file-rows.ts';
import { flatRowEncoder } from '#src/load/flat-rows.ts';
import { RowBuffer } from '#src/load/row-buffer.ts';
import { JsonRecordSplitter, type RawRecord } from '#src/load/json-records.ts';
import { parseAutoMapping, type FieldMapping } from '#src/load/jsonpaths.ts';
import { recordConverter } from '#src/load/record-converter.ts';
import { stagingEvents } from '#src/schema/tables.ts';
import type { ColumnType, TableDefinition } from '#src/schema/types.ts';
import { EVENT_FIELDS } from '../../support/fixtures.ts';

/**
 * The fast path (flat-rows.ts) against the slow path (splitter, parser, converter) on random lines
 * and on mutations of them: whenever the fast path takes a line, its row must be the slow path's,
 * byte for byte; whole files read with and without it must give the same rows and rejects.
 * `npm test` runs a fixed seed and a modest number of cases; `npm run fuzz` many more
 * (FUZZ_ITERATIONS, FUZZ_SEED to replay a failure).
 */
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 4000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const TIMEOUT_MS = 30_000 + ITERATIONS;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const table = (...types: [string, ColumnType][]): TableDefinition => ({
  name: 't',
  layer: 'staging',
  description: 'fuzz',
  columns: types.map(([name, type]) => ({ name, type })),
});
const mixed = table(
  ['s', { kind: 'varchar', length: 12 }],
  ['i', { kind: 'integer' }],
  ['b', { kind: 'bigint' }],
  ['h', { kind: 'smallint' }],
  ['d', { kind: 'double' }],
  ['t', { kind: 'timestamp' }],
  ['n', { kind: 'varchar', length: 3 }],
);
const eventsMapping: FieldMapping = { kind: 'jsonpaths', paths: EVENT_FIELDS.map((k) => [k]), expressions: EVENT_FIELDS.map((k) => `$['${k}']`) };
const OPTIONS: readonly CopyOptions[] = [
  STAGING_COPY_OPTIONS,
  { ...STAGING_COPY_OPTIONS, acceptInvChars: '?' },
  { truncateColumns: false, blanksAsNull: false, emptyAsNull: false, timeFormat: 'epochmillisecs' },
];
interface Target {
  readonly table: TableDefinition;
  readonly mapping: FieldMapping;
  /** The keys lines use, in column order. */
  readonly keys: readonly string[];
}
const TARGETS: readonly Target[] = [
  { table: mixed, mapping: parseAutoMapping('auto')!, keys: ['s', 'i', 'b', 'h', 'd', 't', 'n'] },
  { table: mixed, mapping: parseAutoMapping('auto ignorecase')!, keys: ['s', 'I', 'b', 'H', 'd', 'T', 'n'] },
  { table: stagingEvents, mapping: eventsMapping, keys: EVENT_FIELDS },
];

class Cases {
  readonly random: () => number;
  /** Clean lines use only values every column type takes, so that most of them are loadable. */
  #clean = false;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  string(): string {
    const pieces = [
      'a',
      'Z',
      ' ',
      '  ',
      'é',
      '€',
      '😀',
      '\\"',
      '\\\\',
      '\\/',
      '\\n',
      '\\t',
      '\\r',
      '\\b',
      '\\f',
      '\\u00e9',
      '\\u0041',
      '\\u005c',
      '\\u0009',
      '\\ud83d\\ude00',
      '\\ud800',
      '\\udc00',
      '\\u0000',
      'x y',
      '\\u0020',
      'abcdefghijklmnop',
      '\\x',
      '\t',
    ];
    const usable = this.#clean ? pieces.slice(0, 20) : pieces;
    return `"${Array.from({ length: this.int(9) }, () => this.pick(usable)).join('')}"`;
  }
  number(): string {
    const fixed = [
      '0',
      '-0',
      '12',
      '-7',
      '1.5',
      '1.0',
      '1e2',
      '-2.5e-3',
      '32767',
      '32768',
      '-32769',
      '2147483647',
      '2147483648',
      '1541008824796',
      '1541008824796.0',
      '0.000001',
      '0.0000001',
      '123.450',
      '99999999999',
      '9007199254740993',
      '9223372036854775807',
      '9223372036854775808',
      '-9223372036854775808',
      '1e400',
      '8640000000000000',
      '-210866803200001',
      '253402300800000',
      '-62167219200001',
      // The last millisecond of year 32767 (the latest staging_events.ts takes: time.year is a SMALLINT), and the next.
      '971890963199999',
      '971890963200000',
      '1234567890123456789012',
      '01',
      '1.',
      '-',
    ];
    if (this.#clean) return this.pick(fixed.slice(0, 20));
    if (this.random() < 0.7) return this.pick(fixed);
    const digits = Array.from({ length: 1 + this.int(22) }, () => String(this.int(10)))
      .join('')
      .replace(/^0+(?=\d)/, '');
    const fraction = this.random() < 0.3 ? `.${Array.from({ length: 1 + this.int(6) }, () => String(this.int(10))).join('')}` : '';
    const exponent = this.random() < 0.1 ? `e${this.pick(['', '+', '-'])}${this.int(30)}` : '';
    return `${this.random() < 0.2 ? '-' : ''}${digits}${fraction}${exponent}`;
  }
  /** A value the column takes (mostly), with the quirks real data has. */
  cleanValue(type: ColumnType | undefined): string {
    const roll = this.random();
    if (roll < 0.08) return 'null';
    switch (type?.kind) {
      case 'varchar':
        return roll < 0.8 ? this.string() : this.pick(['66', '1.50', '1e2', '9223372036854775808', '-0', '0.0000001']);
      case 'smallint':
        return this.pick(['0', '200', '-32768', '32767', '404', '7.0', '"12"']);
      case 'integer':
        return this.pick(['0', '1', '139', '-2147483648', '2147483647', '1e3', '" 42 "', String(this.int(1e9))]);
      case 'bigint':
        return this.pick([
          '1540919166796.0',
          '1540344794796',
          '9223372036854775807',
          '-9223372036854775808',
          '9007199254740993',
          '123456789012345',
          '1234567890123456',
        ]);
      case 'double':
        return this.pick(['246.30812', '0.1', '0.30000000000000004', '-1.5', '1e21', '1e-7', '123.450', '7', '"6.5"']);
      case 'timestamp':
        return this.pick([
          '1541106106796',
          '1541106106796.0',
          '0',
          '-1',
          '253402300800000',
          '-62167219200001',
          '8640000000000000',
          '971890963199999',
          '971890963200000',
          '971890963199999.9',
          String(1_540_000_000_000 + this.int(1e10)),
        ]);
      default:
        return this.string();
    }
  }
  value(depth = 0): string {
    const roll = this.random();
    if (roll < 0.4) return this.string();
    if (roll < 0.75) return this.number();
    if (roll < 0.85) return this.pick(['null', 'true', 'false']);
    if (depth > 2) return 'null';
    if (roll < 0.92) return `[${Array.from({ length: this.int(3) }, () => this.value(depth + 1)).join(',')}]`;
    return `{${Array.from({ length: this.int(3) }, () => `"k${this.int(3)}":${this.value(depth + 1)}`).join(',')}}`;
  }
  line(target: Target): string {
    this.#clean = this.random() < 0.6;
    const keys = [...target.keys, 'other', 'OTHER'].filter(() => this.random() < (this.#clean ? 0.85 : 0.6));
    const chosen = this.random() < 0.7 ? keys : keys.sort(() => this.random() - 0.5);
    if (!this.#clean && this.random() < 0.05 && chosen.length > 0) chosen.push(chosen[0]!);
    const blank = () => (this.random() < 0.8 ? '' : this.pick([' ', '\t', '  ', '\r']));
    const value = (key: string) => (this.#clean ? this.cleanValue(target.table.columns[target.keys.indexOf(key)]?.type) : this.value());
    return `${blank()}{${chosen.map((key) => `${blank()}"${key}"${blank()}:${blank()}${value(key)}`).join(this.pick([',', ',', ', ']))}}${blank()}`;
  }
  /** The line with a few random edits of its bytes (no newline inserted: it stays one line). */
  mutate(line: string): Buffer {
    let bytes = Buffer.from(line);
    const interesting = [
      0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x5c, 0x2c, 0x3a, 0x30, 0x39, 0x2d, 0x2e, 0x65, 0x20, 0x09, 0x0d, 0x00, 0x1b, 0x75, 0x80, 0xbf, 0xc3, 0xe2, 0xed, 0xf0,
      0xff,
    ];
    for (let edits = 1 + this.int(3); edits > 0; edits--) {
      const at = this.int(bytes.length + 1);
      const kind = this.int(5);
      const byte = this.random() < 0.7 ? this.pick(interesting) : this.int(256);
      if (byte === 0x0a) continue;
      if (kind === 0) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
      else if (kind === 1) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
      else if (kind === 2 && at < bytes.length) bytes[at] = byte;
      else if (kind === 3) bytes = bytes.subarray(0, at);
      else {
        const from = this.int(bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(from, from + this.int(12)), bytes.subarray(at)]);
      }
    }
    return Buffer.from(bytes.toString('latin1').replace(/\n/g, ' '), 'latin1');
  }
}

/** The fast path's row for one line of bytes, or undefined when it declines (then it must write nothing). */
function fastRow(target: Target, options: CopyOptions, line: Buffer): string | undefined {
  const encoder = flatRowEncoder(target.table, target.mapping, options)!;
  const out = new RowBuffer(16);
  const bytes = Buffer.concat([line, Buffer.from('\n')]);
  const end = encoder.encodeLine(bytes, 0, out);
  if (end === -1) {
    expect(out.length).toBe(0);
    return undefined;
  }
  expect(end).toBe(bytes.length - 1);
  return out.take().toString('latin1');
}

/** Rows and rejects of a whole file read through FileRowReader, with or without the fast path. */
function readFile(target: Target, options: CopyOptions, file: Buffer, chunkSize: number, fast: boolean) {
  const convert = recordConverter(target.table, target.mapping, options);
  const rows = new RowBuffer(64);
  const rejects: unknown[] = [];
  const onRecords = (records: readonly RawRecord[]) => {
    for (const record of records) {
      const result = record.broken ? { ok: false as const, problem: record.broken } : convert(record.text, record.value);
      if (result.ok) rows.appendString(result.row);
      else rejects.push([record.line, result.problem]);
    }
  };
  const reader = new FileRowReader(fast ? flatRowEncoder(target.table, target.mapping, options) : undefined, new JsonRecordSplitter(), rows, onRecords);
  for (let at = 0; at < file.length; at += chunkSize) reader.push(file.subarray(at, at + chunkSize));
  reader.end();
  return { rows: rows.take().toString('latin1'), rejects };
}

describe(`fast path against slow path (seed ${SEED}, ${ITERATIONS} cases)`, () => {
  it(
    'gives the slow path its row for every line it takes, random and mutated',
    () => {
      const cases = new Cases(SEED);
      let taken = 0;
      for (let k = 0; k < ITERATIONS; k++) {
        const target = cases.pick(TARGETS);
        const options = cases.pick(OPTIONS);
        const text = cases.line(target);
        const line = cases.random() < 0.5 ? Buffer.from(text) : cases.mutate(text);
        // The fast path is only handed valid UTF-8 (FileRowReader checks); the file test below covers the rest.
        if (!isUtf8(line)) continue;
        const fast = fastRow(target, options, line);
        if (fast === undefined) continue;
        taken++;
        // The slow path reads the same bytes (one line, one record) as a file would hand them over.
        const slow = readFile(target, options, line, line.length, false);
        expect({ case: k, seed: SEED, line: line.toString('latin1'), row: fast, rejects: [] }).toEqual({
          case: k,
          seed: SEED,
          line: line.toString('latin1'),
          row: slow.rows,
          rejects: slow.rejects,
        });
      }
      expect(taken).toBeGreaterThan(ITERATIONS / 5);
    },
    TIMEOUT_MS,
  );

  it(
    'reads whole files, in any chunks, to the same rows and rejects with or without the fast path',
    () => {
      const cases = new Cases(SEED + 1);
      for (let k = 0; k < Math.max(50, ITERATIONS / 20); k++) {
        const target = cases.pick(TARGETS);
        const options = cases.pick(OPTIONS);
        const lines = Array.from({ length: 1 + cases.int(12) }, () => {
          const text = cases.line(target);
          return cases.random() < 0.3 ? cases.mutate(text) : Buffer.from(cases.random() < 0.05 ? text.replace(/,/g, ',\n') : text);
        });
        const bom = cases.random() < 0.1 ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
        const file = Buffer.concat([bom, ...lines.flatMap((l) => [l, Buffer.from(cases.pick(['\n', '\n', '\r\n', '\n\n']))])]).subarray(
          0,
          cases.random() < 0.3 ? undefined : -1,
        );
        const slow = readFile(target, options, file, file.length, false);
        const chunk = 1 + cases.int(file.length + 1);
        expect({ case: k, seed: SEED, file: file.toString('latin1'), chunk, ...readFile(target, options, file, chunk, true) }).toEqual({
          case: k,
          seed: SEED,
          file: file.toString('latin1'),
          chunk,
          ...slow,
        });
      }
    },
    TIMEOUT_MS,
  );
});
