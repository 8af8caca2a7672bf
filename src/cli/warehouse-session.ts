import type { Warehouse } from '../warehouse/types.ts';
import { openWarehouse } from '../warehouse/open.ts';
import type { CommandContext } from './context.ts';

/** Opens the configured warehouse for one command and always closes it (stopping an embedded server). */
export async function withWarehouse<T>(context: CommandContext, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await openWarehouse(context.config(), { logger: context.logger });
  context.logger.info(`warehouse: ${warehouse.description}`);
  try {
    return await work(warehouse);
  } finally {
    await warehouse.close();
  }
}
