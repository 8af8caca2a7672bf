import type { Warehouse } from '../warehouse/types.ts';
import { openWarehouse } from '../warehouse/open.ts';
import { withRunLock } from '../warehouse/run-lock/with-run-lock.ts';
import { integerFlag } from './args.ts';
import type { CommandContext } from './context.ts';
import { runSignal } from './signals.ts';

export interface WarehouseSessionOptions {
  /** Holds the run lock for the whole command: `exclusive` for commands that write, `shared` for check. */
  readonly lock?: { readonly command: string; readonly mode: 'exclusive' | 'shared' };
}

/**
 * Opens the configured warehouse for one command and always closes it (leaving or stopping an
 * embedded server). Ctrl-C / SIGTERM cancel what runs on it; `--wait-lock SECONDS` overrides
 * [WAREHOUSE] LOCK_TIMEOUT.
 */
export async function withWarehouse<T>(context: CommandContext, work: (warehouse: Warehouse) => Promise<T>, options: WarehouseSessionOptions = {}): Promise<T> {
  const lockWaitSeconds = context.args.flags['wait-lock'] === undefined ? undefined : integerFlag(context.args, 'wait-lock', 0);
  const warehouse = await openWarehouse(context.config(), { logger: context.logger, signal: runSignal(), lockWaitSeconds });
  context.logger.info(`warehouse: ${warehouse.description}`);
  try {
    const { lock } = options;
    return await (lock ? withRunLock(warehouse, lock.command, lock.mode, () => work(warehouse)) : work(warehouse));
  } finally {
    await warehouse.close();
  }
}
