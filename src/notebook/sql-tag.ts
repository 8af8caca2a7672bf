import type { DataFrame } from 'danfojs-node';
import type { Warehouse } from '../warehouse/types.ts';
import { toDataFrame } from '../analytics/frame.ts';
import type { NotebookShow } from './display.ts';
import { runReadOnlySql, type ReadOnlyOptions } from '../analytics/read-only-sql.ts';

/** `sql\`SELECT ... ${value}\``: a tagged template whose values are bound parameters, never spliced. */
export type SqlTag = (strings: TemplateStringsArray, ...values: unknown[]) => Promise<DataFrame>;

/**
 * The text of a tagged template with each value replaced by `$1`, `$2`, ... and the values to bind,
 * so that `${title}` holding a quote (or SQL) is data, not code.
 */
export function bindTemplate(strings: readonly string[], values: readonly unknown[]): { text: string; values: unknown[] } {
  let text = strings[0] ?? '';
  values.forEach((_, i) => (text += `$${i + 1}${strings[i + 1] ?? ''}`));
  return { text, values: [...values] };
}

/**
 * A `sql` tag for exploration cells: one read-only statement with bound parameters, shown as a table
 * and returned as a danfojs DataFrame to work on.
 *
 *   const sql = notebookSql(warehouse, show);
 *   const plays = await sql`SELECT level, COUNT(*) AS plays FROM songplays WHERE start_time >= ${from} GROUP BY level`;
 */
export function notebookSql(warehouse: Pick<Warehouse, 'withSession'>, show: Pick<NotebookShow, 'frame'>, options: ReadOnlyOptions = {}): SqlTag {
  return async (strings, ...values) => {
    const bound = bindTemplate([...strings], values);
    const result = await runReadOnlySql(warehouse, bound.text, bound.values, options);
    const frame = await toDataFrame(result);
    show.frame(frame, `${result.rowCount.toLocaleString('en-US')} row${result.rowCount === 1 ? '' : 's'}`);
    return frame;
  };
}
