import type { TableDefinition } from '../schema/types.ts';
import { coercerFor, CoercionError, INTEGER_RANGES, ISO_END_MS, ISO_MIN_MS, MIN_EPOCH_MS, MAX_EPOCH_MS, type Coercer, type CopyOptions } from './coerce.ts';
import { encodeCopyField } from './copy-text.ts';
import { JsonNumber } from './json-value.ts';
import type { FieldMapping } from './jsonpaths.ts';

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
 * ISO time). Every other combination builds the JS value JSON.parse would give and runs the real
 * coercer on it.
 */

const VARCHAR = 0;
const INTEGER = 1;
const DOUBLE = 2;
const TIMESTAMP = 3;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const DAY_MS = 86_400_000;
/** Key positions whose last-seen key is remembered (rows repeat the same key order). */
const PREDICTED_KEYS = 64;
/** Output bytes a column can take beyond its token's length (numbers and times written as text). */
const COLUMN_SLACK = 40;

/** A growable byte buffer of COPY rows; `take()` hands the filled part over and starts a new one. */
export class RowBuffer {
  bytes: Buffer;
  length = 0;
  constructor(readonly initialSize = 512 * 1024) {
    this.bytes = Buffer.allocUnsafe(initialSize);
  }
  /**
   * Makes room for `extra` bytes after position `upTo` (a row being written past `length`), keeping
   * bytes[0, upTo); returns the (maybe new) bytes.
   */
  reserve(upTo: number, extra: number): Buffer {
    if (upTo + extra > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(upTo + extra, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, upTo);
      this.bytes = bigger;
    }
    return this.bytes;
  }
  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
  appendString(text: string): void {
    this.ensure(text.length * 3);
    this.length += this.bytes.write(text, this.length);
  }
  /** The rows so far (the caller owns them); the buffer starts empty again. */
  take(): Buffer {
    const filled = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(Math.max(this.initialSize, this.length));
    this.length = 0;
    return filled;
  }
}

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
  readonly #blanksAsNull: boolean;
  readonly #truncate: boolean;
  /** Column values of the line being encoded, in key order, as COPY field bytes. */
  #values = new Uint8Array(4096);
  readonly #valueStart: Int32Array;
  readonly #valueEnd: Int32Array;
  /** #seen[column] === #stamp when the current line set that column. */
  readonly #seen: Int32Array;
  #stamp = 0;
  /** Decoded bytes of an escaped string. */
  #decoded = new Uint8Array(1024);
  /** The key bytes last seen at each key position, and the column they map to (-1: none). */
  readonly #predictedKey: (Uint8Array | undefined)[] = [];
  readonly #predictedColumn = new Int32Array(PREDICTED_KEYS);
  /** `YYYY-MM-DDT` (or `+YYYYYY-MM-DDT`) per day number, last day first. */
  #lastDay = NaN;
  #lastDayPrefix: Uint8Array = new Uint8Array(0);
  readonly #dayPrefixes = new Map<number, Uint8Array>();

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
          break;
      }
    });
    this.#keyToColumn = keyToColumn;
    this.#ignoreCase = ignoreCase;
    this.#emptyAsNull = options.emptyAsNull;
    this.#blanksAsNull = options.blanksAsNull;
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
            const end = this.#tokenEnd(src, i, c);
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
    if (!escaped) return this.#plainText(src, from + 1, end - 1, maxBytes, bytes, at);
    const length = this.#decode(src, from + 1, end - 1);
    if (length === -1) return -1;
    return this.#decodedText(length, maxBytes, bytes, at);
  }

  /** End of the (non-nested) value token starting at `from` with byte `first`, or -1. */
  #tokenEnd(src: Uint8Array, from: number, first: number): number {
    if (first === QUOTE) {
      let j = from + 1;
      for (;;) {
        const k = src[j]!;
        if (k === QUOTE) return j + 1;
        if (k === BACKSLASH) {
          if (src[++j]! < 0x20) return -1;
        } else if (k < 0x20) {
          return -1;
        }
        j++;
      }
    }
    if (first === MINUS || (first >= ZERO && first <= NINE)) return numberEnd(src, from);
    if (first === 0x6e) return src[from + 1] === 0x75 && src[from + 2] === 0x6c && src[from + 3] === 0x6c ? from + 4 : -1;
    if (first === 0x74) return src[from + 1] === 0x72 && src[from + 2] === 0x75 && src[from + 3] === 0x65 ? from + 4 : -1;
    if (first === 0x66) return src[from + 1] === 0x61 && src[from + 2] === 0x6c && src[from + 3] === 0x73 && src[from + 4] === 0x65 ? from + 5 : -1;
    return -1; // a nested object or array, or not JSON
  }

  /** Skips a value no column reads, checking it is valid JSON; returns its end or -1. */
  #skipValue(src: Uint8Array, from: number, first: number): number {
    const end = this.#tokenEnd(src, from, first);
    if (end === -1) return -1;
    if (first === QUOTE) {
      for (let p = from + 1; p < end - 1; p++) {
        if (src[p] === BACKSLASH) return this.#decode(src, from + 1, end - 1) === -1 ? -1 : end;
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
      if (escaped && this.#decode(src, from + 1, end - 1) === -1) return -1;
      return this.#generic(this.#stringValue(src, from, end, escaped), column, values, at);
    }
    if (first === 0x74 || first === 0x66) {
      if (kind !== VARCHAR) return -1; // the coercer rejects booleans for numbers and times
      return this.#generic(first === 0x74, column, values, at);
    }
    // A number.
    switch (kind) {
      case INTEGER:
        return this.#integer(src, from, end, column, values, at);
      case DOUBLE:
        if (isCanonicalNumber(src, from, end)) return copyBytes(src, from, end, values, at);
        return this.#generic(numberToken(src, from, end), column, values, at);
      case TIMESTAMP:
        return this.#timestamp(src, from, end, column, values, at);
      default: {
        // A number into a text column keeps its text as written (ASCII, so any cut is a clean one).
        const maxBytes = this.#maxBytes[column]!;
        if (end - from <= maxBytes) return copyBytes(src, from, end, values, at);
        if (!this.#truncate) return -1;
        return copyBytes(src, from, from + maxBytes, values, at);
      }
    }
  }

  /** A string without escapes: as is (it cannot hold a tab, newline or backslash), after the text rules. */
  #plainText(src: Uint8Array, from: number, to: number, maxBytes: number, values: Uint8Array, at: number): number {
    const length = to - from;
    if (length === 0) {
      if (!this.#emptyAsNull) return at;
      values[at] = BACKSLASH;
      values[at + 1] = 0x4e;
      return at + 2;
    }
    if (this.#blanksAsNull && src[from] === 0x20) {
      let p = from + 1;
      while (p < to && src[p] === 0x20) p++;
      if (p === to) {
        values[at] = BACKSLASH;
        values[at + 1] = 0x4e;
        return at + 2;
      }
    }
    let stop = to;
    if (length > maxBytes) {
      if (!this.#truncate) return -1;
      stop = from + maxBytes;
      while (stop > from && (src[stop]! & 0xc0) === 0x80) stop--;
    }
    for (let p = from; p < stop; p++) values[at++] = src[p]!;
    return at;
  }

  /** #decoded[0, length) after the text rules, COPY-escaped. */
  #decodedText(length: number, maxBytes: number, values: Uint8Array, at: number): number {
    const decoded = this.#decoded;
    if (this.#blanksAsNull) {
      let p = 0;
      for (; p < length; p++) {
        const d = decoded[p]!;
        if (d !== 0x20 && d !== 0x09 && d !== 0x0a && d !== 0x0d) break;
      }
      if (p === length) {
        values[at] = BACKSLASH;
        values[at + 1] = 0x4e;
        return at + 2;
      }
    }
    let stop = length;
    if (length > maxBytes) {
      if (!this.#truncate) return -1;
      stop = maxBytes;
      while (stop > 0 && (decoded[stop]! & 0xc0) === 0x80) stop--;
    }
    for (let p = 0; p < stop; p++) {
      const d = decoded[p]!;
      if (d === BACKSLASH) {
        values[at++] = BACKSLASH;
        values[at++] = BACKSLASH;
      } else if (d === 0x09) {
        values[at++] = BACKSLASH;
        values[at++] = 0x74;
      } else if (d === 0x0a) {
        values[at++] = BACKSLASH;
        values[at++] = 0x6e;
      } else if (d === 0x0d) {
        values[at++] = BACKSLASH;
        values[at++] = 0x72;
      } else {
        values[at++] = d;
      }
    }
    return at;
  }

  /**
   * Decodes the escaped JSON string content src[from, to) into #decoded as UTF-8; returns its length,
   * or -1 for an invalid escape, a NUL or a lone surrogate (the slow path reports or handles those).
   */
  #decode(src: Uint8Array, from: number, to: number): number {
    let decoded = this.#decoded;
    if (decoded.length < to - from) this.#decoded = decoded = new Uint8Array(Math.max(to - from, decoded.length * 2));
    let d = 0;
    let p = from;
    while (p < to) {
      const c = src[p]!;
      if (c !== BACKSLASH) {
        decoded[d++] = c;
        p++;
        continue;
      }
      const e = src[p + 1]!;
      p += 2;
      switch (e) {
        case 0x22:
        case 0x5c:
        case 0x2f:
          decoded[d++] = e;
          break;
        case 0x62:
          decoded[d++] = 0x08;
          break;
        case 0x66:
          decoded[d++] = 0x0c;
          break;
        case 0x6e:
          decoded[d++] = 0x0a;
          break;
        case 0x72:
          decoded[d++] = 0x0d;
          break;
        case 0x74:
          decoded[d++] = 0x09;
          break;
        case 0x75: {
          if (p + 4 > to) return -1;
          let unit = hex4(src, p);
          p += 4;
          if (unit <= 0) return -1; // invalid, or NUL (the coercer rejects it)
          if (unit >= 0xdc00 && unit <= 0xdfff) return -1;
          if (unit >= 0xd800 && unit <= 0xdbff) {
            if (p + 6 > to || src[p] !== BACKSLASH || src[p + 1] !== 0x75) return -1;
            const low = hex4(src, p + 2);
            if (low < 0xdc00 || low > 0xdfff) return -1;
            p += 6;
            unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
            decoded[d++] = 0xf0 | (unit >> 18);
            decoded[d++] = 0x80 | ((unit >> 12) & 0x3f);
            decoded[d++] = 0x80 | ((unit >> 6) & 0x3f);
            decoded[d++] = 0x80 | (unit & 0x3f);
          } else if (unit < 0x80) {
            decoded[d++] = unit;
          } else if (unit < 0x800) {
            decoded[d++] = 0xc0 | (unit >> 6);
            decoded[d++] = 0x80 | (unit & 0x3f);
          } else {
            decoded[d++] = 0xe0 | (unit >> 12);
            decoded[d++] = 0x80 | ((unit >> 6) & 0x3f);
            decoded[d++] = 0x80 | (unit & 0x3f);
          }
          break;
        }
        default:
          return -1;
      }
    }
    return d;
  }

  #integer(src: Uint8Array, from: number, end: number, column: number, values: Uint8Array, at: number): number {
    // An integer literal of at most 15 digits, or one with a fraction of zeros (1541008824796.0):
    // its value is exact and String(value) is its integer digits.
    let p = from;
    const negative = src[p] === MINUS;
    if (negative) p++;
    const digitsFrom = p;
    let value = 0;
    while (p < end) {
      const c = src[p]!;
      if (c < ZERO || c > NINE) break;
      value = value * 10 + (c - ZERO);
      p++;
    }
    const digitsTo = p;
    if (digitsTo - digitsFrom > 15) return this.#generic(numberToken(src, from, end), column, values, at);
    if (p < end) {
      if (src[p] !== 0x2e) return this.#generic(numberToken(src, from, end), column, values, at);
      for (p++; p < end; p++) if (src[p] !== ZERO) return this.#generic(numberToken(src, from, end), column, values, at);
    }
    const signed = negative ? -value : value;
    if (signed < this.#min[column]! || signed > this.#max[column]!) return -1;
    if (value === 0) {
      values[at] = ZERO;
      return at + 1;
    }
    if (negative) values[at++] = MINUS;
    for (p = digitsFrom; p < digitsTo; p++) values[at++] = src[p]!;
    return at;
  }

  #timestamp(src: Uint8Array, from: number, end: number, column: number, values: Uint8Array, at: number): number {
    let p = from;
    const negative = src[p] === MINUS;
    if (negative) p++;
    const digitsFrom = p;
    let value = 0;
    while (p < end) {
      const c = src[p]!;
      if (c < ZERO || c > NINE) break;
      value = value * 10 + (c - ZERO);
      p++;
    }
    let ms: number;
    let exact = p - digitsFrom <= 16;
    if (exact && p < end) {
      if (src[p] !== 0x2e) exact = false;
      else for (p++; p < end; p++) if (src[p] !== ZERO) exact = false;
    }
    if (exact) {
      // Sixteen digits may be inexact above 2^53, but those are past the limit anyway.
      ms = negative ? -value : value;
    } else {
      ms = Math.trunc(Number(numberToken(src, from, end).text));
    }
    if (!(ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS)) return -1;
    // Years outside 0-9999 are written in PostgreSQL's form by the coercer.
    if (ms < ISO_MIN_MS || ms >= ISO_END_MS) return this.#generic(numberToken(src, from, end), column, values, at);
    const day = Math.floor(ms / DAY_MS);
    let prefix = this.#lastDayPrefix;
    if (day !== this.#lastDay) {
      let cached = this.#dayPrefixes.get(day);
      if (cached === undefined) {
        const iso = new Date(day * DAY_MS).toISOString();
        cached = Buffer.from(iso.slice(0, iso.length - 13), 'latin1');
        if (this.#dayPrefixes.size >= 4096) this.#dayPrefixes.clear();
        this.#dayPrefixes.set(day, cached);
      }
      this.#lastDay = day;
      this.#lastDayPrefix = prefix = cached;
    }
    for (let q = 0; q < prefix.length; q++) values[at++] = prefix[q]!;
    let t = ms - day * DAY_MS;
    const hours = Math.floor(t / 3_600_000);
    t -= hours * 3_600_000;
    const minutes = Math.floor(t / 60_000);
    t -= minutes * 60_000;
    const seconds = Math.floor(t / 1000);
    const millis = t - seconds * 1000;
    values[at] = ZERO + Math.floor(hours / 10);
    values[at + 1] = ZERO + (hours % 10);
    values[at + 2] = 0x3a;
    values[at + 3] = ZERO + Math.floor(minutes / 10);
    values[at + 4] = ZERO + (minutes % 10);
    values[at + 5] = 0x3a;
    values[at + 6] = ZERO + Math.floor(seconds / 10);
    values[at + 7] = ZERO + (seconds % 10);
    values[at + 8] = 0x2e;
    values[at + 9] = ZERO + Math.floor(millis / 100);
    values[at + 10] = ZERO + (Math.floor(millis / 10) % 10);
    values[at + 11] = ZERO + (millis % 10);
    values[at + 12] = 0x5a;
    return at + 13;
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

/** End of the JSON number token starting at `from`, or -1 when it is not one. */
function numberEnd(src: Uint8Array, from: number): number {
  let p = from;
  if (src[p] === MINUS) p++;
  let c = src[p]!;
  if (c === ZERO) {
    c = src[++p]!;
  } else if (c >= 0x31 && c <= NINE) {
    do c = src[++p]!;
    while (c >= ZERO && c <= NINE);
  } else {
    return -1;
  }
  if (c === 0x2e) {
    c = src[++p]!;
    if (c < ZERO || c > NINE) return -1;
    do c = src[++p]!;
    while (c >= ZERO && c <= NINE);
  }
  if (c === 0x65 || c === 0x45) {
    c = src[++p]!;
    if (c === 0x2b || c === MINUS) c = src[++p]!;
    if (c < ZERO || c > NINE) return -1;
    do c = src[++p]!;
    while (c >= ZERO && c <= NINE);
  }
  return p;
}

/**
 * Whether String(Number(token)) is the token itself: no exponent, no trailing zero in a fraction,
 * not -0, at most 15 digits (so the token is the shortest text of its double), and not so small that
 * JavaScript would write it with an exponent (below 1e-6).
 */
function isCanonicalNumber(src: Uint8Array, from: number, end: number): boolean {
  let p = from;
  if (src[p] === MINUS) p++;
  const intFrom = p;
  while (p < end && src[p] !== 0x2e) {
    const c = src[p]!;
    if (c < ZERO || c > NINE) return false; // an exponent
    p++;
  }
  const intDigits = p - intFrom;
  if (p === end) {
    // An integer: -0 is written 0.
    return intDigits <= 15 && !(src[from] === MINUS && src[intFrom] === ZERO);
  }
  const fracFrom = p + 1;
  let fracDigits = 0;
  for (p = fracFrom; p < end; p++) {
    const c = src[p]!;
    if (c < ZERO || c > NINE) return false;
    fracDigits++;
  }
  if (intDigits + fracDigits > 15 || src[end - 1] === ZERO) return false;
  if (src[intFrom] === ZERO) {
    // 0.000001 is written as is, 0.0000001 as 1e-7.
    let zeros = 0;
    while (src[fracFrom + zeros] === ZERO) zeros++;
    if (zeros >= 6) return false;
  }
  return true;
}

/** The number token as the slow path's parser gives it (digits as written). */
function numberToken(src: Uint8Array, from: number, end: number): JsonNumber {
  let text = '';
  for (let p = from; p < end; p++) text += String.fromCharCode(src[p]!);
  return new JsonNumber(text);
}

function copyBytes(src: Uint8Array, from: number, end: number, values: Uint8Array, at: number): number {
  for (let p = from; p < end; p++) values[at++] = src[p]!;
  return at;
}

function hex4(src: Uint8Array, p: number): number {
  let value = 0;
  for (let q = p; q < p + 4; q++) {
    const c = src[q]!;
    let digit: number;
    if (c >= ZERO && c <= NINE) digit = c - ZERO;
    else if (c >= 0x61 && c <= 0x66) digit = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) digit = c - 0x37;
    else return -1;
    value = value * 16 + digit;
  }
  return value;
}
