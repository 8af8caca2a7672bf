import type { DwhConfig } from '../config/types.ts';
import { loadStagingTables, type StagingLoadOptions, type StagingLoadResult } from '../load/staging.ts';
import type { Warehouse } from '../warehouse/types.ts';

/**
 * The staging stage for the warehouse's dialect: the product's own loader on PostgreSQL; on Redshift,
 * Redshift's COPY from S3 (in the redshift engine's module).
 */
export async function loadStaging(warehouse: Warehouse, config: DwhConfig, options: StagingLoadOptions): Promise<StagingLoadResult> {
  if (warehouse.dialect === 'redshift') {
    const { copyStagingTables } = await import('../load/redshift/copy-staging.ts');
    return copyStagingTables(warehouse, config, options);
  }
  return loadStagingTables(warehouse, config, options);
}
