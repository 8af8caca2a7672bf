import { hostname } from 'node:os';
import pg from 'pg';
import { CannotConnectError, ConnectionLostError, DiskFullError, InterruptedError } from '../errors.ts';
import type { DwhConfig } from '../config/types.ts';
import type { Logger } from '../logger.ts';

export interface PgConnection {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly ssl?: boolean;
}

export interface PgTimeouts {
  /** Seconds for the server to accept and answer a new connection. */
  readonly connectSeconds: number;
  /** Seconds one statement may run (0: no limit); sent as the session's statement_timeout. */
  readonly statementSeconds: number;
}

export const DEFAULT_PG_TIMEOUTS: PgTimeouts = { connectSeconds: 10, statementSeconds: 0 };

/** The connect and statement timeouts of [WAREHOUSE]. */
export function pgTimeoutsOf(config: DwhConfig): PgTimeouts {
  return { connectSeconds: config.warehouse.connectTimeoutSeconds, statementSeconds: config.warehouse.statementTimeoutSeconds };
}

/** What every node-postgres client and pool of ours is built from: timeouts, keepalive, TLS, our name. */
export function pgClientConfig(connection: PgConnection, timeouts: PgTimeouts, applicationName = 'sparkify'): pg.ClientConfig {
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    ssl: connection.ssl ? { rejectUnauthorized: true } : undefined,
    connectionTimeoutMillis: timeouts.connectSeconds * 1000,
    // TCP keepalive: a server that vanished without closing the connection is noticed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(timeouts.statementSeconds > 0 ? { statement_timeout: timeouts.statementSeconds * 1000 } : {}),
    application_name: applicationName.slice(0, 63),
  };
}

/** `sparkify <command> pid <pid> on <host>`: how a run names itself to the server (pg_stat_activity). */
export function runApplicationName(command: string): string {
  return `sparkify ${command} pid ${process.pid} on ${hostname()}`.slice(0, 63);
}

/** Connects a dedicated client; a failure becomes one line naming host:port and why. */
export async function connectClient(connection: PgConnection, timeouts: PgTimeouts, applicationName: string, logger: Logger): Promise<pg.Client> {
  const client = new pg.Client(pgClientConfig(connection, timeouts, applicationName));
  // A broken connection is reported through the failing query; never as an unhandled 'error' event.
  client.on('error', (error) => logger.debug(`connection to ${connection.host}:${connection.port} (${applicationName}) failed: ${error.message}`));
  try {
    await client.connect();
  } catch (error) {
    throw connectFailure(connection, timeouts, error);
  }
  return client;
}

/** Why a new connection failed, as one line naming host and port. */
export function connectFailure(connection: Pick<PgConnection, 'host' | 'port' | 'user'>, timeouts: PgTimeouts, error: unknown): CannotConnectError {
  const { host, port } = connection;
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  let reason: string;
  if (/timeout/i.test(message)) reason = `no answer within ${timeouts.connectSeconds} s (connect timeout: [WAREHOUSE] CONNECT_TIMEOUT)`;
  else if (code === 'ECONNREFUSED') reason = 'connection refused (is the server running, on that port?)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = `host ${host} not found`;
  else if (code === '28P01' || code === '28000') reason = `authentication failed for user ${connection.user}`;
  else if (code === '3D000') reason = message;
  else if (code === 'ECONNRESET' || /terminated unexpectedly/i.test(message)) reason = 'the server closed the connection while it was being set up';
  else reason = message;
  return new CannotConnectError(host, port, reason, { cause: error });
}

/** True for errors that mean the connection itself is gone, not that a statement failed (the cause chain is searched). */
export function isConnectionLoss(error: unknown): boolean {
  return someCause(error, (e) => {
    const code = (e as { code?: string }).code;
    if (code === '57P01' || code === '57P02' || code === '57P03') return true; // admin_shutdown, crash_shutdown, cannot_connect_now
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
    return /Connection terminated|connection is closed|Client has encountered a connection error|not queryable/i.test((e as Error)?.message ?? '');
  });
}

/** SQLSTATE 53100 disk_full anywhere in the cause chain. */
export function isDiskFull(error: unknown): boolean {
  return someCause(error, (e) => (e as { code?: string }).code === '53100');
}

function someCause(error: unknown, test: (error: unknown) => boolean): boolean {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 10; current = (current as { cause?: unknown }).cause, depth++) {
    if (test(current)) return true;
  }
  return false;
}

/**
 * The error a statement or transaction gets when the run was interrupted, its connection was lost or
 * the server's disk is full; undefined for an ordinary failure. `during` names what was running.
 */
export function faultOf(error: unknown, where: string, during: string | undefined, signal: AbortSignal | undefined): Error | undefined {
  if (error instanceof InterruptedError || error instanceof ConnectionLostError || error instanceof DiskFullError) return error;
  const running = during ? ` during ${during}` : '';
  if (signal?.aborted) return new InterruptedError(abortSignalName(signal), `interrupted by ${abortSignalName(signal)}${running}`, { cause: error });
  if (isDiskFull(error)) return new DiskFullError(`the warehouse's disk is full${running} (${rootMessage(error)})`, { cause: error });
  if (isConnectionLoss(error)) return new ConnectionLostError(`lost the connection to ${where}${running} (${rootMessage(error)})`, { cause: error });
  return undefined;
}

function rootMessage(error: unknown): string {
  let current = error;
  while ((current as { cause?: unknown })?.cause instanceof Error) current = (current as { cause: unknown }).cause;
  return ((current as Error)?.message ?? String(current)).split('\n')[0]!;
}

export function abortSignalName(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : 'a signal';
}
