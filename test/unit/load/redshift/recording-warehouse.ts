import { QueryError } from '#src/errors.ts';
import type { QueryResult, Session, Warehouse } from '#src/warehouse/types.ts';

export interface SentStatement {
  readonly sql: string;
  readonly values: readonly unknown[];
  readonly label: string;
  /** Which transaction it ran in (1, 2, ...), or 0 outside any. */
  readonly transaction: number;
}

/**
 * A Warehouse with the Redshift dialect that records every statement and answers from a script:
 * the unit tests assert the exact SQL the redshift engine sends, with no database.
 */
export class RecordingWarehouse implements Warehouse {
  readonly engine = 'redshift' as const;
  readonly dialect = 'redshift' as const;
  readonly description = 'recording warehouse';
  readonly sent: SentStatement[] = [];
  #transactions = 0;

  constructor(private readonly answer: (statement: SentStatement) => QueryResult<Record<string, unknown>> | Error | undefined = () => undefined) {}

  query<R>(sql: string, values: readonly unknown[] = [], label = 'query'): Promise<QueryResult<R>> {
    return this.#run<R>({ sql, values, label, transaction: 0 });
  }

  async transaction<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const transaction = ++this.#transactions;
    return work({ query: <R>(sql: string, values: readonly unknown[] = [], label = 'query') => this.#run<R>({ sql, values, label, transaction }) });
  }

  async withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    return work({ query: (sql, values, label) => this.query(sql, values, label) });
  }

  async close(): Promise<void> {}

  async #run<R>(statement: SentStatement): Promise<QueryResult<R>> {
    this.sent.push(statement);
    const answer = this.answer(statement);
    if (answer instanceof Error) throw new QueryError(statement.label, statement.sql, answer);
    return (answer ?? { rows: [], rowCount: 0 }) as QueryResult<R>;
  }
}
