/**
 * JSON text written the way the real Sparkify files are: compact, '/' escaped as '\/', every
 * non-ASCII UTF-16 unit as a lowercase \uXXXX escape, and floats always with a decimal point
 * (`1540919166796.0`, `213.9424`). JSON.stringify does none of the first two, hence this module.
 */

const SAFE = /^[\x20-\x21\x23-\x2e\x30-\x5b\x5d-\x7e]*$/;

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x2f: '\\/',
  0x5c: '\\\\',
};

/** A JSON string literal, quotes included. */
export function jsonString(text: string): string {
  if (SAFE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += text[i];
  }
  return `${out}"`;
}

/** Shortest round-trip decimal of a float, with `.0` added when it is whole (Python repr style). */
export function jsonFloat(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value);
  return Number.isInteger(value) && !text.includes('e') ? `${text}.0` : text;
}

/** A value that is usually text but, as in the real song files, sometimes a JSON number. */
export type Quirky = string | number | null;

export function jsonQuirky(value: Quirky): string {
  if (value === null) return 'null';
  return typeof value === 'number' ? String(value) : jsonString(value);
}

/** The text a loader gets when it coerces the value (numbers compare as their JSON text). */
export function quirkyText(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

/**
 * The double mojibake of the real event logs: non-ASCII text was encoded to UTF-8 and read back
 * as Latin-1 twice, so 'é' arrives as 'Ã\u0083Â©' (written \u00c3\u0083\u00c2\u00a9).
 */
export function doubleMojibake(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return latin1OfUtf8(latin1OfUtf8(text));
}

function latin1OfUtf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}
