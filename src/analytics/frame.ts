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
  return new DataFrame(values, { columns: [...columns] });
}

/** An HTML table of a DataFrame (danfojs-node has no HTML output of its own), for notebook display. */
export function dataFrameHtml(frame: Pick<DataFrame, 'columns' | 'values'>, caption?: string): string {
  const columns = frame.columns;
  const rows = frame.values as unknown[][];
  return tableHtml(columns, rows, caption);
}

export function tableHtml(columns: readonly string[], rows: readonly (readonly unknown[])[], caption?: string): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = row.map((value) => {
        const align = typeof value === 'number' ? ' style="text-align:right"' : '';
        return `<td${align}>${escapeHtml(formatValue(value))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const title = caption ? `<caption style="text-align:left;font-weight:bold">${escapeHtml(caption)}</caption>` : '';
  const empty = rows.length === 0 ? `<tr><td colspan="${Math.max(columns.length, 1)}"><em>no rows</em></td></tr>` : '';
  return `<table class="sparkify-table">${title}<thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A cell as people read it: nulls blank, fractions to two decimals, instants in ISO form. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
