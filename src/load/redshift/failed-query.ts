/**
 * The Redshift query id of a failed statement, when the error carries one: the Data API reports it
 * as a field (RedshiftQueryId), and over the PostgreSQL protocol Redshift puts it in the error's DETAIL
 * block (a `query: 123` line). stl_load_errors is keyed by that id.
 */
export function failedQueryId(error: unknown): number | undefined {
  for (let current = error as { cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++) {
    const { redshiftQueryId, detail } = current as { redshiftQueryId?: unknown; detail?: unknown };
    if (typeof redshiftQueryId === 'number' && redshiftQueryId > 0) return redshiftQueryId;
    if (typeof detail === 'string') {
      const match = /^\s*query:\s*(\d+)\s*$/m.exec(detail);
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}
