import { QueryError, SparkifyError } from '../errors.ts';
import { readSql } from '../sql/sql-files.ts';
import { ANALYTICS, type AnalyticsQuery } from './catalog.ts';

/**
 * The least a warehouse must offer to answer analytics: run one statement with `$n` values.
 * The warehouse's `Queryable` fits, and so does a plain `pg.Client` in tests.
 */
export interface AnalyticsClient {
  query<R>(
    sql: string,
    values?: readonly unknown[],
    label?: string,
  ): Promise<AnalyticsQueryResult<R>>;
}

export interface AnalyticsQueryResult<R> {
  readonly rows: R[];
  /** pg reports the result's columns here, so they are known even when no row came back. */
  readonly fields?: readonly { readonly name: string }[];
}

export interface AnalyticsOptions {
  /** For the ranked queries: how many rows (the query's default when absent). */
  readonly limit?: number;
}

export interface AnalyticsResult<Row = object> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The values bound to the query, by parameter name. */
  readonly parameters: Readonly<Record<string, number>>;
  /** Column names in SQL order (known even when there are no rows). */
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export class AnalyticsError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ANALYTICS', message, options);
  }
}

export function findAnalytics(name: string): AnalyticsQuery<object> {
  const found = ANALYTICS.find((q) => q.name === name);
  if (!found) {
    const known = ANALYTICS.map((q) => q.name).join(', ');
    throw new AnalyticsError(`unknown analytics query '${name}'; known: ${known}`);
  }
  return found;
}

/** Runs `sql/analytics/<name>.sql` and returns its rows as plain objects. */
export async function runAnalytics<Row>(
  client: AnalyticsClient,
  query: AnalyticsQuery<Row>,
  options: AnalyticsOptions = {},
): Promise<AnalyticsResult<Row>> {
  const parameters: Record<string, number> = {};
  const values: unknown[] = [];
  if (query.limit) {
    const limit = options.limit ?? query.limit.default;
    if (!Number.isInteger(limit) || limit < query.limit.min || limit > query.limit.max) {
      throw new AnalyticsError(
        `${query.name}: limit must be a whole number from ${query.limit.min} to ${query.limit.max}, got ${limit}`,
      );
    }
    parameters.limit = limit;
    values.push(limit);
  }
  const label = `analytics/${query.name}` as const;
  const sql = readSql(label);
  let result: AnalyticsQueryResult<Row>;
  try {
    result = await client.query<Row>(sql, values, label);
  } catch (error) {
    // The warehouse already names the statement and shows the SQL; a bare client does not.
    if (error instanceof SparkifyError) throw error;
    throw new QueryError(`${label} (sql/${label}.sql)`, sql, error);
  }
  const columns = result.fields?.map((f) => f.name) ?? Object.keys(result.rows[0] ?? {});
  return Object.freeze({
    name: query.name,
    title: query.title,
    description: query.description,
    parameters: Object.freeze(parameters),
    columns: Object.freeze(columns),
    rows: Object.freeze(result.rows),
  });
}

/** Runs every analytics query in catalog order, one after another (a warehouse connection is not shared in parallel). */
export async function runAllAnalytics(
  client: AnalyticsClient,
  options: AnalyticsOptions = {},
): Promise<AnalyticsResult<object>[]> {
  const results: AnalyticsResult<object>[] = [];
  for (const query of ANALYTICS) results.push(await runAnalytics(client, query, options));
  return results;
}
