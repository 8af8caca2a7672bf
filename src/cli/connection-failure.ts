import type { DwhConfig } from '../config/types.ts';
import { AwsEndpointError, CannotConnectError } from '../errors.ts';

/** errno codes of a connection that never came up (a connection lost half way is ConnectionLostError). */
const CONNECT_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the server running, on that port?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Where the config's warehouse is, for messages: host and port; never a secret. */
export function warehouseTarget(config: DwhConfig): { host: string; port: number } {
  const { engine } = config.warehouse;
  const { host, dbPort } = config.cluster;
  if (engine === 'embedded') return { host: '127.0.0.1', port: config.warehouse.port };
  if (engine === 'redshift' && config.cluster.access === 'data-api') return { host: `redshift-data.${config.aws.region}.amazonaws.com`, port: 443 };
  return { host: host ?? '?', port: dbPort };
}

/**
 * A failure whose cause chain holds a connection that could not be made, as one CannotConnectError
 * naming host and port (the warehouse raises it itself where it connects; this catches the rest, e.g.
 * a pool connection made inside a statement). Undefined for every other failure.
 */
export function asConnectionError(error: unknown, target: { host: string; port: number }): CannotConnectError | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof CannotConnectError) return current;
    // An AWS endpoint (S3, the Data API) that could not be reached names itself; it is not the warehouse.
    if (current instanceof AwsEndpointError) return undefined;
    const code = (current as NodeJS.ErrnoException).code;
    const reason = code ? CONNECT_FAILURES[code] : undefined;
    if (reason) return new CannotConnectError(target.host, target.port, reason, { cause: error });
  }
  return undefined;
}
