import type { Readable, Writable } from 'node:stream';
import type { EngineName } from '../config/types.ts';
import type { Logger } from '../logger.ts';
import type { Dialect } from '../schema/types.ts';
import type { RunLock } from './run-lock/run-lock.ts';

export interface QueryResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

/** Anything that runs a statement: the warehouse itself (autocommit) or a session inside a transaction. */
export interface Queryable {
  /** `label` names the statement in errors, e.g. 'transform/users'. Values are bound as $1, $2, ... */
  query<R = Record<string, unknown>>(sql: string, values?: readonly unknown[], label?: string): Promise<QueryResult<R>>;
}

export interface Session extends Queryable {
  /** `COPY ... FROM STDIN` on the PostgreSQL wire protocol; undefined where the engine has none. */
  readonly copyIn?: (sql: string) => Writable;
  /** `COPY ... TO STDOUT` on the PostgreSQL wire protocol; undefined where the engine has none. */
  readonly copyOut?: (sql: string) => Readable;
}

export interface Warehouse extends Queryable {
  readonly engine: EngineName;
  readonly dialect: Dialect;
  /** Where this is, for humans: no secrets. */
  readonly description: string;
  /** Runs `work` in one transaction: commits if it resolves, rolls back and rethrows if it throws. */
  transaction<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /** Runs `work` on one dedicated connection in autocommit mode (statements outside any transaction). */
  withSession<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /**
   * Takes the warehouse's run lock: `exclusive` for a run that writes, `shared` for reads that must not
   * see a run half way. Waits up to [WAREHOUSE] LOCK_TIMEOUT, then fails naming the holder. Every
   * engine of the product has one (advisory lock on PostgreSQL, a lease on Redshift); test doubles may
   * leave it out. Use it through `withRunLock`.
   */
  lockRun?(request: RunLockOptions): Promise<RunLock>;
  close(): Promise<void>;
}

export interface RunLockOptions {
  /** The command, as other runs will see it in the message when they find the warehouse busy. */
  readonly command: string;
  readonly mode: 'exclusive' | 'shared';
}

/** What opening any engine needs besides its config. */
export interface OpenWarehouseOptions {
  readonly logger: Logger;
  /** Aborted when the run is interrupted (Ctrl-C, SIGTERM): running statements are cancelled and roll back. */
  readonly signal?: AbortSignal;
  /** Overrides [WAREHOUSE] LOCK_TIMEOUT (seconds to wait for another run's lock), e.g. from --wait-lock. */
  readonly lockWaitSeconds?: number;
}
