import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { EngineName } from '../config/types.ts';
import { QueryError, WarehouseError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Dialect } from '../schema/types.ts';
import type { QueryResult, Session, Warehouse } from './types.ts';

export interface PgConnection {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly ssl?: boolean;
}

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
  #closed = false;

  constructor(options: PgWarehouseOptions) {
    this.engine = options.engine;
    this.dialect = options.dialect;
    this.description = options.description;
    this.#logger = options.logger;
    this.#onClose = options.onClose;
    const { connection } = options;
    this.#pool = new pg.Pool({
      host: connection.host,
      port: connection.port,
      database: connection.database,
      user: connection.user,
      password: connection.password,
      ssl: connection.ssl ? { rejectUnauthorized: true } : undefined,
      max: options.poolSize ?? 4,
      types: typeParsers,
      application_name: 'sparkify',
    });
    // An idle client losing its server is reported, not thrown from an event emitter.
    this.#pool.on('error', (error) => {
      if (!this.#closed) this.#logger.warn(`warehouse connection lost: ${error.message}`);
    });
  }

  async query<R>(sql: string, values: readonly unknown[] = [], label = 'query'): Promise<QueryResult<R>> {
    return runQuery<R>(this.#pool, sql, values, label);
  }

  async withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    try {
      return await work(sessionOf(client));
    } finally {
      client.release();
    }
  }

  async transaction<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(sessionOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable; destroy it instead of returning it to the pool.
        broken = rollbackError as Error;
        this.#logger.warn(`rollback failed: ${(rollbackError as Error).message}`);
      }
      throw error;
    } finally {
      client.release(broken);
    }
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
    try {
      return await this.#pool.connect();
    } catch (error) {
      throw new WarehouseError(`cannot connect to ${this.description}: ${(error as Error).message}`, { cause: error });
    }
  }
}

function sessionOf(client: pg.PoolClient): Session {
  return {
    query: <R>(sql: string, values: readonly unknown[] = [], label = 'query') => runQuery<R>(client, sql, values, label),
    copyIn: (sql: string) => client.query(copyFrom(sql)),
    copyOut: (sql: string) => client.query(copyTo(sql)),
  };
}

async function runQuery<R>(target: pg.Pool | pg.PoolClient, sql: string, values: readonly unknown[], label: string): Promise<QueryResult<R>> {
  try {
    const result = await target.query({ text: sql, values: values as unknown[] });
    return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
  } catch (error) {
    if (error instanceof pg.DatabaseError) throw new QueryError(label, sql, error);
    throw new WarehouseError(`${label} failed: ${(error as Error).message}`, { cause: error });
  }
}
