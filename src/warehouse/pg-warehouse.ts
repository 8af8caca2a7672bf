import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { EngineName } from '../config/types.ts';
import { InterruptedError, QueryError, WarehouseError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Dialect } from '../schema/types.ts';
import { readSql } from '../sql/sql-files.ts';
import { guardCopyIn } from './copy-stream-guard.ts';
import {
  abortSignalName,
  connectClient,
  connectFailure,
  DEFAULT_PG_TIMEOUTS,
  faultOf,
  pgClientConfig,
  runApplicationName,
  type PgConnection,
  type PgTimeouts,
} from './pg-connect.ts';
import { AdvisorySession, describeHolder } from './run-lock/advisory-session.ts';
import { acquireLeaseLock } from './run-lock/lease-lock.ts';
import { waitForLock, type RunLock } from './run-lock/run-lock.ts';
import type { QueryResult, RunLockOptions, Session, Warehouse } from './types.ts';

export type { PgConnection } from './pg-connect.ts';

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Warehouse timestamps hold UTC instants without a zone; node-postgres would read them as local time.
 * Counts (int8) and averages (numeric) come back as numbers, which is what analytics callers want.
 */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PgWarehouseOptions {
  engine: EngineName;
  dialect: Dialect;
  description: string;
  connection: PgConnection;
  logger: Logger;
  /** Connect and statement timeouts (statement_timeout is not sent to Redshift, whose WLM has its own). */
  timeouts?: PgTimeouts;
  /** Seconds `lockRun` waits for another run's lock before failing. */
  lockWaitSeconds?: number;
  /**
   * How one run at a time is enforced: a PostgreSQL advisory lock, or (Redshift, which has no advisory
   * locks) a lease row. Decided by the engine's opener, so this class never compares dialect names.
   */
  runLock?: 'advisory' | 'lease';
  /** Aborted when the run is interrupted (Ctrl-C, SIGTERM): running statements are cancelled and roll back. */
  signal?: AbortSignal;
  /** Runs after the pool has ended (e.g. stopping an embedded server). */
  onClose?: () => Promise<void>;
  poolSize?: number;
}

export class PgWarehouse implements Warehouse {
  readonly engine: EngineName;
  readonly dialect: Dialect;
  readonly description: string;
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #onClose: (() => Promise<void>) | undefined;
  readonly #connection: PgConnection;
  readonly #timeouts: PgTimeouts;
  readonly #lockWaitSeconds: number;
  readonly #runLock: 'advisory' | 'lease';
  readonly #signal: AbortSignal | undefined;
  /** Clients checked out of the pool right now, whose statements an interruption cancels. */
  readonly #busy = new Set<pg.PoolClient>();
  #closed = false;

  constructor(options: PgWarehouseOptions) {
    this.engine = options.engine;
    this.dialect = options.dialect;
    this.description = options.description;
    this.#logger = options.logger;
    this.#onClose = options.onClose;
    this.#connection = options.connection;
    this.#signal = options.signal;
    this.#lockWaitSeconds = options.lockWaitSeconds ?? 0;
    const timeouts = options.timeouts ?? DEFAULT_PG_TIMEOUTS;
    this.#runLock = options.runLock ?? 'advisory';
    // statement_timeout is a PostgreSQL setting; Redshift's workload manager has its own limits.
    this.#timeouts = this.#runLock === 'lease' ? { ...timeouts, statementSeconds: 0 } : timeouts;
    this.#pool = new pg.Pool({ ...pgClientConfig(options.connection, this.#timeouts), max: options.poolSize ?? 4, types: typeParsers });
    // An idle client losing its server is reported, not thrown from an event emitter.
    this.#pool.on('error', (error) => {
      if (!this.#closed) this.#logger.debug(`idle warehouse connection lost: ${error.message}`);
    });
    this.#signal?.addEventListener('abort', () => void this.#cancelRunning(), { once: true });
  }

  async query<R>(sql: string, values: readonly unknown[] = [], label = 'query'): Promise<QueryResult<R>> {
    const client = await this.#connect();
    let broken: Error | undefined;
    try {
      return await this.#run<R>(client, sql, values, label);
    } catch (error) {
      broken = brokenBy(error);
      throw error;
    } finally {
      this.#release(client, broken);
    }
  }

  async withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    let broken: Error | undefined;
    try {
      return await work(this.#sessionOf(client));
    } catch (error) {
      broken = brokenBy(error);
      throw error;
    } finally {
      this.#release(client, broken);
    }
  }

  async transaction<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    let broken: Error | undefined;
    try {
      await this.#run(client, 'BEGIN', [], 'BEGIN');
      const result = await work(this.#sessionOf(client));
      await this.#run(client, 'COMMIT', [], 'COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable (the server rolls the transaction back itself); destroy it.
        broken = rollbackError as Error;
        this.#logger.debug(`rollback failed: ${(rollbackError as Error).message}`);
      }
      // A COPY cancelled by Ctrl-C or cut off with its connection reaches here wrapped by the loader.
      throw faultOf(error, this.description, undefined, this.#signal) ?? error;
    } finally {
      this.#release(client, broken);
    }
  }

  async lockRun(request: RunLockOptions): Promise<RunLock> {
    const full = { ...request, waitSeconds: this.#lockWaitSeconds, signal: this.#signal };
    const where = this.description;
    if (this.#runLock === 'lease') return acquireLeaseLock(this, full, where, this.#logger);
    const session = await AdvisorySession.open(this.#connection, this.#timeouts, runApplicationName(request.command), this.#logger);
    try {
      await waitForLock(
        full,
        where,
        async () => {
          if (await session.tryLock('run', request.mode)) return { acquired: true };
          const holders = await session.holders('run');
          const writer = holders.find((h) => h.mode === 'exclusive') ?? holders[0];
          return { acquired: false, heldBy: writer ? describeHolder(writer) : undefined };
        },
        this.#logger,
      );
    } catch (error) {
      await session.close();
      throw error;
    }
    return { mode: request.mode, release: () => session.close() };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#pool.end();
    } finally {
      await this.#onClose?.();
    }
  }

  async #connect(): Promise<pg.PoolClient> {
    this.#throwIfInterrupted('connect');
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw connectFailure(this.#connection, this.#timeouts, error);
    }
    // While checked out, a client has no listener of the pool's: a dropped connection would be an
    // unhandled 'error' event. The statement that was running fails with the error instead.
    client.on('error', onCheckedOutError);
    this.#busy.add(client);
    return client;
  }

  #release(client: pg.PoolClient, broken: Error | undefined): void {
    this.#busy.delete(client);
    client.removeListener('error', onCheckedOutError);
    client.release(broken);
  }

  #sessionOf(client: pg.PoolClient): Session {
    return {
      query: <R>(sql: string, values: readonly unknown[] = [], label = 'query') => this.#run<R>(client, sql, values, label),
      copyIn: (sql: string) => guardCopyIn(client.query(copyFrom(sql))),
      copyOut: (sql: string) => client.query(copyTo(sql)),
    };
  }

  async #run<R>(client: pg.PoolClient, sql: string, values: readonly unknown[], label: string): Promise<QueryResult<R>> {
    this.#throwIfInterrupted(label);
    try {
      const result = await client.query({ text: sql, values: values as unknown[] });
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    } catch (error) {
      const fault = faultOf(error, this.description, label, this.#signal);
      if (fault) throw fault;
      if (error instanceof pg.DatabaseError) throw new QueryError(label, sql, error);
      throw new WarehouseError(`${label} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  #throwIfInterrupted(label: string): void {
    if (this.#signal?.aborted)
      throw new InterruptedError(
        abortSignalName(this.#signal),
        `interrupted by ${abortSignalName(this.#signal)}${label === 'connect' ? '' : ` before ${label}`}`,
      );
  }

  /** Cancels every running statement (as psql does on Ctrl-C): each fails, and its transaction rolls back. */
  async #cancelRunning(): Promise<void> {
    const backends = [...this.#busy]
      .map((client) => (client as unknown as { processID: number | null }).processID)
      .filter((pid): pid is number => typeof pid === 'number');
    if (backends.length === 0) return;
    try {
      const canceller = await connectClient(this.#connection, { ...this.#timeouts, statementSeconds: 0 }, 'sparkify cancel', this.#logger);
      try {
        for (const pid of backends) await canceller.query(readSql('common/cancel_backend'), [pid]);
      } finally {
        await canceller.end().catch(() => undefined);
      }
    } catch (error) {
      this.#logger.debug(`could not cancel the running statements: ${(error as Error).message}`);
    }
  }
}

function onCheckedOutError(this: pg.PoolClient, error: Error): void {
  // Reported through the statement that was running; the client is then released as broken.
  void error;
}

/** A connection that failed with a fault is not returned to the pool. */
function brokenBy(error: unknown): Error | undefined {
  const code = (error as { code?: string }).code;
  return code === 'CONNECTION_LOST' || code === 'INTERRUPTED' || code === 'DISK_FULL' ? (error as Error) : undefined;
}
