import type { DataFrame } from 'danfojs-node';
import type { AnalyticsResult } from './run.ts';

/**
 * A danfojs DataFrame of an analytics result, columns in SQL order. danfojs loads TensorFlow.js,
 * which takes a couple of seconds, so it is imported only when a frame is asked for.
 */
export async function toDataFrame(result: Pick<AnalyticsResult, 'columns' | 'rows'>): Promise<DataFrame> {
  const { DataFrame } = await import('danfojs-node');
  const { columns, rows } = result;
  const values = rows.map((row) => columns.map((column) => (row as Record<string, unknown>)[column] ?? null));
  // danfojs cannot build a frame from no rows; an empty frame still keeps the column names.
  if (values.length === 0) return new DataFrame([Object.fromEntries(columns.map((c) => [c, null]))]).drop({ index: [0] });
  return new DataFrame(values, { columns: [...columns] });
}

/** An HTML table of a DataFrame (danfojs-node has no HTML output of its own), for notebook display. */
export function dataFrameHtml(frame: Pick<DataFrame, 'columns' | 'values'>, caption?: string): string {
  const columns = frame.columns;
  const rows = frame.values as unknown[][];
  return tableHtml(columns, rows, caption);
}

/** Text longer than this is shortened in a table cell; the full text is the cell's tooltip. */
const LONG_TEXT = 80;

/**
 * An HTML table: numeric columns right-aligned (headers too) with thousands separators, text left-aligned
 * and wrapped, very long text shortened with the full text in a tooltip (title attribute).
 */
export function tableHtml(columns: readonly string[], rows: readonly (readonly unknown[])[], caption?: string): string {
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((row) => row[i] === null || row[i] === undefined || typeof row[i] === 'number'));
  const align = (i: number) => (numeric[i] ? 'text-align:right' : 'text-align:left');
  const head = columns.map((c, i) => `<th style="${align(i)}">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = row.map((value, i) => {
        const text = formatValue(value, columns[i]);
        if (numeric[i]) return `<td style="text-align:right;white-space:nowrap">${escapeHtml(text)}</td>`;
        const long = text.length > LONG_TEXT;
        const shown = long ? `${text.slice(0, LONG_TEXT - 1)}…` : text;
        const title = long ? ` title="${escapeHtml(text)}"` : '';
        return `<td style="text-align:left;white-space:normal;max-width:32em;overflow-wrap:anywhere"${title}>${escapeHtml(shown)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const title = caption ? `<caption style="text-align:left;font-weight:bold">${escapeHtml(caption)}</caption>` : '';
  const empty = rows.length === 0 ? `<tr><td colspan="${Math.max(columns.length, 1)}"><em>no rows</em></td></tr>` : '';
  return `<table class="sparkify-table">${title}<thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}

/** The same table as aligned plain text: the text/plain fallback of every table a notebook shows. */
export function tableText(columns: readonly string[], rows: readonly (readonly unknown[])[], caption?: string): string {
  if (columns.length === 0) return caption ? `${caption}\n(no columns)` : '(no columns)';
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((row) => row[i] === null || row[i] === undefined || typeof row[i] === 'number'));
  const cells = rows.map((row) => row.map((value, i) => formatValue(value, columns[i])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  if (rows.length === 0) lines.push('(no rows)');
  return [...(caption ? [caption] : []), ...lines].join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Columns whose numbers are codes, not quantities: no thousands separator (user 1,234 or year 2,018 would mislead). */
const CODE_COLUMN = /(^|_)(id|year)$/;

/**
 * A cell as people read it: nulls blank, thousands separators, fractions to at most two decimals,
 * instants in ISO form. `column` names the column, so that ids and years keep their plain digits.
 */
export function formatValue(value: unknown, column?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (column !== undefined && CODE_COLUMN.test(column)) return String(value);
    return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
