import { dialectAdapter, type DialectAdapter } from '../dialect/index.ts';
import type { Logger } from '../logger.ts';
import { STAR_MODELS } from '../models/star-models.ts';
import { AUDIT_SCHEMA, buildAudit, discardAudit, publishAudit } from '../models/write-audit-publish.ts';
import type { Warehouse } from '../warehouse/types.ts';

interface TransformOptions {
  readonly logger: Logger;
  readonly adapter?: DialectAdapter;
}

/**
 * Builds the star schema from staging into the audit schema, in one transaction (write-audit-publish:
 * the published tables are untouched until `publishStar`). Returns the rows built per table.
 */
export async function runTransform(warehouse: Warehouse, options: TransformOptions): Promise<Record<string, number>> {
  const adapter = options.adapter ?? dialectAdapter(warehouse.dialect);
  const writes = await buildAudit(warehouse, adapter, STAR_MODELS);
  await adapter.afterPublish(warehouse, STAR_MODELS.map((model) => model.table), AUDIT_SCHEMA);
  // Row counts are read once the transaction has committed: on the Redshift Data API a transaction's
  // statements run as one batch at commit, and their results exist only from then on.
  const rows: Record<string, number> = {};
  for (const { model, result, elapsedMs } of writes) {
    rows[model.table.name] = result.rowCount;
    options.logger.debug(`${model.table.name}: ${result.rowCount} rows in ${Math.round(elapsedMs)} ms`);
  }
  return rows;
}

/**
 * Publishes the audited star tables atomically (one transaction), drops the audit copies, then lets
 * the dialect make the new tables ready for readers. Call only once the checks have passed.
 */
export async function publishStar(warehouse: Warehouse, options: TransformOptions): Promise<Record<string, number>> {
  const adapter = options.adapter ?? dialectAdapter(warehouse.dialect);
  const tables = STAR_MODELS.map((model) => model.table);
  const rows = await publishAudit(warehouse, adapter, tables);
  await discardAudit(warehouse, tables);
  await adapter.afterPublish(warehouse, tables);
  return rows;
}
