import type { Warehouse } from '../warehouse/types.ts';
import { openWarehouse } from '../warehouse/open.ts';
import { asConnectionError, warehouseTarget } from './connection-failure.ts';
import type { CommandContext } from './context.ts';

/**
 * Opens the configured warehouse for one command and always closes it (stopping an embedded server).
 * A warehouse that cannot be reached is reported as a ConnectionError naming host and port, whichever
 * statement met it first (so `check` on a stopped server is not a failed check).
 */
export async function withWarehouse<T>(context: CommandContext, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const config = context.config();
  const target = warehouseTarget(config);
  let warehouse: Warehouse;
  try {
    warehouse = await openWarehouse(config, { logger: context.logger });
  } catch (error) {
    throw asConnectionError(error, target) ?? error;
  }
  context.logger.info(`warehouse: ${warehouse.description}`);
  try {
    return await work(warehouse);
  } catch (error) {
    throw asConnectionError(error, target) ?? error;
  } finally {
    await warehouse.close();
  }
}
