import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { WarehouseError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { acquireLeaseLock } from '../run-lock/lease-lock.ts';
import type { RunLock } from '../run-lock/run-lock.ts';
import type { QueryResult, RunLockOptions, Session, Warehouse } from '../types.ts';
import { DeferredResultError } from './data-api-errors.ts';
import { DataApiRunner, DEFAULT_POLLING, type DataApiPolling, type DataApiTarget, type StatementToRun } from './data-api-runner.ts';

export interface DataApiWarehouseOptions {
  readonly client: RedshiftDataClient;
  readonly target: DataApiTarget;
  readonly logger: Logger;
  readonly region: string;
  readonly polling?: DataApiPolling;
  /** Seconds `lockRun` waits for another run's lease before failing. */
  readonly lockWaitSeconds?: number;
  readonly signal?: AbortSignal;
}

/** How long a `withSession` Data API session stays open between its statements. */
const SESSION_KEEP_ALIVE_SECONDS = 300;

/**
 * The redshift engine over the Redshift Data API (HTTPS; the cluster's port need not be open).
 *
 * The Data API has no interactive transactions, so `transaction(work)` queues the statements `work`
 * sends and runs them as one BatchExecuteStatement when `work` resolves, which Redshift commits
 * whole or rolls back whole. The limitation that follows: inside a transaction a statement's result
 * is not known until the commit. `session.query()` resolves at once with a result whose rows and
 * rowCount become readable when `transaction()` has returned (reading them earlier throws
 * DeferredResultError), so code can keep the result objects and read them after the commit; it cannot
 * branch on a result inside the transaction. If `work` throws, nothing was sent, so nothing needs rolling back.
 */
export class DataApiWarehouse implements Warehouse {
  readonly engine = 'redshift' as const;
  readonly dialect = 'redshift' as const;
  readonly description: string;
  readonly #client: RedshiftDataClient;
  readonly #runner: DataApiRunner;
  readonly #logger: Logger;
  readonly #lockWaitSeconds: number;
  readonly #signal: AbortSignal | undefined;

  constructor(options: DataApiWarehouseOptions) {
    const { target } = options;
    const where = target.kind === 'serverless' ? `serverless workgroup ${target.workgroupName}` : `cluster ${target.clusterIdentifier}`;
    const who = target.secretArn
      ? 'with the credentials of its Secrets Manager secret'
      : target.kind === 'serverless'
        ? 'as your IAM identity'
        : `as ${target.dbUser}`;
    this.description = `Amazon Redshift through the Data API: ${where}, database ${target.database} ${who} (${options.region})`;
    this.#client = options.client;
    this.#runner = new DataApiRunner(options.client, target, options.polling ?? DEFAULT_POLLING, options.logger);
    this.#logger = options.logger;
    this.#lockWaitSeconds = options.lockWaitSeconds ?? 0;
    this.#signal = options.signal;
  }

  async query<R = Record<string, unknown>>(sql: string, values: readonly unknown[] = [], label = 'query'): Promise<QueryResult<R>> {
    const { rows, rowCount } = await this.#runner.execute<R>({ sql, values, label });
    return { rows, rowCount };
  }

  /** The run lock as a lease row (Redshift has no advisory locks; the Data API no lasting session): see lease-lock.ts. */
  lockRun(request: RunLockOptions): Promise<RunLock> {
    return acquireLeaseLock(this, { ...request, waitSeconds: this.#lockWaitSeconds, signal: this.#signal }, this.description, this.#logger);
  }

  async transaction<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const batch = new StatementBatch();
    const result = await work(batch.session);
    const statements = batch.close();
    const results = await this.#runner.executeBatch(statements.map((s) => s.statement));
    statements.forEach((s, i) => s.result.settle(results[i]!));
    return result;
  }

  /** Statements in one Data API session (temporary tables and session settings carry over), each committed on its own. */
  async withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const session = { id: undefined as string | undefined, keepAliveSeconds: SESSION_KEEP_ALIVE_SECONDS };
    return work({
      query: async <R>(sql: string, values: readonly unknown[] = [], label = 'query') => {
        const { rows, rowCount, sessionId } = await this.#runner.execute<R>({ sql, values, label }, session);
        session.id ??= sessionId;
        return { rows, rowCount };
      },
    });
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}

interface QueuedStatement {
  readonly statement: StatementToRun;
  readonly result: DeferredResult<Record<string, unknown>>;
}

/** The statements of one Data API transaction, collected until it commits. */
class StatementBatch {
  readonly #queued: QueuedStatement[] = [];
  #closed = false;

  readonly session: Session = {
    query: async <R>(sql: string, values: readonly unknown[] = [], label = 'query'): Promise<QueryResult<R>> => {
      if (this.#closed) throw new WarehouseError(`${label}: this Data API transaction has already been sent; statements after it need a new transaction`);
      const result = new DeferredResult<Record<string, unknown>>(label);
      this.#queued.push({ statement: { sql, values: [...values], label }, result });
      return result as unknown as QueryResult<R>;
    },
  };

  close(): readonly QueuedStatement[] {
    this.#closed = true;
    return this.#queued;
  }
}

/** A statement's result that exists once its batch has run. */
class DeferredResult<R> implements QueryResult<R> {
  #settled: QueryResult<R> | undefined;
  constructor(private readonly label: string) {}

  get rows(): R[] {
    return this.#value().rows;
  }

  get rowCount(): number {
    return this.#value().rowCount;
  }

  settle(result: QueryResult<R>): void {
    this.#settled = result;
  }

  #value(): QueryResult<R> {
    if (!this.#settled) throw new DeferredResultError(this.label);
    return this.#settled;
  }
}
