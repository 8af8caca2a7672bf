import type { Readable, Writable } from 'node:stream';
import type { EngineName } from '../config/types.ts';
import type { Logger } from '../logger.ts';
import type { Dialect } from '../schema/types.ts';

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
  close(): Promise<void>;
}

/** What opening any engine needs besides its config. */
export interface OpenWarehouseOptions {
  readonly logger: Logger;
}
