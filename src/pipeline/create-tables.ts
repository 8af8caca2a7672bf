import { dialectAdapter } from '../dialect/index.ts';
import type { Logger } from '../logger.ts';
import { renderCreateTable, renderDropTable } from '../schema/render-ddl.ts';
import { ALL_TABLES } from '../schema/tables.ts';
import { withRunLock } from '../warehouse/run-lock/with-run-lock.ts';
import type { Warehouse } from '../warehouse/types.ts';

/**
 * Drops and recreates every table in one transaction: dropped
 * in reverse dependency order, created in order, so a failure leaves the previous tables in place.
 */
export async function createTables(warehouse: Warehouse, options: { logger: Logger }): Promise<readonly string[]> {
  const { ddl } = dialectAdapter(warehouse.dialect);
  await withRunLock(warehouse, 'create-tables', 'exclusive', () =>
    warehouse.transaction(async (session) => {
      for (const table of [...ALL_TABLES].reverse()) {
        await session.query(renderDropTable(table), [], `drop ${table.name}`);
      }
      for (const table of ALL_TABLES) {
        await session.query(renderCreateTable(table, ddl), [], `create ${table.name}`);
        options.logger.debug(`created ${table.name}`);
      }
    }),
  );
  return ALL_TABLES.map((t) => t.name);
}
