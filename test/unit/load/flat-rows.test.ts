import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochMillisText, MIN_EPOCH_MS, STAGING_COPY_OPTIONS, type CopyOptions } from '#src/load/coerce.ts';
import { FileRowReader } from '#src/load/file-rows.ts';
import { flatRowEncoder } from '#src/load/flat-rows.ts';
import { RowBuffer } from '#src/load/row-buffer.ts';
import { JsonRecordSplitter, type RawRecord } from '#src/load/json-records.ts';
import { parseJson } from '#src/load/json-value.ts';
import { parseAutoMapping, parseJsonPaths, type FieldMapping } from '#src/load/jsonpaths.ts';
import { recordConverter } from '#src/load/record-converter.ts';
import { stagingEvents, stagingSongs } from '#src/schema/tables.ts';
import type { ColumnType, TableDefinition } from '#src/schema/types.ts';
import { sharedData } from '../../support/requirements.ts';
import { EVENT_FIELDS } from '../../support/fixtures.ts';

const REAL_DATA = join(import.meta.dirname, '../../../../shared/data/sparkify');
// In CI the public data must be there (the differential tests on it fail the file otherwise).
const realData = sharedData('the fast-path differential tests on the public data') !== undefined;
const eventsMapping = (dir = REAL_DATA): FieldMapping =>
  existsSync(join(dir, 'log_json_path.json'))
    ? parseJsonPaths(readFileSync(join(dir, 'log_json_path.json'), 'utf8'), 'log_json_path.json', stagingEvents.columns.length)
    : { kind: 'jsonpaths', paths: EVENT_FIELDS.map((k) => [k]), expressions: EVENT_FIELDS.map((k) => `$['${k}']`) };
const auto = parseAutoMapping('auto')!;

/** Row (or undefined) from the fast path for one line of text. */
function fastRow(table: TableDefinition, mapping: FieldMapping, line: string, options: CopyOptions = STAGING_COPY_OPTIONS): string | undefined {
  const encoder = flatRowEncoder(table, mapping, options);
  if (!encoder) throw new Error('no fast path for this mapping');
  const out = new RowBuffer(16);
  const bytes = Buffer.from(`${line}\n`);
  const end = encoder.encodeLine(bytes, 0, out);
  if (end === -1) {
    expect(out.length).toBe(0);
    return undefined;
  }
  expect(end).toBe(bytes.length - 1);
  return out.take().toString('utf8');
}

/** What the slow path makes of the line: its row (as UTF-8 bytes read back) or its problem. */
function slowResult(table: TableDefinition, mapping: FieldMapping, line: string, options: CopyOptions = STAGING_COPY_OPTIONS) {
  const parsed = parseJson(line);
  if (!parsed.ok) return { ok: false as const };
  const result = recordConverter(table, mapping, options)(line, parsed.value);
  return result.ok ? { ok: true as const, row: Buffer.from(result.row).toString('utf8') } : { ok: false as const, problem: result.problem };
}

/** Asserts the fast path gives the slow path's row, or declines; returns whether it took the line. */
function expectSame(table: TableDefinition, mapping: FieldMapping, line: string, options: CopyOptions = STAGING_COPY_OPTIONS): boolean {
  const fast = fastRow(table, mapping, line, options);
  const slow = slowResult(table, mapping, line, options);
  if (fast === undefined) return false;
  expect({ line, ok: slow.ok }).toEqual({ line, ok: true });
  if (slow.ok) expect({ line, row: fast }).toEqual({ line, row: slow.row });
  return true;
}

function filesUnder(dir: string, limit = Infinity): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (found.length >= limit) return;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) found.push(path);
    }
  };
  walk(dir);
  return found;
}

const table = (...types: [string, ColumnType][]): TableDefinition => ({
  name: 't',
  layer: 'staging',
  description: 'test',
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

describe('flat-row fast path gives the slow path rows byte for byte', () => {
  it.skipIf(!realData)('on every line of the real log files', () => {
    const mapping = eventsMapping();
    let lines = 0;
    let fast = 0;
    for (const file of filesUnder(join(REAL_DATA, 'log_data'))) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        lines++;
        if (expectSame(stagingEvents, mapping, line)) fast++;
      }
    }
    expect(lines).toBeGreaterThan(8000);
    expect(fast).toBe(lines);
  });

  it.skipIf(!realData)('on a few thousand real song files (auto mapping)', () => {
    let files = 0;
    let fast = 0;
    for (const file of filesUnder(join(REAL_DATA, 'song_data'), 4000)) {
      const text = readFileSync(file, 'utf8').trim();
      files++;
      if (expectSame(stagingSongs, auto, text)) fast++;
      const upper = text.replace(/"([a-z_]+)":/g, (_, key: string) => `"${key.toUpperCase()}":`);
      expectSame(stagingSongs, parseAutoMapping('auto ignorecase')!, upper);
    }
    expect(files).toBeGreaterThan(1000);
    expect(fast).toBe(files);
  });

  it('on strings: escapes, unicode, empty, blank, truncation, NUL', () => {
    const lines = [
      '{"s":"plain"}',
      '{"s":"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"}',
      '{"s":"\\u00e9\\u20ac\\ud83d\\ude00x"}',
      '{"s":"\\u005c\\u0009\\u000a\\u000d\\u0001"}',
      '{"s":"caf\u00e9 \u20ac \ud83d\ude00"}',
      '{"s":""}',
      '{"s":"   "}',
      '{"s":" \\t \\n\\r"}',
      '{"s":" x "}',
      '{"s":"\\t x"}',
      '{"s":"\\\\x"}',
      '{"s":"exactly12abc"}',
      '{"s":"thirteen chars"}',
      '{"s":"ééééééé"}',
      '{"s":"abcdefghijk\u00e9"}',
      '{"s":"abcdefghij\\u20ac"}',
      '{"s":"abcdefghij\\\\\\\\\\\\"}',
      '{"s":"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n"}',
      '{"s":"a\\u0000b"}',
      '{"s":"\\ud83d"}',
      '{"s":"\\ude00"}',
      '{"s":"\\ud83dx"}',
      '{"s":"\\u12"}',
      '{"s":"\\x"}',
      '{"s":"\\uZZZZ"}',
      '{"s":"tab\there"}',
      '{"s":"a\\u0022b"}',
      '{"n":"abcdef"}',
      '{"n":"\u20ac\u20ac"}',
      '{"n":"a\u20ac"}',
      '{"n":"ab\u20ac"}',
      '{"i":"12"}',
      '{"i":" 12 "}',
      '{"i":"1.5"}',
      '{"i":"x"}',
      '{"d":"1e3"}',
      '{"d":"\\u0031"}',
      '{"t":"1541008824796"}',
      '{"t":""}',
      '{"s":true,"n":false}',
      '{"i":true}',
    ];
    for (const line of lines) expectSame(mixed, auto, line);
    const someOptions: CopyOptions[] = [
      { ...STAGING_COPY_OPTIONS, emptyAsNull: false },
      { ...STAGING_COPY_OPTIONS, blanksAsNull: false },
      { ...STAGING_COPY_OPTIONS, truncateColumns: false },
      { truncateColumns: false, blanksAsNull: false, emptyAsNull: false, timeFormat: 'epochmillisecs' },
    ];
    for (const options of someOptions) for (const line of lines) expectSame(mixed, auto, line, options);
    expect(fastRow(mixed, auto, '{"s":"a\\"b"}')).toBe('a"b\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n');
    expect(fastRow(mixed, auto, '{"s":"a\\u0000b"}')).toBeUndefined();
  });

  it('on numbers into integer, double, text and timestamp columns', () => {
    const numbers = [
      '0',
      '-0',
      '7',
      '-5',
      '123',
      '1.0',
      '1.50',
      '1.5',
      '-1.5',
      '0.5',
      '-0.5',
      '0.1',
      '0.30000000000000004',
      '1541008824796',
      '1541008824796.0',
      '1541008824796.000',
      '1541008824796.5',
      '-1541008824796.0',
      '1e3',
      '1E3',
      '1e+3',
      '1e-3',
      '1.5e2',
      '2.5e-7',
      '1e21',
      '1e300',
      '1e400',
      '-1e400',
      '32767',
      '32768',
      '-32768',
      '-32769',
      '2147483647',
      '2147483648',
      '-2147483648',
      '-2147483649',
      '9007199254740991',
      '9007199254740992',
      '-9007199254740991',
      '123456789012345',
      '1234567890123456',
      '999999999999999',
      '99999999999999.9',
      '0.000001',
      '0.0000001',
      '0.0000011',
      '0.00000011',
      '0.001',
      '100000000000000000000',
      '1000000000000000000000',
      '123456789012345678901',
      '365.12982',
      '203.86714',
      '8640000000000000',
      '8640000000000001',
      '-8640000000000000',
      '-8640000000000001',
      '86399999',
      '-1',
      '-86400000',
      '253402300799999',
      '253402300800000',
      '-62167219200001',
      '1e15',
      '8.64e15',
      '1543536003796.9999',
      '01',
      '1.',
      '.5',
      '-',
      '+1',
      '1e',
      '0x10',
      '1.5.5',
      '--1',
      'NaN',
      'Infinity',
    ];
    let fast = 0;
    for (const n of numbers) {
      for (const key of ['s', 'i', 'b', 'h', 'd', 't', 'n']) {
        if (expectSame(mixed, auto, `{"${key}":${n}}`)) fast++;
      }
    }
    expect(fast).toBeGreaterThan(300);
    expect(fastRow(mixed, auto, '{"t":1541008824796.0}')).toBe(`\\N\t\\N\t\\N\t\\N\t\\N\t${new Date(1541008824796).toISOString()}\t\\N\n`);
  });

  it('on times across days, years and the edges of the range', () => {
    const times = [
      0, -1, 1, 86_399_999, 86_400_000, -86_400_000, -86_400_001, 951_782_400_000, 4_102_444_800_000, 253_402_300_799_999, 253_402_300_800_000,
      -62_167_219_200_000, -62_167_219_200_001, 8.64e15, -8.64e15,
    ];
    for (let ms = 1_540_000_000_000; ms < 1_560_000_000_000; ms += 987_654_321) times.push(ms);
    for (const ms of times) {
      expectSame(mixed, auto, `{"t":${ms}}`);
      // Before 4714-11-24 BC no timestamp holds it: the slow path rejects it.
      if (ms < MIN_EPOCH_MS) {
        expect(fastRow(mixed, auto, `{"t":${ms}}`)).toBeUndefined();
        continue;
      }
      expect(fastRow(mixed, auto, `{"t":${ms}}`)).toBe(`\\N\t\\N\t\\N\t\\N\t\\N\t${epochMillisText(ms)}\t\\N\n`);
    }
  });

  it('on structure: nulls, missing keys, other orders, duplicates, nesting, blanks, invalid JSON', () => {
    const lines = [
      '{}',
      '{ }',
      '  {"s":"x"}  ',
      '\t{"s":"x"}\r',
      '{ "s" : "x" , "i" : 1 }',
      '{"n":"x","t":1,"d":2,"h":3,"b":4,"i":5,"s":"y"}',
      '{"s":"x","i":1,"b":2,"h":3,"d":4.5,"t":6,"n":"z"}',
      '{"s":null,"i":null,"b":null,"h":null,"d":null,"t":null,"n":null}',
      '{"i":1}',
      '{"zz":1,"s":"x"}',
      '{"zz":"\\u00e9\\n","s":"x"}',
      '{"zz":"\\x","s":"x"}',
      '{"zz":true,"yy":false,"xx":null,"ww":-1.5e3}',
      '{"zz":{"a":1},"s":"x"}',
      '{"zz":[1,2],"s":"x"}',
      '{"s":{"a":1}}',
      '{"s":[1]}',
      '{"s":"x","s":"y"}',
      '{"i":1,"i":1}',
      '{"zz":1,"zz":2}',
      '{"s\\u0041":"x"}',
      '{"S":"x"}',
      '{"s":"x",}',
      '{"s":"x"',
      '{"s":"x"}}',
      '{"s":"x"} x',
      '{"s":"x"}{"s":"y"}',
      '{"s":"x" "i":1}',
      '{"s" "x"}',
      '{s:"x"}',
      "{'s':'x'}",
      '{"s":tru}',
      '{"s":nul}',
      '{"s":falsey}',
      '{"s":undefined}',
      '[1,2]',
      '"x"',
      '{"constructor":1,"toString":"x","__proto__":2}',
    ];
    for (const line of lines) expectSame(mixed, auto, line);
    expect(fastRow(mixed, auto, '{"s":"x","s":"y"}')).toBeUndefined();
    expect(fastRow(mixed, auto, '{"s":{"a":1}}')).toBeUndefined();
  });

  it('on keys in any case with auto ignorecase', () => {
    const ignoreCase = parseAutoMapping('auto ignorecase')!;
    for (const line of ['{"S":"x","I":1}', '{"s":"x","S":"y"}', '{"\u212a":"x"}', '{"Zz":1,"n":"abc"}', '{"T":1541008824796}']) {
      expectSame(mixed, ignoreCase, line);
    }
    expect(fastRow(mixed, ignoreCase, '{"S":"x","s":"y"}')).toBeUndefined();
  });

  it('on random flat objects', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const pieces = [
      'a',
      'Z',
      ' ',
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
      'x y',
      '\\u0020',
    ];
    const strings = () => `"${Array.from({ length: Math.floor(random() * 8) }, () => pick(pieces)).join('')}"`;
    const numbers = () =>
      pick(['0', '-0', '12', '-7', '1.5', '1.0', '1e2', '-2.5e-3', '32768', '1541008824796', '1541008824796.0', '0.000001', '123.450', '99999999999']);
    const values = () => pick([strings, strings, numbers, () => 'null', () => 'true', () => 'false'])();
    const keys = ['s', 'i', 'b', 'h', 'd', 't', 'n', 'other'];
    let fast = 0;
    let loadable = 0;
    for (let k = 0; k < 20000; k++) {
      const chosen = keys.filter(() => random() < 0.5).sort(() => random() - 0.5);
      const line = `{${chosen.map((key) => `"${key}":${values()}`).join(pick([',', ', ', ' ,']))}}`;
      if (expectSame(mixed, auto, line)) fast++;
      if (slowResult(mixed, auto, line).ok) loadable++;
    }
    // Declined: duplicate keys, NUL and lone surrogates only.
    expect(loadable).toBeGreaterThan(2000);
    expect(fast).toBe(loadable);
  });

  it('is not offered for mappings it cannot read', () => {
    const nested: FieldMapping = { kind: 'jsonpaths', paths: [['a', 'b']], expressions: ["$['a']['b']"] };
    const index: FieldMapping = { kind: 'jsonpaths', paths: [[0]], expressions: ['$[0]'] };
    const twice: FieldMapping = { kind: 'jsonpaths', paths: [['a'], ['a']], expressions: ['$.a', '$.a'] };
    const inherited: FieldMapping = { kind: 'jsonpaths', paths: [['constructor']], expressions: ['$.constructor'] };
    const one = table(['a', { kind: 'integer' }]);
    const two = table(['a', { kind: 'integer' }], ['b', { kind: 'integer' }]);
    expect(flatRowEncoder(one, nested, STAGING_COPY_OPTIONS)).toBeUndefined();
    expect(flatRowEncoder(one, index, STAGING_COPY_OPTIONS)).toBeUndefined();
    expect(flatRowEncoder(two, twice, STAGING_COPY_OPTIONS)).toBeUndefined();
    expect(flatRowEncoder(one, inherited, STAGING_COPY_OPTIONS)).toBeUndefined();
    expect(flatRowEncoder(table(['toString', { kind: 'integer' }]), auto, STAGING_COPY_OPTIONS)).toBeUndefined();
  });

  it('grows its output for long lines and keeps earlier rows', () => {
    const long = table(['s', { kind: 'varchar', length: 65535 }], ['i', { kind: 'integer' }]);
    const encoder = flatRowEncoder(long, auto, STAGING_COPY_OPTIONS)!;
    const out = new RowBuffer(8);
    const lines = ['{"s":"first","i":1}', `{"s":"${'x\\n'.repeat(30000)}","i":2}`, `{"i":3,"s":"${'y'.repeat(70000)}"}`];
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    let at = 0;
    for (let k = 0; k < lines.length; k++) at = encoder.encodeLine(bytes, at, out) + 1;
    const convert = recordConverter(long, auto, STAGING_COPY_OPTIONS);
    expect(out.take().toString()).toBe(lines.map((line) => (convert(line) as { row: string }).row).join(''));
  });
});

describe('FileRowReader', () => {
  /** Rows and rejects of a file read with the fast path (or without), fed in chunks of `size` bytes. */
  function read(bytes: Buffer, size: number, withEncoder: boolean, target: TableDefinition = mixed, mapping: FieldMapping = auto) {
    const convert = recordConverter(target, mapping, STAGING_COPY_OPTIONS);
    const rows = new RowBuffer(64);
    const problems: unknown[] = [];
    const onRecords = (records: readonly RawRecord[]) => {
      for (const record of records) {
        const result = record.broken ? { ok: false as const, problem: record.broken } : convert(record.text, record.value);
        if (result.ok) rows.appendString(result.row);
        else problems.push({ line: record.line, text: record.text, problem: result.problem });
      }
    };
    const encoder = withEncoder ? flatRowEncoder(target, mapping, STAGING_COPY_OPTIONS) : undefined;
    const reader = new FileRowReader(encoder, new JsonRecordSplitter(), rows, onRecords);
    for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size));
    reader.end();
    return { rows: rows.take().toString('latin1'), problems, fastRows: reader.fastRows };
  }

  const text = [
    '{"s":"one","i":1}',
    '{"s":"two","i":"bad"}',
    '',
    '{"s":"caf\u00e9 \u20ac\ud83d\ude00","i":3}',
    '   ',
    '{"s":"four",',
    '  "i": 4',
    '}',
    '{"s":"five","i":5}{"s":"six","i":6}',
    'stray text',
    '{"s":"seven","i":7,',
    '{"s":"eight","i":8}',
    '{"s":"nine\\u0000","i":9}',
    '{"s":"ten","i":10}\r',
    '{"s":"eleven\t","i":11}',
    '{"s":"twelve","i":12}',
  ].join('\n');

  it('gives the rows and rejects (with their lines) of the slow path, whatever the chunks', () => {
    const bytes = Buffer.from(text);
    const slow = read(bytes, bytes.length, false);
    expect(slow.problems.map((p) => (p as { line: number }).line)).toEqual([2, 10, 11, 13, 15]);
    for (const size of [1, 2, 3, 5, 7, 13, 64, 1000, bytes.length]) {
      const fast = read(bytes, size, true);
      expect(fast).toEqual({ ...slow, fastRows: fast.fastRows });
      expect(read(bytes, size, false)).toEqual(slow);
    }
    for (const size of [7, 1000, bytes.length]) expect(read(bytes, size, true).fastRows).toBe(4);
  });

  it('reads a last line with no newline, and files with and without a final newline', () => {
    for (const tail of ['', '\n', '\n\n', '  ', '\r\n']) {
      const bytes = Buffer.from(`{"s":"a","i":1}\n{"s":"b","i":2}${tail}`);
      const slow = read(bytes, bytes.length, false);
      for (const size of [1, 4, bytes.length]) expect(read(bytes, size, true)).toEqual({ ...slow, fastRows: 2 });
    }
  });

  it('leaves lines with invalid UTF-8 to the slow path, which decodes them as before', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"s":"a","i":1}\n{"s":"'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('","i":2}\n{"s":"'),
      Buffer.from([0xff]),
      Buffer.from('x","i":3}\n{"s":"d","i":4}\n'),
    ]);
    const slow = read(bytes, bytes.length, false);
    for (const size of [1, 3, 17, bytes.length]) {
      const fast = read(bytes, size, true);
      expect(fast).toEqual({ ...slow, fastRows: fast.fastRows });
    }
  });

  it('streams a line longer than a megabyte through the slow path', () => {
    const long = table(['s', { kind: 'varchar', length: 65535 }], ['i', { kind: 'integer' }]);
    const bytes = Buffer.from(`{"s":"a","i":1}\n${'{"s":"xyz","i":2}'.repeat(65_000)}\n{"s":"b","i":3}\n`);
    const slow = read(bytes, bytes.length, false, long);
    const fast = read(bytes, 64 * 1024, true, long);
    expect(fast).toEqual({ ...slow, fastRows: 2 });
  });

  it.skipIf(!realData)('reads the real log files as the slow path does', () => {
    const mapping = eventsMapping();
    for (const file of filesUnder(join(REAL_DATA, 'log_data')).slice(0, 5)) {
      const bytes = readFileSync(file);
      const slow = read(bytes, bytes.length, false, stagingEvents, mapping);
      const fast = read(bytes, 4096, true, stagingEvents, mapping);
      expect(fast.rows).toBe(slow.rows);
      expect(fast.problems).toEqual(slow.problems);
      expect(fast.fastRows).toBeGreaterThan(0);
    }
  });
});
