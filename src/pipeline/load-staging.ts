import type { DwhConfig } from '../config/types.ts';
import { dialectAdapter, type DialectAdapter } from '../dialect/index.ts';
import type { StagingLoadOptions, StagingLoadResult } from '../load/staging.ts';
import type { Warehouse } from '../warehouse/types.ts';

/**
 * The staging stage: the dialect's loader (the product's own loader on PostgreSQL; Redshift's COPY
 * from S3 on Redshift). docs/engines.md compares them.
 */
export async function loadStaging(
  warehouse: Warehouse,
  config: DwhConfig,
  options: StagingLoadOptions & { readonly adapter?: DialectAdapter },
): Promise<StagingLoadResult> {
  const adapter = options.adapter ?? dialectAdapter(warehouse.dialect);
  return adapter.loadStaging(warehouse, config, options);
}
