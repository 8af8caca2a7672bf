import type { Logger } from '../logger.ts';
import { STAR_TABLES } from '../schema/tables.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Dialect } from '../schema/types.ts';
import type { Session, Warehouse } from '../warehouse/types.ts';

/**
 * Rebuilds the star schema from staging in one transaction: the fact table is emptied before the
 * dimensions it references, dimensions are filled before the fact. Re-running gives identical tables.
 */
export async function runTransform(warehouse: Warehouse, options: { logger: Logger }): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  await warehouse.transaction(async (session) => {
    await emptyStarTables(session, warehouse.dialect);
    for (const table of STAR_TABLES) {
      const started = performance.now();
      const result = await session.query(loadSql(`transform/${table.name}`), [], `transform/${table.name}`);
      rows[table.name] = result.rowCount;
      options.logger.debug(`${table.name}: ${result.rowCount} rows in ${Math.round(performance.now() - started)} ms`);
    }
  });
  if (warehouse.dialect === 'postgres') {
    for (const table of STAR_TABLES) await warehouse.query(loadSql('load/analyze_table', { identifiers: { table: table.name } }), [], `analyze ${table.name}`);
  }
  return rows;
}

async function emptyStarTables(session: Session, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    const tables = STAR_TABLES.map((t) => t.name);
    await session.query(loadSql('transform/empty_tables_postgres', { identifierLists: { tables } }), [], 'empty star tables');
    return;
  }
  for (const table of [...STAR_TABLES].reverse()) {
    await session.query(loadSql('transform/empty_tables_redshift', { identifiers: { table: table.name } }), [], `empty ${table.name}`);
  }
}
