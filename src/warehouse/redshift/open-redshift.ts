import type { DwhConfig } from '../../config/types.ts';
import { SparkifyError } from '../../errors.ts';
import type { OpenWarehouseOptions } from '../open.ts';
import type { Warehouse } from '../types.ts';

// The redshift engine arrives with the cloud issue; until then it refuses plainly.
export async function openRedshiftWarehouse(_config: DwhConfig, _options: OpenWarehouseOptions): Promise<Warehouse> {
  throw new SparkifyError('NOT_BUILT', 'the redshift engine is not built yet');
}
