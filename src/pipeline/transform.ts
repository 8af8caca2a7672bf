import { dialectAdapter, type DialectAdapter } from '../dialect/index.ts';
import type { Logger } from '../logger.ts';
import { fullRefresh } from '../models/full-refresh.ts';
import { STAR_MODELS } from '../models/star-models.ts';
import type { Warehouse } from '../warehouse/types.ts';

/**
 * Rebuilds the star schema from staging in one transaction (the full-refresh materialization of the
 * star models), then lets the dialect make the new tables ready for readers.
 */
export async function runTransform(warehouse: Warehouse, options: { logger: Logger; adapter?: DialectAdapter }): Promise<Record<string, number>> {
  const adapter = options.adapter ?? dialectAdapter(warehouse.dialect);
  const writes = await warehouse.transaction((session) => fullRefresh.write(session, adapter, STAR_MODELS, 'star tables'));
  // Row counts are read once the transaction has committed: on the Redshift Data API a transaction's
  // statements run as one batch at commit, and their results exist only from then on.
  const rows: Record<string, number> = {};
  for (const { model, result, elapsedMs } of writes) {
    rows[model.table.name] = result.rowCount;
    options.logger.debug(`${model.table.name}: ${result.rowCount} rows in ${Math.round(elapsedMs)} ms`);
  }
  await adapter.afterPublish(warehouse, STAR_MODELS.map((model) => model.table));
  return rows;
}
