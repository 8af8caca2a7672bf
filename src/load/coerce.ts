import type { ColumnType } from '../schema/types.ts';
import { JsonNumber, jsonText } from './json-value.ts';
import { isWellFormed } from './lenient-utf8.ts';

/**
 * Turns one JSON value into the text PostgreSQL's COPY reads for a column, with the meaning
 * Redshift's COPY gives its options: TIMEFORMAT 'epochmillisecs', TRUNCATECOLUMNS, BLANKSASNULL,
 * EMPTYASNULL, ACCEPTINVCHARS. Values come from the slow path's parser (numbers as JsonNumber, so
 * their digits are exact) or are plain JS values. Returns null for SQL NULL; throws CoercionError
 * when the value cannot fit. The rules are written out in docs/loader.md.
 */
export type Coercer = (value: unknown) => string | null;

export class CoercionError extends Error {
  override name = 'CoercionError';
}

export interface CopyOptions {
  readonly truncateColumns: boolean;
  readonly blanksAsNull: boolean;
  readonly emptyAsNull: boolean;
  readonly timeFormat: 'epochmillisecs';
  /** ACCEPTINVCHARS: the character that replaces each byte of invalid UTF-8; undefined rejects such records. */
  readonly acceptInvChars?: string;
}

/** The COPY options both staging loads use (docs/engines.md, "Staging loads"): TIMEFORMAT 'epochmillisecs' TRUNCATECOLUMNS BLANKSASNULL EMPTYASNULL. */
export const STAGING_COPY_OPTIONS: CopyOptions = Object.freeze({
  truncateColumns: true,
  blanksAsNull: true,
  emptyAsNull: true,
  timeFormat: 'epochmillisecs',
});

/** The staging options with ACCEPTINVCHARS as configured. */
export function stagingCopyOptions(acceptInvChars: string | undefined): CopyOptions {
  return acceptInvChars === undefined ? STAGING_COPY_OPTIONS : Object.freeze({ ...STAGING_COPY_OPTIONS, acceptInvChars });
}

export type IntegerKind = 'smallint' | 'integer' | 'bigint';

/** The ranges of PostgreSQL's (and Redshift's) integer types, exact. */
export const INTEGER_RANGES: Readonly<Record<IntegerKind, readonly [bigint, bigint]>> = Object.freeze({
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
});

/**
 * Epoch milliseconds a timestamp column holds: PostgreSQL's and Redshift's timestamps start at
 * 4714-11-24 BC (Julian day 0); JavaScript dates end at +275760-09-13, before their end (294276 AD).
 */
export const MIN_EPOCH_MS = -210866803200000;
export const MAX_EPOCH_MS = 8.64e15;
/** 0001-01-01 and 10000-01-01: times in between are written in ISO form, the rest as PostgreSQL's own (it reads no ISO year 0). */
export const ISO_MIN_MS = -62135596800000;
export const ISO_END_MS = 253402300800000;

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function coercerFor(type: ColumnType, options: CopyOptions): Coercer {
  switch (type.kind) {
    case 'varchar':
      return varcharCoercer(type.length, options);
    case 'smallint':
    case 'integer':
    case 'bigint':
      return integerCoercer(type.kind);
    case 'double':
      return doubleCoercer;
    case 'timestamp':
      return epochMillisCoercer(type.latest);
  }
}

function varcharCoercer(maxBytes: number, options: CopyOptions): Coercer {
  return (value) => {
    if (value === null || value === undefined) return null;
    let text: string;
    if (typeof value === 'string') text = value;
    // Real data has JSON numbers where text is expected (titles like 66, artist names like 883): as written.
    else if (value instanceof JsonNumber) text = value.text;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else text = jsonText(value as never);
    if (text.length === 0) return options.emptyAsNull ? null : text;
    if (options.blanksAsNull && isBlank(text)) return null;
    if (text.includes('\0')) throw new CoercionError('contains a NUL character (\\u0000), which a text column cannot hold');
    if (!isWellFormed(text)) {
      if (options.acceptInvChars === undefined)
        throw new CoercionError(`holds a lone surrogate (${loneSurrogate(text)}), which is not valid UTF-8 (set [S3] ACCEPTINVCHARS to replace it)`);
      text = replaceLoneSurrogates(text, options.acceptInvChars);
    }
    // Redshift VARCHAR(n) counts bytes; a string of n/3 characters or fewer always fits.
    if (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) {
      if (!options.truncateColumns) throw new CoercionError(`longer than ${maxBytes} bytes`);
      text = truncateUtf8(text, maxBytes);
    }
    return text;
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Each lone surrogate becomes three of `replacement`: the bytes it would take in UTF-8 (CESU-8), as ACCEPTINVCHARS keeps lengths. */
export function replaceLoneSurrogates(text: string, replacement: string): string {
  return text.replace(LONE_SURROGATE, replacement.repeat(3));
}

function loneSurrogate(text: string): string {
  const match = text.match(new RegExp(LONE_SURROGATE.source));
  return `\\u${match![0].charCodeAt(0).toString(16)}`;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text);
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString();
}

/** The number's text (a JSON number's as written, a string's trimmed), or null for SQL NULL. */
function numericText(value: unknown, typeName: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (NUMERIC_TEXT.test(trimmed)) return trimmed;
    throw new CoercionError(`'${cut(value)}' is not a valid ${typeName}`);
  }
  throw new CoercionError(`${describe(value)} is not a valid ${typeName}`);
}

/**
 * The exact integer a decimal text stands for (`1540919166796.0`, `1e3`, `-42`), 'fraction' when it
 * has one, 'huge' when it has more digits than any integer column holds. Decimal arithmetic on the
 * digits, so no value above 2^53 is rounded.
 */
export function exactInteger(text: string): bigint | 'fraction' | 'huge' {
  const parts = DECIMAL_PARTS.exec(text);
  if (!parts) return 'fraction';
  const [, sign, whole = '', fraction = '', exponent = '0'] = parts;
  let digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return 0n;
  let shift = Number(exponent) - fraction.length;
  if (shift < 0) {
    const keep = digits.length + shift;
    if (/[^0]/.test(keep > 0 ? digits.slice(keep) : digits)) return 'fraction';
    digits = keep > 0 ? digits.slice(0, keep) : '0';
    shift = 0;
  }
  if (digits.length + shift > 40) return 'huge';
  const magnitude = BigInt(digits + '0'.repeat(shift));
  return sign === '-' ? -magnitude : magnitude;
}

function integerCoercer(kind: IntegerKind): Coercer {
  const [min, max] = INTEGER_RANGES[kind];
  return (value) => {
    const text = numericText(value, kind);
    if (text === null) return null;
    const integer = exactInteger(text);
    if (integer === 'fraction') throw new CoercionError(`${cut(text)} is not a whole number (${kind})`);
    if (integer === 'huge' || integer < min || integer > max) throw new CoercionError(`${cut(text)} is out of range for ${kind}`);
    return integer.toString();
  };
}

const doubleCoercer: Coercer = (value) => {
  const text = numericText(value, 'double precision');
  if (text === null) return null;
  const number = Number(text);
  if (!Number.isFinite(number)) throw new CoercionError(`${cut(text)} is out of range for double precision`);
  // Shortest text that round-trips: no digits are lost or invented.
  return String(number);
};

/**
 * Epoch milliseconds a timestamp holds; with `latest`, no later than that either (the column feeds
 * one that holds no later time, see ColumnType).
 */
function epochMillisCoercer(latest?: { readonly ms: number; readonly why: string }): Coercer {
  return (value) => {
    const text = numericText(value, 'epoch milliseconds');
    if (text === null) return null;
    const number = Number(text);
    if (!Number.isFinite(number) || number < MIN_EPOCH_MS || number > MAX_EPOCH_MS) {
      throw new CoercionError(`${cut(text)} is out of range for epoch milliseconds (a timestamp holds 4714-11-24 BC to 275760-09-13 AD)`);
    }
    const ms = Math.trunc(number);
    if (latest && ms > latest.ms)
      throw new CoercionError(`${cut(text)} is after ${epochMillisText(latest.ms)}, the latest time the star schema holds (${latest.why})`);
    return epochMillisText(ms);
  };
}

/**
 * 2018-11-01T20:57:10.796Z (PostgreSQL ignores the zone for `timestamp` columns, keeping UTC); outside
 * years 1-9999, where ISO needs a sign and six digits PostgreSQL does not read, its own form:
 * `10000-01-01 00:00:00.000` and `0044-03-15 12:00:00.000 BC`.
 */
export function epochMillisText(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (ms >= ISO_MIN_MS && ms < ISO_END_MS) return iso;
  const tail = iso.slice(iso.indexOf('-', 1), -1).replace('T', ' ');
  const year = Number(iso.slice(0, iso.indexOf('-', 1)));
  return year <= 0 ? `${String(1 - year).padStart(4, '0')}${tail} BC` : `${year}${tail}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${cut(String(value))}`;
}

function cut(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
