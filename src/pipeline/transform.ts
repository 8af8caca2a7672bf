import { dialectAdapter, type DialectAdapter } from '../dialect/index.ts';
import { SparkifyError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ModelWrite } from '../models/materialization.ts';
import { STAR_MODELS } from '../models/star-models.ts';
import { AUDIT_SCHEMA, buildAudit, discardAudit, publishAudit } from '../models/write-audit-publish.ts';
import type { QueryResult, Warehouse } from '../warehouse/types.ts';

export interface TransformOptions {
  readonly logger: Logger;
  readonly adapter?: DialectAdapter;
  /** Called as each star table is filled (inside the transaction, so before it commits). */
  readonly onTable?: (table: TransformTableResult) => void;
}

export interface TransformTableResult {
  readonly table: string;
  readonly rows: number;
  /** Time of the INSERT; undefined where statements run as one batch at commit (Redshift Data API). */
  readonly elapsedMs: number | undefined;
}

/**
 * Builds the star schema from staging into the audit schema (`buildAudit`: one transaction, or on
 * PostgreSQL two lanes side by side; write-audit-publish: the published tables are untouched until
 * `publishStar`), then gives the audit tables fresh statistics for their checks. Returns the rows
 * built per table.
 */
export async function runTransform(warehouse: Warehouse, options: TransformOptions): Promise<Record<string, number>> {
  const adapter = options.adapter ?? dialectAdapter(warehouse.dialect);
  const reported = new Set<string>();
  const onWrite = ({ model, result, elapsedMs }: ModelWrite) => {
    const rows = rowsKnownNow(result);
    if (rows === undefined) return;
    options.onTable?.({ table: model.table.name, rows, elapsedMs });
    reported.add(model.table.name);
  };
  const writes = await buildAudit(warehouse, adapter, STAR_MODELS, onWrite);
  // Row counts are read once the transaction has committed: on the Redshift Data API a transaction's
  // statements run as one batch at commit, and their results exist only from then on.
  const rows: Record<string, number> = {};
  for (const { model, result, elapsedMs } of writes) {
    rows[model.table.name] = result.rowCount;
    if (!reported.has(model.table.name)) options.onTable?.({ table: model.table.name, rows: result.rowCount, elapsedMs: undefined });
    options.logger.debug(`${model.table.name}: ${result.rowCount} rows in ${Math.round(elapsedMs)} ms`);
  }
  await adapter.afterPublish(
    warehouse,
    STAR_MODELS.map((model) => model.table),
    AUDIT_SCHEMA,
  );
  return rows;
}

/**
 * Publishes the audited star tables atomically (one transaction; on PostgreSQL a swap of tables,
 * elsewhere a copy of rows), drops what is left of the audit copies, then lets the dialect make the
 * new tables ready for readers where the rows were copied (swapped tables keep the audit's
 * statistics). Call only once the checks have passed. `built`: the rows per table `runTransform` wrote.
 */
export async function publishStar(
  warehouse: Warehouse,
  options: Pick<TransformOptions, 'logger' | 'adapter'> & { readonly built: Readonly<Record<string, number>> },
): Promise<Record<string, number>> {
  const adapter = options.adapter ?? dialectAdapter(warehouse.dialect);
  const tables = STAR_MODELS.map((model) => model.table);
  const { method, rows } = await publishAudit(warehouse, adapter, tables, options.built);
  options.logger.debug(`published by ${method === 'swap' ? 'moving the audited tables in' : 'copying the audited rows'}`);
  // A swap moved the audit tables in; after a copy they are dropped.
  if (method === 'copy') {
    await discardAudit(warehouse, tables);
    await adapter.afterPublish(warehouse, tables);
  }
  return rows;
}

/** A statement's row count, or undefined while it is still queued in a Data API batch. */
function rowsKnownNow(result: QueryResult<unknown>): number | undefined {
  try {
    return result.rowCount;
  } catch (error) {
    if (error instanceof SparkifyError && error.code === 'DATA_API_DEFERRED') return undefined;
    throw error;
  }
}
