import { hostname } from 'node:os';
import pg from 'pg';
import { CannotConnectError, ConnectionLostError, InterruptedError } from '../errors.ts';
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

/** True for errors that mean the connection itself is gone, not that a statement failed. */
export function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  const message = (error as Error)?.message ?? '';
  if (code === '57P01' || code === '57P02' || code === '57P03') return true; // admin_shutdown, crash_shutdown, cannot_connect_now
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error|not queryable/i.test(message);
}

/** The error a statement gets when the run was interrupted or its connection was lost; undefined otherwise. */
export function faultOf(error: unknown, where: string, label: string, signal: AbortSignal | undefined): Error | undefined {
  if (signal?.aborted) return new InterruptedError(abortSignalName(signal), `interrupted by ${abortSignalName(signal)} during ${label}: its transaction was rolled back`, { cause: error });
  if (isConnectionLoss(error)) {
    const detail = (error as Error).message;
    return new ConnectionLostError(`lost the connection to ${where} during ${label} (${detail}): its transaction was not committed`, { cause: error });
  }
  return undefined;
}

export function abortSignalName(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : 'a signal';
}
