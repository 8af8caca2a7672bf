import { describe, expect, it } from 'vitest';
import { coercerFor, STAGING_COPY_OPTIONS, truncateUtf8, type CopyOptions } from '#src/load/coerce.ts';
import { encodeCopyRow } from '#src/load/copy-text.ts';
import { fieldExtractor, parseAutoMapping, parseJsonPaths, parsePathExpression } from '#src/load/jsonpaths.ts';
import { recordConverter } from '#src/load/record-converter.ts';
import { stagingEvents, stagingSongs } from '#src/schema/tables.ts';
import { EVENT_FIELDS } from '../../support/fixtures.ts';

const text = (length: number, options: CopyOptions = STAGING_COPY_OPTIONS) => coercerFor({ kind: 'varchar', length }, options);

describe('coercion with Redshift COPY semantics', () => {
  it('loads JSON numbers into text columns as text', () => {
    expect(text(10)(66)).toBe('66');
    expect(text(10)(1919.5)).toBe('1919.5');
    expect(text(10)(true)).toBe('true');
  });

  it('turns empty and blank strings into NULL (EMPTYASNULL, BLANKSASNULL), and nulls stay NULL', () => {
    expect(text(10)('')).toBeNull();
    expect(text(10)('  \t')).toBeNull();
    expect(text(10)(null)).toBeNull();
    expect(text(10)(undefined)).toBeNull();
    expect(text(10, { ...STAGING_COPY_OPTIONS, emptyAsNull: false, blanksAsNull: false })('')).toBe('');
  });

  it('truncates to the column length in UTF-8 bytes without splitting a character (TRUNCATECOLUMNS)', () => {
    expect(text(5)('abcdefgh')).toBe('abcde');
    expect(text(5)('ééé')).toBe('éé');
    expect(truncateUtf8('a€b', 3)).toBe('a');
    expect(() => text(5, { ...STAGING_COPY_OPTIONS, truncateColumns: false })('abcdefgh')).toThrow(/longer than 5 bytes/);
  });

  it('reads epoch milliseconds as a UTC timestamp with milliseconds kept', () => {
    const ts = coercerFor({ kind: 'timestamp' }, STAGING_COPY_OPTIONS);
    expect(ts(1541105830796)).toBe('2018-11-01T20:57:10.796Z');
    expect(ts('1541105830796')).toBe('2018-11-01T20:57:10.796Z');
    expect(() => ts('yesterday')).toThrow("'yesterday' is not a valid epoch milliseconds");
    expect(() => ts(1e20)).toThrow(/out of range for epoch milliseconds/);
    // Outside years 0-9999 in PostgreSQL's own form (ISO's +010000 is not read by PostgreSQL).
    expect(ts(253402300800000)).toBe('10000-01-01 00:00:00.000');
    expect(ts(-62167219200001)).toBe('0002-12-31 23:59:59.999 BC');
    expect(ts(-62135596800000)).toBe('0001-01-01T00:00:00.000Z');
    expect(ts(-210866803200000)).toBe('4714-11-24 00:00:00.000 BC');
    expect(() => ts(-210866803200001)).toThrow(/out of range/);
    expect(ts(8.64e15)).toBe('275760-09-13 00:00:00.000');
  });

  it('accepts whole numbers (1540919166796.0 included) for integer columns and rejects the rest', () => {
    const bigint = coercerFor({ kind: 'bigint' }, STAGING_COPY_OPTIONS);
    const smallint = coercerFor({ kind: 'smallint' }, STAGING_COPY_OPTIONS);
    expect(bigint(1540919166796.0)).toBe('1540919166796');
    expect(bigint(' 42 ')).toBe('42');
    expect(() => bigint(1.5)).toThrow(/not a whole number/);
    expect(() => smallint(40000)).toThrow(/out of range for smallint/);
    expect(() => bigint('12abc')).toThrow(/not a valid bigint/);
    expect(() => bigint({})).toThrow(/an object is not a valid bigint/);
  });

  it('keeps every digit of doubles', () => {
    const double = coercerFor({ kind: 'double' }, STAGING_COPY_OPTIONS);
    expect(double(218.93179)).toBe('218.93179');
    expect(double('6.37342')).toBe('6.37342');
    expect(double(null)).toBeNull();
  });

  it('rejects NUL characters, which PostgreSQL text cannot hold', () => {
    expect(() => text(10)('a\u0000b')).toThrow(/NUL/);
  });
});

describe('COPY text encoding', () => {
  it('escapes backslash, tab, newline and carriage return, and writes NULL as \\N', () => {
    expect(encodeCopyRow(['a\\b', 'c\td', 'e\nf\rg', null, ''])).toBe('a\\\\b\tc\\td\te\\nf\\rg\t\\N\t\n');
  });
});

describe('JSONPaths and auto mapping', () => {
  it('parses bracket and dot notations', () => {
    expect(parsePathExpression("$['artist']", 'x')).toEqual(['artist']);
    expect(parsePathExpression('$["first name"]', 'x')).toEqual(['first name']);
    expect(parsePathExpression('$.a.b[2]', 'x')).toEqual(['a', 'b', 2]);
    expect(() => parsePathExpression('$.a[*]', 'x')).toThrow(/wildcards/);
    expect(() => parsePathExpression('artist', 'x')).toThrow(/must start with \$/);
  });

  it('requires exactly one path per column', () => {
    expect(() => parseJsonPaths('{"jsonpaths": ["$.a"]}', 'paths.json', 18)).toThrow(/has 1 paths but the table has 18 columns/);
    expect(() => parseJsonPaths('{"paths": []}', 'paths.json', 0)).toThrow(/"jsonpaths" array/);
    expect(() => parseJsonPaths('{', 'paths.json', 0)).toThrow(/not valid JSON/);
  });

  it("maps keys to column names with 'auto', case-sensitively unless 'auto ignorecase'", () => {
    const exact = fieldExtractor(parseAutoMapping('auto')!, ['song_id', 'title']);
    expect(exact({ song_id: 'S1', Title: 'x' })).toEqual(['S1', undefined]);
    const loose = fieldExtractor(parseAutoMapping('AUTO IGNORECASE')!, ['song_id', 'title']);
    expect(loose({ SONG_ID: 'S1', Title: 'x' })).toEqual(['S1', 'x']);
    expect(parseAutoMapping('s3://bucket/paths.json')).toBeUndefined();
  });
});

describe('record conversion', () => {
  const jsonPaths = JSON.stringify({
    jsonpaths: EVENT_FIELDS.map((f) => `$['${f}']`),
  });
  const events = recordConverter(stagingEvents, parseJsonPaths(jsonPaths, 'p', 18), STAGING_COPY_OPTIONS);
  const songs = recordConverter(stagingSongs, parseAutoMapping('auto')!, STAGING_COPY_OPTIONS);

  it('turns a real event line into a COPY row in column order', () => {
    const line =
      '{"artist":"Des\'ree","auth":"Logged In","firstName":"Kaylee","gender":"F","itemInSession":1,"lastName":"Summers","length":246.30812,"level":"free","location":"Phoenix-Mesa-Scottsdale, AZ","method":"PUT","page":"NextSong","registration":1540344794796.0,"sessionId":139,"song":"You Gotta Be","status":200,"ts":1541106106796,"userAgent":"\\"Mozilla\\/5.0\\"","userId":"8"}';
    expect(events(line)).toEqual({
      ok: true,
      row: 'Des\'ree\tLogged In\tKaylee\tF\t1\tSummers\t246.30812\tfree\tPhoenix-Mesa-Scottsdale, AZ\tPUT\tNextSong\t1540344794796\t139\tYou Gotta Be\t200\t2018-11-01T21:01:46.796Z\t"Mozilla/5.0"\t8\n',
    });
  });

  it('names the column and the JSONPath of a bad field', () => {
    expect(events('{"ts": "soon", "userId": ""}')).toEqual({
      ok: false,
      problem: { column: 'ts', field: "$['ts']", reason: "'soon' is not a valid epoch milliseconds" },
    });
  });

  it('rejects invalid JSON and non-objects', () => {
    expect(songs('{"song_id": }')).toMatchObject({ ok: false, problem: { column: '-', reason: expect.stringMatching(/^invalid JSON/) } });
    expect(songs('[1, 2]')).toMatchObject({ ok: false, problem: { reason: 'expected a JSON object, found an array' } });
  });

  it("loads a song whose title and artist name are numbers with 'auto'", () => {
    const result = songs(
      '{"artist_id":"AR1","artist_latitude":null,"artist_location":12,"artist_longitude":null,"artist_name":883,"duration":180.5,"num_songs":1,"song_id":"SO1","title":66,"year":0}',
    );
    expect(result).toEqual({ ok: true, row: '1\tAR1\t\\N\t\\N\t12\t883\tSO1\t66\t180.5\t0\n' });
  });
});
