import type { DwhConfig } from '../../config/types.ts';
import { SparkifyError } from '../../errors.ts';
import type { StagingLoadOptions, StagingLoadResult } from '../../load/staging.ts';
import type { Warehouse } from '../types.ts';

// Redshift's COPY arrives with the cloud issue; until then it refuses plainly.
export async function copyStagingTables(_warehouse: Warehouse, _config: DwhConfig, _options: StagingLoadOptions): Promise<StagingLoadResult> {
  throw new SparkifyError('NOT_BUILT', 'staging loads on Redshift are not built yet');
}
