import type { ColumnType } from '../schema/types.ts';

/**
 * Turns one JSON value into the text PostgreSQL's COPY reads for a column, with the meaning
 * Redshift's COPY gives its options: TIMEFORMAT 'epochmillisecs', TRUNCATECOLUMNS, BLANKSASNULL,
 * EMPTYASNULL. Returns null for SQL NULL; throws CoercionError when the value cannot fit.
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
}

/** The COPY options both staging loads use (docs/engines.md, "Staging loads"). */
export const STAGING_COPY_OPTIONS: CopyOptions = Object.freeze({
  truncateColumns: true,
  blanksAsNull: true,
  emptyAsNull: true,
  timeFormat: 'epochmillisecs',
});

const INTEGER_RANGES = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function coercerFor(type: ColumnType, options: CopyOptions): Coercer {
  switch (type.kind) {
    case 'varchar':
      return varcharCoercer(type.length, options);
    case 'smallint':
    case 'integer':
    case 'bigint':
      return integerCoercer(type.kind, INTEGER_RANGES[type.kind]);
    case 'double':
      return doubleCoercer;
    case 'timestamp':
      return epochMillisCoercer;
  }
}

function varcharCoercer(maxBytes: number, options: CopyOptions): Coercer {
  return (value) => {
    if (value === null || value === undefined) return null;
    let text: string;
    if (typeof value === 'string') text = value;
    // Real data has JSON numbers where text is expected (titles like 66, artist names like 883).
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else text = JSON.stringify(value);
    if (text.length === 0) return options.emptyAsNull ? null : text;
    if (options.blanksAsNull && isBlank(text)) return null;
    if (text.includes('\0')) throw new CoercionError('contains a NUL character');
    // Redshift VARCHAR(n) counts bytes; a string of n/3 characters or fewer always fits.
    if (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) {
      if (!options.truncateColumns) throw new CoercionError(`longer than ${maxBytes} bytes`);
      text = truncateUtf8(text, maxBytes);
    }
    return text;
  };
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

function numberFrom(value: unknown, typeName: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (NUMERIC_TEXT.test(trimmed)) return Number(trimmed);
    throw new CoercionError(`'${cut(value)}' is not a valid ${typeName}`);
  }
  throw new CoercionError(`${describe(value)} is not a valid ${typeName}`);
}

function integerCoercer(typeName: string, [min, max]: readonly [number, number]): Coercer {
  return (value) => {
    const number = numberFrom(value, typeName);
    if (number === null) return null;
    if (!Number.isInteger(number)) throw new CoercionError(`${cut(String(value))} is not a whole number (${typeName})`);
    if (number < min || number > max) throw new CoercionError(`${number} is out of range for ${typeName}`);
    return String(number);
  };
}

const doubleCoercer: Coercer = (value) => {
  const number = numberFrom(value, 'double precision');
  if (number === null) return null;
  if (!Number.isFinite(number)) throw new CoercionError(`${cut(String(value))} is out of range for double precision`);
  // Shortest text that round-trips: no digits are lost or invented.
  return String(number);
};

// PostgreSQL and Redshift timestamps span 4713 BC .. 294276 AD; JavaScript dates reach +-275760.
const MAX_EPOCH_MS = 8.64e15;

const epochMillisCoercer: Coercer = (value) => {
  const number = numberFrom(value, 'epoch milliseconds');
  if (number === null) return null;
  if (!Number.isFinite(number) || Math.abs(number) > MAX_EPOCH_MS) throw new CoercionError(`${cut(String(value))} is not a valid epoch-milliseconds time`);
  // 2018-11-01T20:57:10.796Z: PostgreSQL ignores the zone for `timestamp` columns, keeping UTC.
  return new Date(Math.trunc(number)).toISOString();
};

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${cut(String(value))}`;
}

function cut(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
