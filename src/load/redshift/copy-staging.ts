import { assertConfigFor } from '../../config/requirements.ts';
import type { DwhConfig } from '../../config/types.ts';
import { QueryError } from '../../errors.ts';
import type { TableLoadResult } from '../json-table-loader.ts';
import { newLoadId, saveLoadErrors, type LoadErrorRecord } from '../load-errors.ts';
import { assertEventsInTheirDays, stagingSpecs, type StagingLoadOptions, type StagingLoadResult } from '../staging.ts';
import { stagingEvents } from '../../schema/tables.ts';
import { nextDay } from '../../sources/partition.ts';
import { loadSql } from '../../sql/sql-files.ts';
import type { QueryResult, Queryable, Warehouse } from '../../warehouse/types.ts';
import { REDSHIFT_MAX_ERRORS, renderCopyStaging, renderEmptyStagingTable } from './copy-sql.ts';
import { failedQueryId } from './failed-query.ts';
import { CopyFailedError, RedshiftLoadError, toLoadErrorRecord, type LoadErrorsView, type StlLoadError } from './load-errors.ts';

interface PlannedCopy {
  readonly table: string;
  readonly source: string;
  /** What makes room for the COPY: the table emptied, or (a partition load) one day's events deleted. */
  readonly empty: string;
  readonly emptyValues: readonly unknown[];
  readonly copy: string;
}

interface LastCopy {
  readonly query_id: number;
  readonly row_count: number;
}

/**
 * The staging stage on Redshift (docs/engines.md, "Staging loads"): one COPY per staging table, straight from S3, both
 * tables emptied (DELETE) and loaded in one transaction. After each COPY the same session asks for
 * its query id and row count (pg_last_copy_id / pg_last_copy_count). A COPY that fails rolls the whole
 * stage back; its rejected records are then read from stl_load_errors by the failing query's id and
 * raised as RedshiftLoadError. Within MAXERROR, rejected records are reported per table. Either way
 * Redshift's rejects are copied into sparkify_load_errors with the local loader's columns, so `check`,
 * the CLI and the notebooks read rejects from one table on every engine. On Redshift Serverless, which
 * has no stl_* tables, the same facts come from SYS_LOAD_ERROR_DETAIL and SYS_LOAD_HISTORY. (The
 * Redshift adapter vacuums and analyzes the staging tables once this has committed.)
 */
export async function copyStagingTables(warehouse: Warehouse, config: DwhConfig, options: StagingLoadOptions): Promise<StagingLoadResult> {
  assertConfigFor(config, 'load');
  const views = systemViews(config);
  const loadId = newLoadId();
  const requested = options.maxErrors ?? config.s3.maxErrors;
  const maxErrors = Math.min(requested, REDSHIFT_MAX_ERRORS);
  if (maxErrors < requested) options.logger.warn(`MAXERROR ${requested} is above Redshift's limit; COPY uses ${REDSHIFT_MAX_ERRORS}`);
  const partitions = options.partitions;
  const plans: PlannedCopy[] = stagingSpecs(config).flatMap((spec) => {
    const copy = (source: string) =>
      renderCopyStaging({
        table: spec.table,
        source,
        jsonFormat: spec.format,
        iamRoleArn: config.iamRole.arn!,
        region: config.aws.region,
        maxErrors,
        acceptInvChars: config.s3.acceptInvChars,
      });
    if (spec.table === stagingEvents && partitions) {
      // A partition load: one COPY per day's key, each after deleting that day's events.
      return partitions.map((p) => ({
        table: spec.table.name,
        source: p.source,
        empty: loadSql('load/delete_event_day'),
        emptyValues: [p.day, nextDay(p.day)],
        copy: copy(p.source),
      }));
    }
    return [{ table: spec.table.name, source: spec.source, empty: renderEmptyStagingTable(spec.table), emptyValues: [], copy: copy(spec.source) }];
  });

  // Results are kept as objects and read after the commit: on the Data API they exist only then.
  const lastCopies: QueryResult<LastCopy>[] = [];
  try {
    await warehouse.transaction(async (session) => {
      for (const plan of plans) {
        options.logger.debug(`COPY ${plan.table} from ${plan.source}`);
        await session.query(plan.empty, plan.emptyValues, `empty ${plan.table}`);
        await session.query(plan.copy, [], `copy ${plan.table}`);
        lastCopies.push(await session.query<LastCopy>(loadSql('redshift/last_copy'), [], `last copy ${plan.table}`));
      }
    });
  } catch (error) {
    const explained = await explainFailure(warehouse, views, plans, maxErrors, error, options);
    if (explained instanceof RedshiftLoadError) await keepRejects(warehouse, loadId, explained.errors, options);
    throw explained;
  }

  const tables: TableLoadResult[] = [];
  for (const [i, plan] of plans.entries()) {
    const last = lastCopies[i]!.rows[0]!;
    const queryId = Number(last.query_id);
    const rejected = maxErrors > 0 ? (await readLoadErrors(warehouse, queryId, views)).map((row) => toLoadErrorRecord(plan.table, row)) : [];
    const { files, bytes } = await readCopiedFiles(warehouse, queryId, views);
    const result = { table: plan.table, files, rows: Number(last.row_count), bytes, rejected };
    if (rejected.length > 0)
      options.logger.warn(
        `${plan.table}: ${rejected.length} record(s) rejected within MAXERROR ${maxErrors} (saved to sparkify_load_errors; Redshift's own: ${views.errorsView} for query ${queryId})`,
      );
    options.onProgress?.({ table: plan.table, filesDone: files, filesTotal: files, rows: result.rows, bytes, bytesTotal: bytes, rejected: rejected.length });
    tables.push(result);
  }
  await keepRejects(
    warehouse,
    loadId,
    tables.flatMap((t) => t.rejected),
    options,
  );
  const merged = mergeByTable(tables);
  if (!partitions) return { loadId, tables: merged };
  // Through the Data API the counts exist only after the commit, so the check runs then: a file with
  // events outside its day fails the run before anything is built or published.
  const loadedEvents = merged.find((t) => t.table === stagingEvents.name)?.rows ?? 0;
  const partitionEvents = await assertEventsInTheirDays(warehouse, partitions, loadedEvents);
  return { loadId, tables: merged, partitionEvents };
}

/** One result per table (a partition load COPYs staging_events once per day). */
function mergeByTable(results: readonly TableLoadResult[]): TableLoadResult[] {
  const merged = new Map<string, TableLoadResult>();
  for (const result of results) {
    const earlier = merged.get(result.table);
    merged.set(
      result.table,
      earlier
        ? {
            ...earlier,
            files: earlier.files + result.files,
            rows: earlier.rows + result.rows,
            bytes: earlier.bytes + result.bytes,
            rejected: [...earlier.rejected, ...result.rejected],
          }
        : result,
    );
  }
  return [...merged.values()];
}

/** Where a provisioned cluster and Redshift Serverless keep the facts of a COPY. */
interface SystemViews {
  readonly errorsView: LoadErrorsView;
  readonly errors: 'redshift/load_errors' | 'redshift/load_errors_sys';
  readonly files: 'redshift/copy_files' | 'redshift/copy_files_sys';
}

function systemViews(config: DwhConfig): SystemViews {
  return config.cluster.kind === 'serverless'
    ? { errorsView: 'sys_load_error_detail', errors: 'redshift/load_errors_sys', files: 'redshift/copy_files_sys' }
    : { errorsView: 'stl_load_errors', errors: 'redshift/load_errors', files: 'redshift/copy_files' };
}

/** Copies Redshift's rejects into sparkify_load_errors (outside the load's transaction, as the local loader does). */
async function keepRejects(warehouse: Queryable, loadId: string, rejects: readonly LoadErrorRecord[], options: StagingLoadOptions): Promise<void> {
  if (rejects.length === 0) return;
  try {
    await saveLoadErrors(warehouse, loadId, rejects);
  } catch (error) {
    options.logger.warn(`could not save ${rejects.length} rejected record(s) to sparkify_load_errors: ${(error as Error).message}`);
  }
}

/** Turns a failed stage into the most useful typed error: stl_load_errors rows when there are any. */
async function explainFailure(
  warehouse: Queryable,
  views: SystemViews,
  plans: readonly PlannedCopy[],
  maxErrors: number,
  error: unknown,
  options: StagingLoadOptions,
): Promise<unknown> {
  const failed = error instanceof QueryError ? plans.find((plan) => plan.copy === error.sql) : undefined;
  if (!failed) return error;
  const queryId = failedQueryId(error);
  if (queryId === undefined) return new CopyFailedError(failed.table, failed.source, undefined, error);
  let rows: StlLoadError[];
  try {
    rows = await readLoadErrors(warehouse, queryId, views);
  } catch (readError) {
    // The COPY's own error matters more: keep it, and say why the details are missing.
    options.logger.warn(`could not read ${views.errorsView} for query ${queryId}: ${(readError as Error).message}`);
    return new CopyFailedError(failed.table, failed.source, queryId, error);
  }
  if (rows.length === 0) return new CopyFailedError(failed.table, failed.source, queryId, error);
  return new RedshiftLoadError(failed.table, failed.source, queryId, rows, maxErrors, { cause: error, view: views.errorsView });
}

export async function readLoadErrors(
  warehouse: Queryable,
  queryId: number,
  views: SystemViews = systemViews({ cluster: { kind: 'provisioned' } } as DwhConfig),
): Promise<StlLoadError[]> {
  const { rows } = await warehouse.query<StlLoadError>(loadSql(views.errors), [queryId], `${views.errorsView} for query ${queryId}`);
  return rows;
}

async function readCopiedFiles(warehouse: Queryable, queryId: number, views: SystemViews): Promise<{ files: number; bytes: number }> {
  const { rows } = await warehouse.query<{ files: number; bytes: number }>(loadSql(views.files), [queryId], `files of query ${queryId}`);
  return { files: Number(rows[0]?.files ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
}
