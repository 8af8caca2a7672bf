import { dialectSqlText } from '../dialect/sql-text.ts';
import { QueryError, SparkifyError } from '../errors.ts';
import type { Dialect } from '../schema/types.ts';
import { loadSql } from '../sql/sql-files.ts';
import { ANALYTICS, type AnalyticsQuery } from './catalog.ts';

/**
 * The least a warehouse must offer to answer analytics: say its dialect and run one statement with
 * `$n` values. A `Warehouse` fits. The dialect's adapter fills the queries' `{{dialect:x}}`
 * placeholders, e.g. the byte order of ranking tie-breaks, whatever the server's collation.
 */
export interface AnalyticsClient {
  readonly dialect: Dialect;
  query<R>(sql: string, values?: readonly unknown[], label?: string): Promise<AnalyticsQueryResult<R>>;
}

export interface AnalyticsQueryResult<R> {
  readonly rows: R[];
  /** pg reports the result's columns here, so they are known even when no row came back. */
  readonly fields?: readonly { readonly name: string }[];
}

export interface AnalyticsOptions {
  /** For the ranked queries: how many rows (the query's default when absent). */
  readonly limit?: number;
  /** First UTC day (YYYY-MM-DD) of plays to count; the whole history when absent. */
  readonly from?: string;
  /** Last UTC day (YYYY-MM-DD, included) of plays to count; the whole history when absent. */
  readonly to?: string;
}

export interface AnalyticsResult<Row = object> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The values the caller chose, by parameter name: `limit` (ranked queries), `from` and `to` when given. */
  readonly parameters: Readonly<AnalyticsParameters>;
  /** Column names in SQL order (known even when there are no rows). */
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export interface AnalyticsParameters {
  readonly limit?: number;
  readonly from?: string;
  readonly to?: string;
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
export async function runAnalytics<Row>(client: AnalyticsClient, query: AnalyticsQuery<Row>, options: AnalyticsOptions = {}): Promise<AnalyticsResult<Row>> {
  const window = playWindow(options);
  const parameters: { limit?: number; from?: string; to?: string } = {};
  if (options.from !== undefined) parameters.from = options.from;
  if (options.to !== undefined) parameters.to = options.to;
  // Every query takes the window of play times as $1, $2; the ranked ones their limit as $3.
  const values: unknown[] = [window.from, window.to];
  if (query.limit) {
    const limit = options.limit ?? query.limit.default;
    if (!Number.isInteger(limit) || limit < query.limit.min || limit > query.limit.max) {
      throw new AnalyticsError(`${query.name}: limit must be a whole number from ${query.limit.min} to ${query.limit.max}, got ${limit}`);
    }
    parameters.limit = limit;
    values.push(limit);
  }
  const label = `analytics/${query.name}` as const;
  const sql = analyticsSql(query, client.dialect);
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

/**
 * The text of `sql/analytics/<name>.sql` for a dialect: its `{{dialect:x}}` placeholders filled by the
 * dialect's adapter, and the SELECTs it includes (`{{sql:x}}`) filled in the same way.
 */
export function analyticsSql(query: Pick<AnalyticsQuery, 'name' | 'includes'>, dialect: Dialect): string {
  const sqlText = dialectSqlText(dialect);
  const includes = (query.includes ?? []).map((name) => [name.slice(name.lastIndexOf('/') + 1), loadSql(name, { dialect: sqlText })] as const);
  return loadSql(`analytics/${query.name}`, { fragments: Object.fromEntries(includes), dialect: sqlText });
}

/**
 * The half-open window [from, to) of play times the queries bind as $1 and $2, as timestamp text
 * (UTC, which is how the warehouse stores instants). `to` is a day included, so the window ends at the
 * start of the next day. Without bounds the window covers any instant the warehouse can hold.
 */
export function playWindow(options: Pick<AnalyticsOptions, 'from' | 'to'>): { from: string; to: string } {
  const from = options.from === undefined ? undefined : parseDay(options.from, 'from');
  const to = options.to === undefined ? undefined : parseDay(options.to, 'to');
  if (from && to && from > to) throw new AnalyticsError(`from (${options.from}) is after to (${options.to})`);
  const nextDay = to ? new Date(to.getTime() + 86_400_000) : undefined;
  return {
    from: from ? timestampText(from) : '0001-01-01 00:00:00',
    to: nextDay ? timestampText(nextDay) : '9999-12-31 23:59:59.999',
  };
}

function parseDay(text: string, name: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) throw new AnalyticsError(`${name} must be a day as YYYY-MM-DD, got '${text}'`);
  return date;
}

function timestampText(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Runs every analytics query in catalog order, one after another (a warehouse connection is not shared in parallel). */
export async function runAllAnalytics(client: AnalyticsClient, options: AnalyticsOptions = {}): Promise<AnalyticsResult<object>[]> {
  const results: AnalyticsResult<object>[] = [];
  for (const query of ANALYTICS) results.push(await runAnalytics(client, query, options));
  return results;
}
