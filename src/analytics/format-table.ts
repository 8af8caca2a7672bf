/** Plain-text tables for terminals: numbers right-aligned, text left-aligned, long text cut short. */
export interface TextTableOptions {
  /** Longest cell, in characters, before it is cut with an ellipsis. */
  readonly maxCellWidth?: number;
}

export function formatTextTable(
  columns: readonly string[],
  rows: readonly object[],
  options: TextTableOptions = {},
): string {
  const maxWidth = options.maxCellWidth ?? 40;
  if (columns.length === 0) return '(no columns)';
  const cells = rows.map((row) =>
    columns.map((column) => formatCell((row as Record<string, unknown>)[column], maxWidth)),
  );
  const numeric = columns.map((column) =>
    rows.length > 0 && rows.every((row) => isNumberLike((row as Record<string, unknown>)[column])),
  );
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i]!.length)));
  const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const lines = [
    columns.map((column, i) => pad(column, i)).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((line) => line.map((cell, i) => pad(cell, i)).join('  ')),
  ];
  if (rows.length === 0) lines.push('(no rows)');
  return lines.map((line) => line.trimEnd()).join('\n');
}

export function formatCell(value: unknown, maxWidth = Infinity): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  else if (value instanceof Date) text = value.toISOString();
  else text = String(value);
  text = text.replace(/\s+/g, ' ');
  return text.length > maxWidth ? `${text.slice(0, Math.max(1, maxWidth - 1))}…` : text;
}

function isNumberLike(value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'number';
}
