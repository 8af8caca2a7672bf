/**
 * The slow path's JSON parser. JSON.parse would do, but for three things COPY's contract needs:
 * numbers keep their source text (a BIGINT above 2^53, or a number loaded into a text column, must
 * keep every digit), nesting is bounded without recursion (thousands of levels must be one reject,
 * not a stack overflow), and objects have no prototype (a key named `__proto__` or `constructor` is
 * data like any other). It is iterative, and it is only used for records the fast path declines.
 */

/** A JSON number as written in the source (`1541008824796.0`, `9223372036854775807`, `1e3`). */
export class JsonNumber {
  constructor(readonly text: string) {}
  toJSON(): number {
    return Number(this.text);
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Objects and arrays nested deeper than this make a record a reject. */
export const MAX_NESTING = 512;

export type JsonParseResult = { ok: true; value: JsonValue } | { ok: false; reason: string };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

type Frame = { kind: 'array'; value: JsonValue[] } | { kind: 'object'; value: JsonObject; key: string };

/** Parses one JSON text (surrounding whitespace allowed) into values whose numbers are JsonNumber. */
export function parseJson(text: string, maxNesting = MAX_NESTING): JsonParseResult {
  const stack: Frame[] = [];
  let i = skipBlanks(text, 0);
  let value: JsonValue;
  const fail = (what: string, at: number): JsonParseResult => ({ ok: false, reason: `${what} at position ${at}` });
  for (;;) {
    // A value starts at i.
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxNesting) return { ok: false, reason: `nested deeper than ${maxNesting} levels at position ${i}` };
      i = skipBlanks(text, i + 1);
      if (c === 0x5b) {
        if (text.charCodeAt(i) === 0x5d) {
          value = [];
          i++;
        } else {
          stack.push({ kind: 'array', value: [] });
          continue;
        }
      } else if (text.charCodeAt(i) === 0x7d) {
        value = Object.create(null) as JsonObject;
        i++;
      } else {
        const key = readKey(text, i);
        if (typeof key === 'number') return fail(key === -1 ? 'expected a quoted key' : 'invalid string', i);
        stack.push({ kind: 'object', value: Object.create(null) as JsonObject, key: key.text });
        i = key.end;
        continue;
      }
    } else if (c === 0x22) {
      const string = readString(text, i);
      if (typeof string === 'number') return fail(stringProblem(string), i);
      value = string.text;
      i = string.end;
    } else if (c === 0x74 && text.startsWith('true', i)) {
      value = true;
      i += 4;
    } else if (c === 0x66 && text.startsWith('false', i)) {
      value = false;
      i += 5;
    } else if (c === 0x6e && text.startsWith('null', i)) {
      value = null;
      i += 4;
    } else {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return fail(i >= text.length ? 'unexpected end of JSON' : `unexpected character ${describeChar(text, i)}`, i);
      value = new JsonNumber(match[0]);
      i += match[0].length;
    }
    // A value is complete: add it to its container, closing containers while they end.
    for (;;) {
      i = skipBlanks(text, i);
      const frame = stack.at(-1);
      if (frame === undefined) {
        if (i < text.length) return fail(`unexpected character ${describeChar(text, i)} after the JSON value`, i);
        return { ok: true, value };
      }
      const next = text.charCodeAt(i);
      if (frame.kind === 'array') {
        frame.value.push(value);
        if (next === 0x2c) {
          i = skipBlanks(text, i + 1);
          break;
        }
        if (next !== 0x5d) return fail(i >= text.length ? 'unexpected end of JSON' : `expected , or ] but found ${describeChar(text, i)}`, i);
      } else {
        frame.value[frame.key] = value;
        if (next === 0x2c) {
          const key = readKey(text, skipBlanks(text, i + 1));
          if (typeof key === 'number') return fail(key === -1 ? 'expected a quoted key' : 'invalid string', i);
          frame.key = key.text;
          i = key.end;
          break;
        }
        if (next !== 0x7d) return fail(i >= text.length ? 'unexpected end of JSON' : `expected , or } but found ${describeChar(text, i)}`, i);
      }
      stack.pop();
      value = frame.value;
      i++;
    }
  }
}

/** `"key"` then `:` then blanks: the key and where its value starts, or -1 (no quote) / -2 (bad string). */
function readKey(text: string, at: number): { text: string; end: number } | number {
  if (text.charCodeAt(at) !== 0x22) return -1;
  const string = readString(text, at);
  if (typeof string === 'number') return -2;
  const colon = skipBlanks(text, string.end);
  if (text.charCodeAt(colon) !== 0x3a) return -1;
  return { text: string.text, end: skipBlanks(text, colon + 1) };
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The string starting with the quote at `at`: its value and end; or -1 unterminated, -2 control character, -3 bad escape. */
function readString(text: string, at: number): { text: string; end: number } | number {
  let result = '';
  let from = at + 1;
  let i = from;
  for (;;) {
    if (i >= text.length) return -1;
    const c = text.charCodeAt(i);
    if (c === 0x22) return { text: result + text.slice(from, i), end: i + 1 };
    if (c < 0x20) return -2;
    if (c !== 0x5c) {
      i++;
      continue;
    }
    result += text.slice(from, i);
    const e = text[i + 1];
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return -3;
      result += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else {
      const decoded = e === undefined ? undefined : ESCAPES[e];
      if (decoded === undefined) return -3;
      result += decoded;
      i += 2;
    }
    from = i;
  }
}

function stringProblem(code: number): string {
  return code === -1 ? 'unterminated string' : code === -2 ? 'control character in a string' : 'invalid escape in a string';
}

function skipBlanks(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

function describeChar(text: string, at: number): string {
  const code = text.codePointAt(at)!;
  return code >= 0x21 && code <= 0x7e ? `'${text[at]}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Compact JSON text of a value (for a nested value loaded into a text column), numbers as written.
 * Values come from parseJson, so their nesting is bounded and recursion is safe.
 */
export function jsonText(value: JsonValue): string {
  if (value === null) return 'null';
  if (value instanceof JsonNumber) return value.text;
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return `{${Object.keys(value)
    .map((key) => `${JSON.stringify(key)}:${jsonText(value[key]!)}`)
    .join(',')}}`;
}
