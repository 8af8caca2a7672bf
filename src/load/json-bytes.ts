import { JsonNumber } from './json-value.ts';

/**
 * The fast path's scanner: byte-level pieces of JSON (token ends, numbers, string escapes) read
 * straight from UTF-8 bytes, with no JS strings. Each answers -1 when the bytes are not what it
 * reads, and the caller then leaves the line to the slow path.
 */

// Byte values, local to each file of the fast path (see flat-rows.ts).
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** End of the (non-nested) value token starting at `from` with byte `first`, or -1. */
export function tokenEnd(src: Uint8Array, from: number, first: number): number {
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
export function isCanonicalNumber(src: Uint8Array, from: number, end: number): boolean {
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
export function numberToken(src: Uint8Array, from: number, end: number): JsonNumber {
  let text = '';
  for (let p = from; p < end; p++) text += String.fromCharCode(src[p]!);
  return new JsonNumber(text);
}

export function copyBytes(src: Uint8Array, from: number, end: number, values: Uint8Array, at: number): number {
  for (let p = from; p < end; p++) values[at++] = src[p]!;
  return at;
}

export function hex4(src: Uint8Array, p: number): number {
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

/** Decodes escaped JSON string contents into UTF-8 bytes, in a buffer reused from line to line. */
export class JsonStringBytes {
  #bytes = new Uint8Array(1024);

  /** The decoded bytes of the last decode() (its return value says how many). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }

  /**
   * Decodes the escaped JSON string content src[from, to) into `bytes` as UTF-8; returns its length,
   * or -1 for an invalid escape, a NUL or a lone surrogate (the slow path reports or handles those).
   */
  decode(src: Uint8Array, from: number, to: number): number {
    let decoded = this.#bytes;
    if (decoded.length < to - from) this.#bytes = decoded = new Uint8Array(Math.max(to - from, decoded.length * 2));
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
}
