import { sanitizeCell } from './output/sanitize.ts';

/** Plain-text rendering for the terminal: aligned tables, durations, counts. Cells from the data are sanitised. */
export function formatTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const names = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  if (names.length === 0) return '(no rows)';
  // A numeric column with any fraction shows every value with two decimals, so they line up.
  const fractional = names.map((name) => rows.some((row) => typeof row[name] === 'number' && !Number.isInteger(row[name])));
  const cells = rows.map((row) => names.map((name, i) => formatCell(row[name], fractional[i]!)));
  const widths = names.map((name, i) => Math.max(name.length, ...cells.map((r) => r[i]!.length)));
  const numeric = names.map((name) => rows.length > 0 && rows.every((row) => row[name] === null || typeof row[name] === 'number'));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(names), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function formatCell(value: unknown, fractional: boolean): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return fractional ? value.toFixed(2) : formatCount(value);
  return sanitizeCell(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

export { formatDuration } from '../format/duration.ts';

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
