import { QueryError, SparkifyError } from '../../errors.ts';

export interface DataApiFailure {
  /** The Data API's Error text for the statement. */
  readonly message: string;
  readonly statementId: string;
  /** FAILED or ABORTED. */
  readonly status: string;
  /** The id stl_query, stl_load_errors etc. know the statement by, when it got that far. */
  readonly redshiftQueryId: number | undefined;
}

/** A statement the Data API ran and Redshift failed: a QueryError (label, SQL) with the statement's ids. */
export class DataApiStatementError extends QueryError {
  readonly statementId: string;
  readonly redshiftQueryId: number | undefined;
  readonly status: string;
  constructor(label: string, sql: string, failure: DataApiFailure) {
    super(label, sql, Object.assign(new Error(failure.message), { name: 'DataApiStatementFailure', statementId: failure.statementId, status: failure.status }));
    this.statementId = failure.statementId;
    this.redshiftQueryId = failure.redshiftQueryId;
    this.status = failure.status;
  }
}

/**
 * Inside a Data API transaction statements are queued and run as one batch when the transaction
 * commits, so their results do not exist yet while the transaction's code runs.
 */
export class DeferredResultError extends SparkifyError {
  constructor(label: string) {
    super(
      'DATA_API_DEFERRED',
      `${label}: the result of a statement inside a Redshift Data API transaction is known only after the transaction commits (the statements run as one batch then); read it after warehouse.transaction() returns`,
    );
  }
}
