import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type DescribeStatementResponse,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { setTimeout as sleep } from 'node:timers/promises';
import { WarehouseError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { QueryResult } from '../types.ts';
import { DataApiStatementError } from './data-api-errors.ts';
import { toNamedParameters } from './data-api-params.ts';
import { decodeRecords } from './data-api-results.ts';

/**
 * Which warehouse and database, as whom. A provisioned cluster by ClusterIdentifier or a serverless
 * workgroup by WorkgroupName; authenticated by a Secrets Manager secret (SecretArn) when one is
 * configured, else by temporary credentials: for DbUser on a cluster, for the caller's IAM identity on
 * a workgroup.
 */
export type DataApiTarget =
  | { readonly kind?: 'provisioned'; readonly clusterIdentifier: string; readonly database: string; readonly dbUser: string; readonly secretArn?: string }
  | { readonly kind: 'serverless'; readonly workgroupName: string; readonly database: string; readonly secretArn?: string };

/** The ExecuteStatement / BatchExecuteStatement fields that say where and as whom. */
export function targetInput(target: DataApiTarget): {
  ClusterIdentifier?: string;
  WorkgroupName?: string;
  Database: string;
  DbUser?: string;
  SecretArn?: string;
} {
  const where = target.kind === 'serverless' ? { WorkgroupName: target.workgroupName } : { ClusterIdentifier: target.clusterIdentifier };
  if (target.secretArn) return { ...where, Database: target.database, SecretArn: target.secretArn };
  return target.kind === 'serverless' ? { ...where, Database: target.database } : { ...where, Database: target.database, DbUser: target.dbUser };
}

/**
 * How long to wait for a statement. DescribeStatement long-polls (WaitTimeSeconds) where the service
 * supports it; when it answers at once, the next ask waits with exponential backoff. The SDK has no
 * waiter for statements, so this loop is the waiter, bounded by `timeoutMs` (then the statement is cancelled).
 */
export interface DataApiPolling {
  readonly timeoutMs: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** 0 = no long polling. At most 30. */
  readonly waitTimeSeconds: number;
}

export const DEFAULT_POLLING: DataApiPolling = Object.freeze({ timeoutMs: 6 * 60 * 60 * 1000, initialDelayMs: 100, maxDelayMs: 5_000, waitTimeSeconds: 20 });

/** BatchExecuteStatement takes at most this many statements. */
export const MAX_BATCH_STATEMENTS = 40;

export interface StatementToRun {
  readonly sql: string;
  readonly values: readonly unknown[];
  readonly label: string;
}

const FINAL = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** Submits statements to the Data API, waits for them, and reads their results. */
export class DataApiRunner {
  constructor(
    private readonly client: RedshiftDataClient,
    private readonly target: DataApiTarget,
    private readonly polling: DataApiPolling,
    private readonly logger: Logger,
  ) {}

  /** One statement in autocommit mode; with `session`, inside that Data API session (kept alive between calls). */
  async execute<R>(statement: StatementToRun, session?: { id?: string; keepAliveSeconds: number }): Promise<QueryResult<R> & { sessionId?: string }> {
    const named = toNamedParameters(statement.sql, statement.values);
    const where = session?.id ? { SessionId: session.id } : this.#targetInput();
    const submitted = await this.#submit(statement.label, () =>
      this.client.send(
        new ExecuteStatementCommand({
          ...where,
          Sql: named.sql,
          Parameters: named.parameters.length > 0 ? named.parameters : undefined,
          StatementName: statementName(statement.label),
          ...(session && !session.id ? { SessionKeepAliveSeconds: session.keepAliveSeconds } : {}),
        }),
      ),
    );
    const description = await this.#wait(submitted.Id!, statement.label);
    if (description.Status !== 'FINISHED') {
      throw new DataApiStatementError(statement.label, named.sql, {
        message: description.Error ?? `statement ${description.Status?.toLowerCase()}`,
        statementId: submitted.Id!,
        status: description.Status ?? 'UNKNOWN',
        redshiftQueryId: validQueryId(description.RedshiftQueryId),
      });
    }
    const result = await this.#result<R>(submitted.Id!, description.HasResultSet, description.ResultRows);
    return { ...result, sessionId: submitted.SessionId };
  }

  /**
   * Several statements as one BatchExecuteStatement: Redshift runs them in order in one transaction,
   * all committed or all rolled back. Results come back per statement once the batch has finished.
   */
  async executeBatch(statements: readonly StatementToRun[]): Promise<QueryResult<Record<string, unknown>>[]> {
    if (statements.length === 0) return [];
    if (statements.length > MAX_BATCH_STATEMENTS) {
      throw new WarehouseError(`a Redshift Data API transaction holds at most ${MAX_BATCH_STATEMENTS} statements; this one has ${statements.length}`);
    }
    const named = statements.map((s, i) => toNamedParameters(s.sql, s.values, `s${i + 1}p`));
    const parameters = named.flatMap((n) => n.parameters);
    const label = statements.length === 1 ? statements[0]!.label : `transaction (${statements.map((s) => s.label).join(', ')})`;
    const submitted = await this.#submit(label, () =>
      this.client.send(
        new BatchExecuteStatementCommand({
          ...this.#targetInput(),
          Sqls: named.map((n) => n.sql),
          Parameters: parameters.length > 0 ? parameters : undefined,
          StatementName: statementName(label),
        }),
      ),
    );
    const description = await this.#wait(submitted.Id!, label);
    const subStatements = [...(description.SubStatements ?? [])].sort((a, b) => subIndex(a.Id) - subIndex(b.Id));
    if (description.Status !== 'FINISHED') {
      const failedAt = Math.max(
        0,
        subStatements.findIndex((s) => s.Status === 'FAILED' || s.Status === 'ABORTED'),
      );
      const failed = subStatements[failedAt];
      const statement = statements[failedAt]!;
      throw new DataApiStatementError(statement.label, named[failedAt]!.sql, {
        message: `${failed?.Error ?? description.Error ?? `batch ${description.Status?.toLowerCase()}`} (the whole transaction was rolled back)`,
        statementId: failed?.Id ?? submitted.Id!,
        status: failed?.Status ?? description.Status ?? 'UNKNOWN',
        redshiftQueryId: validQueryId(failed?.RedshiftQueryId),
      });
    }
    const results: QueryResult<Record<string, unknown>>[] = [];
    for (const [i, sub] of subStatements.entries()) {
      if (!sub.Id) throw new WarehouseError(`the Data API described no id for statement ${i + 1} of ${label}`);
      results.push(await this.#result(sub.Id, sub.HasResultSet, sub.ResultRows));
    }
    if (results.length !== statements.length) {
      throw new WarehouseError(`the Data API reported ${results.length} results for the ${statements.length} statements of ${label}`);
    }
    return results;
  }

  #targetInput() {
    return targetInput(this.target);
  }

  async #submit<T>(label: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      // The request itself was refused (no such cluster, access denied, throttled past the SDK's retries).
      throw new WarehouseError(`${label}: the Redshift Data API refused the statement: ${(error as Error).message}`, { cause: error });
    }
  }

  async #wait(id: string, label: string): Promise<DescribeStatementResponse> {
    const { timeoutMs, initialDelayMs, maxDelayMs, waitTimeSeconds } = this.polling;
    const started = Date.now();
    let delay = initialDelayMs;
    for (;;) {
      const asked = Date.now();
      const description = await this.client.send(
        new DescribeStatementCommand({ Id: id, ...(waitTimeSeconds > 0 ? { WaitTimeSeconds: waitTimeSeconds } : {}) }),
      );
      if (FINAL.has(description.Status ?? '')) return description;
      if (Date.now() - started >= timeoutMs) {
        await this.client
          .send(new CancelStatementCommand({ Id: id }))
          .catch((error: Error) => this.logger.warn(`could not cancel statement ${id}: ${error.message}`));
        throw new WarehouseError(`${label} did not finish within ${Math.round(timeoutMs / 1000)} s; statement ${id} was cancelled`);
      }
      // A long poll that used its time needs no pause; an immediate answer gets a growing one.
      const longPolled = waitTimeSeconds > 0 && Date.now() - asked >= (waitTimeSeconds * 1000) / 2;
      if (!longPolled) {
        await sleep(delay);
        delay = Math.min(delay * 2, maxDelayMs);
      }
    }
  }

  async #result<R>(id: string, hasResultSet: boolean | undefined, resultRows: number | undefined): Promise<QueryResult<R>> {
    if (!hasResultSet) return { rows: [], rowCount: Math.max(0, resultRows ?? 0) };
    const rows: Record<string, unknown>[] = [];
    let columns;
    let token: string | undefined;
    do {
      const page = await this.client.send(new GetStatementResultCommand({ Id: id, NextToken: token }));
      columns ??= page.ColumnMetadata ?? [];
      rows.push(...decodeRecords(columns, page.Records ?? []));
      token = page.NextToken;
    } while (token);
    return { rows: rows as R[], rowCount: rows.length };
  }
}

/** Names show in the console's query history; the Data API allows up to 500 characters. */
function statementName(label: string): string {
  return `sparkify: ${label}`.slice(0, 500);
}

/** Sub-statement ids end in `:<n>`, their place in the batch. */
function subIndex(id: string | undefined): number {
  return Number(/:(\d+)$/.exec(id ?? '')?.[1] ?? Number.MAX_SAFE_INTEGER);
}

function validQueryId(id: number | undefined): number | undefined {
  return id !== undefined && id > 0 ? id : undefined;
}
