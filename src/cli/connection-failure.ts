import type { DwhConfig } from '../config/types.ts';
import { ConnectionError } from '../errors.ts';

/** errno codes of a connection that never came up (as opposed to one lost half way). */
const CONNECT_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the server running, on this port?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out while connecting',
};

/** Where the config's warehouse is, for messages: engine, host and port; never a secret. */
export function warehouseTarget(config: DwhConfig): string {
  const { engine } = config.warehouse;
  const { host, dbPort, access, identifier } = config.cluster;
  if (engine === 'embedded') return `the embedded PostgreSQL at 127.0.0.1:${config.warehouse.port}`;
  if (engine === 'postgres') return `PostgreSQL at ${host}:${dbPort}`;
  return access === 'data-api' ? `the Redshift Data API (cluster ${identifier}, region ${config.aws.region})` : `Redshift at ${host}:${dbPort}`;
}

/**
 * A failure whose cause chain holds a connect-time network error, as a ConnectionError naming the
 * target (e.g. `check` on a stopped server reports that, not a failed check); undefined otherwise.
 */
export function asConnectionError(error: unknown, target: string): ConnectionError | undefined {
  if (error instanceof ConnectionError) return error;
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 10; current = (current as Error).cause, depth++) {
    const errno = current as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };
    const reason = errno.code ? CONNECT_FAILURES[errno.code] : undefined;
    if (!reason) continue;
    const where = errno.address && errno.port ? ` (${errno.address}:${errno.port})` : errno.hostname ? ` (${errno.hostname})` : '';
    return new ConnectionError(target, `${reason}${where}`, { cause: error });
  }
  return undefined;
}
