import type { TableDefinition } from '../schema/types.ts';
import { coercerFor, CoercionError, INTEGER_RANGES, MAX_EPOCH_MS, type Coercer, type CopyOptions } from './coerce.ts';
import { encodeCopyField } from './copy-text.ts';
import { GENERIC, integerDigits, TextRules, TimestampWriter } from './flat-coercion.ts';
import { copyBytes, hex4, isCanonicalNumber, JsonStringBytes, numberToken, tokenEnd } from './json-bytes.ts';
import type { FieldMapping } from './jsonpaths.ts';
import type { RowBuffer } from './row-buffer.ts';

/**
 * The fast path of the staging load: one line of UTF-8 bytes holding one flat JSON object (no
 * nested object or array values) becomes one COPY text row, scanned once byte by byte and written
 * straight into the output bytes, with no JSON.parse, no JS strings and no intermediate objects.
 *
 * It gives byte for byte the row the slow path (JsonRecordSplitter + recordConverter) gives, and it
 * only ever says yes when it is sure: on anything unusual (nested values, duplicate keys, escapes in
 * keys, text JSON.parse would reject, a value the coercer would reject, lone surrogates, ...) it
 * returns -1, writes nothing, and the caller hands the line to the slow path, which then produces
 * the row or the load error exactly as before.
 *
 * Hand-coded cases: null; strings into text columns (EMPTYASNULL, BLANKSASNULL, TRUNCATECOLUMNS in
 * UTF-8 bytes, COPY escaping of decoded escapes); numbers into integer, double, text and
 * epoch-millisecond timestamp columns whose text is known to equal String(Number(token)) (or the
 * ISO time). Every other combination builds the JS value the slow path's parser would give and
 * runs the real coercer on it.
 *
 * This file is the row encoder (keys to columns, values to fields, the row); the byte-level JSON
 * scanner is json-bytes.ts and the coercion rules on bytes are flat-coercion.ts.
 */

const VARCHAR = 0;
const INTEGER = 1;
const DOUBLE = 2;
const TIMESTAMP = 3;

// Byte values, local to each file of the fast path: tsx turns imported bindings into getter calls,
// which in a per-byte loop made the encoder several times slower.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** Key positions whose last-seen key is remembered (rows repeat the same key order). */
const PREDICTED_KEYS = 64;
/** Output bytes a column can take beyond its token's length (numbers and times written as text). */
const COLUMN_SLACK = 40;

export interface FlatRowEncoder {
  /**
   * Encodes the line starting at `from` (it must end with a newline byte somewhere in `src`, and
   * `src` must be valid UTF-8 up to it) into `out`. Returns the index of the newline ending the
   * line, or -1 (nothing written) when the line must take the slow path.
   */
  encodeLine(src: Uint8Array, from: number, out: RowBuffer): number;
}

/**
 * The fast encoder for `table` under `mapping`, or undefined when the mapping reads anything but
 * plain top-level keys (nested paths, array indexes, the same key for two columns, keys that an
 * object inherits such as `constructor`).
 */
export function flatRowEncoder(table: TableDefinition, mapping: FieldMapping, options: CopyOptions): FlatRowEncoder | undefined {
  const columns = table.columns;
  let keys: string[];
  if (mapping.kind === 'jsonpaths') {
    if (mapping.paths.length !== columns.length) return undefined;
    keys = [];
    for (const steps of mapping.paths) {
      if (steps.length !== 1 || typeof steps[0] !== 'string') return undefined;
      keys.push(steps[0]);
    }
  } else {
    keys = columns.map((c) => c.name);
  }
  const ignoreCase = mapping.kind === 'auto' && mapping.ignoreCase;
  if (ignoreCase) keys = keys.map((k) => k.toLowerCase());
  const keyToColumn = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (keyToColumn.has(key) || key in Object.prototype || /^\d+$/.test(key)) return undefined;
    if (ignoreCase && !/^[\x20-\x7e]*$/.test(key)) return undefined;
    keyToColumn.set(key, i);
  }
  return new Encoder(table, keyToColumn, ignoreCase, options);
}

class Encoder implements FlatRowEncoder {
  readonly #count: number;
  readonly #kinds: Uint8Array;
  /** Varchar byte limits (0 for other kinds). */
  readonly #maxBytes: Int32Array;
  readonly #min: Float64Array;
  readonly #max: Float64Array;
  readonly #coercers: Coercer[];
  readonly #keyToColumn: Map<string, number>;
  readonly #ignoreCase: boolean;
  readonly #emptyAsNull: boolean;
  readonly #truncate: boolean;
  /** Column values of the line being encoded, in key order, as COPY field bytes. */
  #values = new Uint8Array(4096);
  readonly #valueStart: Int32Array;
  readonly #valueEnd: Int32Array;
  /** #seen[column] === #stamp when the current line set that column. */
  readonly #seen: Int32Array;
  #stamp = 0;
  /** Decoded bytes of an escaped string. */
  readonly #strings = new JsonStringBytes();
  readonly #text: TextRules;
  readonly #times = new TimestampWriter();
  /** The key bytes last seen at each key position, and the column they map to (-1: none). */
  readonly #predictedKey: (Uint8Array | undefined)[] = [];
  readonly #predictedColumn = new Int32Array(PREDICTED_KEYS);

  constructor(table: TableDefinition, keyToColumn: Map<string, number>, ignoreCase: boolean, options: CopyOptions) {
    const columns = table.columns;
    const count = columns.length;
    this.#count = count;
    this.#kinds = new Uint8Array(count);
    this.#maxBytes = new Int32Array(count);
    this.#min = new Float64Array(count);
    this.#max = new Float64Array(count);
    this.#coercers = columns.map((c) => coercerFor(c.type, options));
    columns.forEach((c, i) => {
      const type = c.type;
      switch (type.kind) {
        case 'varchar':
          this.#kinds[i] = VARCHAR;
          this.#maxBytes[i] = type.length;
          break;
        case 'smallint':
        case 'integer':
        case 'bigint':
          this.#kinds[i] = INTEGER;
          // Exact for smallint and integer; the fast path takes at most 15 digits, always in bigint's range.
          this.#min[i] = Number(INTEGER_RANGES[type.kind][0]);
          this.#max[i] = Number(INTEGER_RANGES[type.kind][1]);
          break;
        case 'double':
          this.#kinds[i] = DOUBLE;
          break;
        case 'timestamp':
          this.#kinds[i] = TIMESTAMP;
          // Past the latest time the column takes: the slow path rejects it with the reason.
          this.#max[i] = type.latest?.ms ?? MAX_EPOCH_MS;
          break;
      }
    });
    this.#text = new TextRules(options);
    this.#keyToColumn = keyToColumn;
    this.#ignoreCase = ignoreCase;
    this.#emptyAsNull = options.emptyAsNull;
    this.#truncate = options.truncateColumns;
    this.#valueStart = new Int32Array(count);
    this.#valueEnd = new Int32Array(count);
    this.#seen = new Int32Array(count);
  }

  encodeLine(src: Uint8Array, from: number, out: RowBuffer): number {
    let i = from;
    let c = src[i]!;
    while (c === 0x20 || c === 0x09 || c === 0x0d) c = src[++i]!;
    if (c !== 0x7b) return -1;
    if (++this.#stamp === 0x7fffffff) {
      this.#seen.fill(0);
      this.#stamp = 1;
    }
    const stamp = this.#stamp;
    const seen = this.#seen;
    const kinds = this.#kinds;
    const starts = this.#valueStart;
    const ends = this.#valueEnd;
    // Values go straight into the output in key order, each after a tab; when the keys come in
    // column order with none missing (the usual case) that is the row, else it is rearranged below.
    const rowStart = out.length;
    let bytes = out.bytes;
    let o = rowStart;
    let limit = bytes.length - 16;
    let nextColumn = 0;
    let inOrder = true;
    let written = false;
    let keyIndex = 0;
    c = src[++i]!;
    while (c === 0x20 || c === 0x09 || c === 0x0d) c = src[++i]!;
    if (c === 0x7d) {
      c = src[++i]!;
    } else {
      for (;;) {
        // "key"
        if (c !== QUOTE) return -1;
        let j = i + 1;
        let column = -2;
        if (keyIndex < PREDICTED_KEYS) {
          const predicted = this.#predictedKey[keyIndex];
          if (predicted !== undefined) {
            const n = predicted.length;
            let p = 0;
            while (p < n && src[j + p] === predicted[p]) p++;
            if (p === n && src[j + n] === QUOTE) {
              column = this.#predictedColumn[keyIndex]!;
              j += n;
            }
          }
        }
        if (column === -2) {
          for (;;) {
            const k = src[j]!;
            if (k === QUOTE) break;
            if (k === BACKSLASH || k < 0x20) return -1;
            j++;
          }
          column = this.#columnOf(src, i + 1, j, keyIndex);
          if (column === -2) return -1;
        }
        keyIndex++;
        c = src[++j]!;
        while (c === 0x20 || c === 0x09 || c === 0x0d) c = src[++j]!;
        if (c !== 0x3a) return -1;
        c = src[++j]!;
        while (c === 0x20 || c === 0x09 || c === 0x0d) c = src[++j]!;
        i = j;
        if (column < 0) {
          // A key no column reads: its value is skipped, but must be valid JSON all the same.
          i = this.#skipValue(src, i, c);
          if (i === -1) return -1;
        } else {
          if (seen[column] === stamp) return -1; // duplicate key: JSON.parse keeps the last, the slow path decides
          seen[column] = stamp;
          if (column !== nextColumn) inOrder = false;
          nextColumn = column + 1;
          if (o > limit) {
            bytes = out.reserve(o, 4096);
            limit = bytes.length - 16;
          }
          if (written) bytes[o++] = 0x09;
          written = true;
          starts[column] = o;
          if (c === QUOTE && kinds[column] === VARCHAR) {
            // A string into a text column, copied (and unescaped, COPY-escaped) as it is scanned.
            const tokenStart = i;
            const valueStart = o;
            let doubled = 0;
            i++;
            for (;;) {
              const b = src[i++]!;
              if (b === QUOTE) break;
              if (b === BACKSLASH) {
                const e = src[i++]!;
                if (e === QUOTE || e === 0x2f) {
                  bytes[o++] = e;
                } else if (e === BACKSLASH) {
                  bytes[o++] = BACKSLASH;
                  bytes[o++] = BACKSLASH;
                  doubled++;
                } else if (e === 0x6e || e === 0x74 || e === 0x72) {
                  bytes[o++] = BACKSLASH;
                  bytes[o++] = e;
                  doubled++;
                } else if (e === 0x62) {
                  bytes[o++] = 0x08;
                } else if (e === 0x66) {
                  bytes[o++] = 0x0c;
                } else if (e === 0x75) {
                  let unit = hex4(src, i);
                  if (unit <= 0) return -1; // not hex, or NUL (the coercer rejects it)
                  i += 4;
                  if (unit >= 0xd800 && unit <= 0xdfff) {
                    if (unit >= 0xdc00 || src[i] !== BACKSLASH || src[i + 1] !== 0x75) return -1; // lone surrogate
                    const low = hex4(src, i + 2);
                    if (low < 0xdc00 || low > 0xdfff) return -1;
                    i += 6;
                    unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                    bytes[o++] = 0xf0 | (unit >> 18);
                    bytes[o++] = 0x80 | ((unit >> 12) & 0x3f);
                    bytes[o++] = 0x80 | ((unit >> 6) & 0x3f);
                    bytes[o++] = 0x80 | (unit & 0x3f);
                  } else if (unit < 0x80) {
                    if (unit === BACKSLASH || unit === 0x09 || unit === 0x0a || unit === 0x0d) {
                      bytes[o++] = BACKSLASH;
                      bytes[o++] = unit === BACKSLASH ? BACKSLASH : unit === 0x09 ? 0x74 : unit === 0x0a ? 0x6e : 0x72;
                      doubled++;
                    } else {
                      bytes[o++] = unit;
                    }
                  } else if (unit < 0x800) {
                    bytes[o++] = 0xc0 | (unit >> 6);
                    bytes[o++] = 0x80 | (unit & 0x3f);
                  } else {
                    bytes[o++] = 0xe0 | (unit >> 12);
                    bytes[o++] = 0x80 | ((unit >> 6) & 0x3f);
                    bytes[o++] = 0x80 | (unit & 0x3f);
                  }
                } else {
                  return -1; // an invalid escape (a control character after the backslash included)
                }
              } else if (b < 0x20) {
                return -1;
              } else {
                bytes[o++] = b;
              }
              if (o > limit) {
                bytes = out.reserve(o, 4096);
                limit = bytes.length - 16;
              }
            }
            const decodedLength = o - valueStart - doubled;
            const first = bytes[valueStart];
            if (decodedLength === 0) {
              if (this.#emptyAsNull) {
                bytes[o++] = BACKSLASH;
                bytes[o++] = 0x4e;
              }
            } else if (decodedLength > this.#maxBytes[column]! || first === 0x20 || first === BACKSLASH) {
              // Blank (maybe), or too long: redone by the careful path, which applies the text rules in order.
              o = this.#carefulText(src, tokenStart, i, column, out, valueStart);
              if (o === -1) return -1;
              bytes = out.bytes;
              limit = bytes.length - 16;
            }
          } else {
            const end = tokenEnd(src, i, c);
            if (end === -1) return -1;
            if (o + (end - i) + COLUMN_SLACK > bytes.length) {
              bytes = out.reserve(o, end - i + COLUMN_SLACK);
              limit = bytes.length - 16;
            }
            o = this.#encodeValue(src, i, end, c, column, bytes, o);
            if (o === -1) return -1;
            i = end;
          }
          ends[column] = o;
        }
        c = src[i]!;
        while (c === 0x20 || c === 0x09 || c === 0x0d) c = src[++i]!;
        if (c === 0x2c) {
          c = src[++i]!;
          while (c === 0x20 || c === 0x09 || c === 0x0d) c = src[++i]!;
          continue;
        }
        if (c !== 0x7d) return -1;
        c = src[++i]!;
        break;
      }
    }
    while (c === 0x20 || c === 0x09 || c === 0x0d) c = src[++i]!;
    if (c !== NEWLINE) return -1;
    const count = this.#count;
    if (!inOrder || nextColumn !== count) o = this.#rearrange(out, rowStart, o);
    else if (o > limit) bytes = out.reserve(o, 16);
    out.bytes[o++] = NEWLINE;
    out.length = o;
    return i;
  }

  /**
   * Rewrites the values at out[rowStart, o) (in key order) in column order, NULL for the columns the
   * line does not set; returns the end of the row (before its newline).
   */
  #rearrange(out: RowBuffer, rowStart: number, o: number): number {
    const stamp = this.#stamp;
    const seen = this.#seen;
    const starts = this.#valueStart;
    const ends = this.#valueEnd;
    const count = this.#count;
    const length = o - rowStart;
    if (this.#values.length < length) this.#values = new Uint8Array(Math.max(length, this.#values.length * 2));
    const values = this.#values;
    let bytes = out.bytes;
    for (let p = 0; p < length; p++) values[p] = bytes[rowStart + p]!;
    bytes = out.reserve(rowStart, length + count * 3 + 16);
    o = rowStart;
    for (let col = 0; col < count; col++) {
      if (col > 0) bytes[o++] = 0x09;
      if (seen[col] !== stamp) {
        bytes[o++] = BACKSLASH;
        bytes[o++] = 0x4e;
        continue;
      }
      const e = ends[col]! - rowStart;
      for (let p = starts[col]! - rowStart; p < e; p++) bytes[o++] = values[p]!;
    }
    return o;
  }

  /** The string token src[from, end) into a text column, from the start: the slow, exact way. */
  #carefulText(src: Uint8Array, from: number, end: number, column: number, out: RowBuffer, at: number): number {
    const bytes = out.reserve(at, end - from + COLUMN_SLACK);
    const maxBytes = this.#maxBytes[column]!;
    let escaped = false;
    for (let p = from + 1; p < end - 1; p++) {
      if (src[p] === BACKSLASH) {
        escaped = true;
        break;
      }
    }
    if (!escaped) return this.#text.plainText(src, from + 1, end - 1, maxBytes, bytes, at);
    const length = this.#strings.decode(src, from + 1, end - 1);
    if (length === -1) return -1;
    return this.#text.decodedText(this.#strings.bytes, length, maxBytes, bytes, at);
  }

  /** Skips a value no column reads, checking it is valid JSON; returns its end or -1. */
  #skipValue(src: Uint8Array, from: number, first: number): number {
    const end = tokenEnd(src, from, first);
    if (end === -1) return -1;
    if (first === QUOTE) {
      for (let p = from + 1; p < end - 1; p++) {
        if (src[p] === BACKSLASH) return this.#strings.decode(src, from + 1, end - 1) === -1 ? -1 : end;
      }
    }
    return end;
  }

  /** Column for the key on src[from, to) (remembered for its position): >= 0, -1 for a key no column reads, -2 to give up. */
  #columnOf(src: Uint8Array, from: number, to: number, position: number): number {
    const length = to - from;
    let key = Buffer.from(src.buffer, src.byteOffset + from, length).toString('utf8');
    if (this.#ignoreCase) {
      // Non-ASCII keys can lower-case to ASCII ones (the Kelvin sign is a k): the slow path decides.
      for (let p = from; p < to; p++) if (src[p]! >= 0x80) return -2;
      key = key.toLowerCase();
    }
    const column = this.#keyToColumn.get(key) ?? -1;
    if (position < PREDICTED_KEYS) {
      this.#predictedKey[position] = Uint8Array.prototype.slice.call(src, from, to);
      this.#predictedColumn[position] = column;
    }
    return column;
  }

  /**
   * Writes the COPY field for the value token src[from, end) into values[at...] (room for the token
   * and COLUMN_SLACK is there); returns the new end or -1. Strings into text columns are done inline.
   */
  #encodeValue(src: Uint8Array, from: number, end: number, first: number, column: number, values: Uint8Array, at: number): number {
    const kind = this.#kinds[column]!;
    if (first === 0x6e) {
      values[at] = BACKSLASH;
      values[at + 1] = 0x4e;
      return at + 2;
    }
    if (first === QUOTE) {
      let escaped = false;
      for (let p = from + 1; p < end - 1; p++) if (src[p] === BACKSLASH) escaped = true;
      if (escaped && this.#strings.decode(src, from + 1, end - 1) === -1) return -1;
      return this.#generic(this.#stringValue(src, from, end, escaped), column, values, at);
    }
    if (first === 0x74 || first === 0x66) {
      if (kind !== VARCHAR) return -1; // the coercer rejects booleans for numbers and times
      return this.#generic(first === 0x74, column, values, at);
    }
    // A number.
    switch (kind) {
      case INTEGER: {
        const written = integerDigits(src, from, end, this.#min[column]!, this.#max[column]!, values, at);
        return written === GENERIC ? this.#generic(numberToken(src, from, end), column, values, at) : written;
      }
      case DOUBLE:
        if (isCanonicalNumber(src, from, end)) return copyBytes(src, from, end, values, at);
        return this.#generic(numberToken(src, from, end), column, values, at);
      case TIMESTAMP: {
        const written = this.#times.write(src, from, end, values, at, this.#max[column]!);
        return written === GENERIC ? this.#generic(numberToken(src, from, end), column, values, at) : written;
      }
      default: {
        // A number into a text column keeps its text as written (ASCII, so any cut is a clean one).
        const maxBytes = this.#maxBytes[column]!;
        if (end - from <= maxBytes) return copyBytes(src, from, end, values, at);
        if (!this.#truncate) return -1;
        return copyBytes(src, from, from + maxBytes, values, at);
      }
    }
  }

  /** The JS value JSON.parse gives for a string token. */
  #stringValue(src: Uint8Array, from: number, end: number, escaped: boolean): string {
    const text = Buffer.from(src.buffer, src.byteOffset + from, end - from).toString('utf8');
    return escaped ? (JSON.parse(text) as string) : text.slice(1, -1);
  }

  /** Any other value: the real coercer on the JS value JSON.parse would give. */
  #generic(value: unknown, column: number, values: Uint8Array, at: number): number {
    let text: string | null;
    try {
      text = this.#coercers[column]!(value);
    } catch (error) {
      if (error instanceof CoercionError) return -1;
      throw error;
    }
    const field = encodeCopyField(text);
    const bytes = Buffer.from(field, 'utf8');
    // Room was reserved for the token plus COLUMN_SLACK; number and time texts are short, but check.
    if (at + bytes.length > values.length) return -1;
    for (let p = 0; p < bytes.length; p++) values[at++] = bytes[p]!;
    return at;
  }
}
