import type { Warehouse } from '../warehouse/types.ts';
import { integerFlag } from './args.ts';
import { asConnectionError, warehouseTarget } from './connection-failure.ts';
import type { CommandContext } from './context.ts';
import { runSignal } from './signals.ts';

export interface WarehouseSessionOptions {
  /** Holds the run lock for the whole command: `exclusive` for commands that write, `shared` for check. */
  readonly lock?: { readonly command: string; readonly mode: 'exclusive' | 'shared' };
}

/**
 * Opens the configured warehouse for one command and always closes it (leaving or stopping an
 * embedded server). Ctrl-C / SIGTERM cancel what runs on it; `--wait-lock SECONDS` overrides
 * [WAREHOUSE] LOCK_TIMEOUT. A warehouse that cannot be reached is reported as a connection error
 * naming host and port, whichever statement met it first (so `check` on a stopped server is not a
 * failed check).
 */
export async function withWarehouse<T>(context: CommandContext, work: (warehouse: Warehouse) => Promise<T>, options: WarehouseSessionOptions = {}): Promise<T> {
  const lockWaitSeconds = context.args.flags['wait-lock'] === undefined ? undefined : integerFlag(context.args, 'wait-lock', 0);
  const config = context.config();
  const target = warehouseTarget(config);
  // The engines' code (pg, the embedded server, Redshift's SDK) loads when a command first needs a warehouse.
  const [{ openWarehouse }, { withRunLock }] = await Promise.all([import('../warehouse/open.ts'), import('../warehouse/run-lock/with-run-lock.ts')]);
  let warehouse: Warehouse;
  try {
    warehouse = await openWarehouse(config, { logger: context.logger, signal: runSignal(), lockWaitSeconds });
  } catch (error) {
    throw asConnectionError(error, target) ?? error;
  }
  context.logger.info(`warehouse: ${warehouse.description}`);
  try {
    const { lock } = options;
    return await (lock ? withRunLock(warehouse, lock.command, lock.mode, () => work(warehouse)) : work(warehouse));
  } catch (error) {
    throw asConnectionError(error, target) ?? error;
  } finally {
    await warehouse.close();
  }
}
