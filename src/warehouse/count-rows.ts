import type { TableDefinition } from '../schema/types.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Queryable } from './types.ts';

/** Each table's row count, in the order given. */
export async function countRows(warehouse: Queryable, tables: readonly TableDefinition[]): Promise<{ table: string; rows: number }[]> {
  const counts: { table: string; rows: number }[] = [];
  for (const table of tables) {
    const { rows } = await warehouse.query<{ row_count: number | string }>(
      loadSql('common/count_rows', { identifiers: { table: table.name } }),
      [],
      `count ${table.name}`,
    );
    counts.push({ table: table.name, rows: Number(rows[0]!.row_count) });
  }
  return counts;
}
