/**
 * Text from the data (titles, artist names, rejected raw lines, messages quoting them) can hold
 * control characters: an ANSI escape in a song title would recolour, move the cursor or retitle the
 * user's terminal, a carriage return would overwrite the line before it, and Unicode bidi controls
 * would reorder what is shown. Before anything reaches a terminal they are written as visible escapes
 * (`\x1b`, `\r`, `\u202e`); the data itself is never changed (`--json` keeps exact values).
 */

// C0 controls (but tab and newline, handled below), DEL, C1 controls, bidi embeddings/overrides/isolates,
// line and paragraph separators, zero-width no-break/BOM.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const UNSAFE_IN_CELL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCharacter(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** For whole messages and blocks of output: line breaks and tabs stay, every other control is escaped. */
export function sanitizeText(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/** For one table cell or one-line field: line breaks and tabs are escaped too, so columns stay aligned. */
export function sanitizeCell(text: string): string {
  return text.replace(UNSAFE_IN_CELL, escapeCharacter);
}

/**
 * JSON.stringify already escapes U+0000-U+001F; DEL, the C1 controls (U+009B is a one-byte CSI on some
 * terminals) and bidi controls it leaves as they are. They can only occur inside JSON strings, so
 * writing them as \uXXXX keeps the document valid and its values identical once parsed.
 */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
