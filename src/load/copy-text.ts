/**
 * PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes for the characters that
 * would break a field or a row.
 */
const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function encodeCopyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function encodeCopyRow(values: readonly (string | null)[]): string {
  let row = encodeCopyField(values[0] ?? null);
  for (let i = 1; i < values.length; i++) row += `\t${encodeCopyField(values[i] ?? null)}`;
  return `${row}\n`;
}
