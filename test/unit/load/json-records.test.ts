import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter, type RawRecord } from '#src/load/json-records.ts';

function split(text: string, chunkSize = text.length || 1): RawRecord[] {
  const splitter = new JsonRecordSplitter();
  const records: RawRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...splitter.push(text.slice(i, i + chunkSize)));
  records.push(...splitter.end());
  return records;
}

const summary = (records: RawRecord[]) => records.map((r) => (r.broken ? [r.line, 'broken', r.broken] : [r.line, JSON.parse(r.text)]));

describe('JsonRecordSplitter', () => {
  it('reads newline-delimited records with no newline after the last', () => {
    expect(summary(split('{"a":1}\n{"a":2}\n{"a":3}'))).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
      [3, { a: 3 }],
    ]);
  });

  it('reads several objects back to back, with or without whitespace', () => {
    expect(summary(split('{"a":1}{"a":2} {"a":3}\n\n\n{"a":4}'))).toEqual([
      [1, { a: 1 }],
      [1, { a: 2 }],
      [1, { a: 3 }],
      [4, { a: 4 }],
    ]);
  });

  it('reads pretty-printed objects and reports the line each starts on', () => {
    const text = '{\n  "a": {\n    "b": [1, 2]\n  }\n}\n{\n  "a": 2\n}';
    expect(summary(split(text))).toEqual([
      [1, { a: { b: [1, 2] } }],
      [6, { a: 2 }],
    ]);
  });

  it('is not fooled by braces, quotes and backslashes inside strings, or \\u escapes', () => {
    const text = '{"t":"a } { \\" ] [ \\\\"}\n{"t":"caf\\u00e9 \\\\\\"x"}';
    expect(summary(split(text))).toEqual([
      [1, { t: 'a } { " ] [ \\' }],
      [2, { t: 'café \\"x' }],
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = '{"a":"x\\"y","b":{"c":[1,{"d":2}]}}\n{"e":"}{"}\r\n  {"f":null}\n{\n "g": 1\n}';
    const plain = (records: RawRecord[]) => records.map(({ line, text, broken }) => ({ line, text, broken }));
    const whole = plain(split(text));
    for (let size = 1; size < text.length; size++) expect(plain(split(text, size))).toEqual(whole);
    expect(whole).toHaveLength(4);
  });

  it('reports a record cut short and resumes at the next line', () => {
    const records = split('{"a":1}\n{"a":2,"b":\n{"a":3}');
    expect(summary(records)).toEqual([
      [1, { a: 1 }],
      [2, 'broken', 'record cut short: a new object starts on the next line'],
      [3, { a: 3 }],
    ]);
  });

  it('reports an unterminated string without swallowing the next line', () => {
    expect(summary(split('{"a":"oops}\n{"a":2}'))).toEqual([
      [1, 'broken', 'line break inside a string (unterminated string)'],
      [2, { a: 2 }],
    ]);
  });

  it('reports stray text between records, and an unfinished record at the end', () => {
    expect(summary(split('{"a":1}\nnot json\n{"a":2}\n{"a":'))).toEqual([
      [1, { a: 1 }],
      [2, 'broken', 'text outside a JSON object'],
      [3, { a: 2 }],
      [4, 'broken', 'unexpected end of file inside a JSON record'],
    ]);
    expect(summary(split('{"a":1} trailing'))).toEqual([
      [1, { a: 1 }],
      [1, 'broken', 'text outside a JSON object'],
    ]);
  });

  it('parses a line that is exactly one object on the fast path, and scans the rest', () => {
    const splitter = new JsonRecordSplitter();
    const records = [...splitter.push('{"a":1}  \r\n{"b":2}{"c":3}\n{"d":4}', true), ...splitter.end()];
    // Parsed objects have no prototype and keep numbers as written.
    expect(records.map((r) => [r.line, r.text, JSON.stringify(r.value)])).toEqual([
      [1, '{"a":1}', '{"a":1}'],
      [2, '{"b":2}', undefined],
      [2, '{"c":3}', '{"c":3}'],
      [3, '{"d":4}', '{"d":4}'],
    ]);
  });

  it('passes a balanced but invalid record through for JSON.parse to reject', () => {
    const [record] = split('{"a": tru}');
    expect(record!.broken).toBeUndefined();
    expect(() => JSON.parse(record!.text)).toThrow();
  });

  it('reads one very long line of concatenated objects across chunks', () => {
    // Searching for a newline per string would be quadratic here (the test would time out).
    const text = '{"k":"v","n":1}'.repeat(20_000);
    expect(split(text, 65536)).toHaveLength(20_000);
  });
});
