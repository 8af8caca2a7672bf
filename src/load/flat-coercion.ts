import { ISO_END_MS, ISO_MIN_MS, MAX_EPOCH_MS, MIN_EPOCH_MS, type CopyOptions } from './coerce.ts';
import { numberToken } from './json-bytes.ts';

/**
 * The fast path's coercion: the rules of coerce.ts (text rules, whole numbers, epoch milliseconds)
 * applied to bytes, for the cases where the result is known to be the coercer's byte for byte.
 * Each writes into `values` at `at` and returns the new end, -1 when the value must take the slow
 * path, or GENERIC when the real coercer should decide on the token (the caller then runs it).
 */
export const GENERIC = -2;

const DAY_MS = 86_400_000;
// Byte values, local to each file of the fast path (see flat-rows.ts).
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** EMPTYASNULL, BLANKSASNULL, TRUNCATECOLUMNS (in UTF-8 bytes) and COPY escaping, on string bytes. */
export class TextRules {
  readonly #emptyAsNull: boolean;
  readonly #blanksAsNull: boolean;
  readonly #truncate: boolean;

  constructor(options: CopyOptions) {
    this.#emptyAsNull = options.emptyAsNull;
    this.#blanksAsNull = options.blanksAsNull;
    this.#truncate = options.truncateColumns;
  }

  /** A string without escapes: as is (it cannot hold a tab, newline or backslash), after the text rules. */
  plainText(src: Uint8Array, from: number, to: number, maxBytes: number, values: Uint8Array, at: number): number {
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

  /** decoded[0, length) after the text rules, COPY-escaped. */
  decodedText(decoded: Uint8Array, length: number, maxBytes: number, values: Uint8Array, at: number): number {
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
}

/** A whole number into an integer column: its digits when it has at most 15 (and a fraction of zeros at most); -1 out of [min, max]. */
export function integerDigits(src: Uint8Array, from: number, end: number, min: number, max: number, values: Uint8Array, at: number): number {
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
  if (digitsTo - digitsFrom > 15) return GENERIC;
  if (p < end) {
    if (src[p] !== 0x2e) return GENERIC;
    for (p++; p < end; p++) if (src[p] !== ZERO) return GENERIC;
  }
  const signed = negative ? -value : value;
  if (signed < min || signed > max) return -1;
  if (value === 0) {
    values[at] = ZERO;
    return at + 1;
  }
  if (negative) values[at++] = MINUS;
  for (p = digitsFrom; p < digitsTo; p++) values[at++] = src[p]!;
  return at;
}

/** Epoch milliseconds written as the coercer writes them (ISO, UTC), with a cache of day prefixes. */
export class TimestampWriter {
  /** `YYYY-MM-DDT` per day number, last day first. */
  #lastDay = NaN;
  #lastDayPrefix: Uint8Array = new Uint8Array(0);
  readonly #dayPrefixes = new Map<number, Uint8Array>();

  /** `latest`: the latest epoch millisecond the column takes (MAX_EPOCH_MS, or less); later ones take the slow path. */
  write(src: Uint8Array, from: number, end: number, values: Uint8Array, at: number, latest = MAX_EPOCH_MS): number {
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
    if (!(ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS && ms <= latest)) return -1;
    // Years outside 0-9999 are written in PostgreSQL's form by the coercer.
    if (ms < ISO_MIN_MS || ms >= ISO_END_MS) return GENERIC;
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
}
