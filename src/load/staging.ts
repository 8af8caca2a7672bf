import type { DwhConfig } from '../config/types.ts';
import { SourceError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { stagingEvents, stagingSongs } from '../schema/tables.ts';
import type { TableDefinition } from '../schema/types.ts';
import { sourceReaderFor } from '../sources/open-source.ts';
import type { SourceObject } from '../sources/types.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { stagingCopyOptions } from './coerce.ts';
import { loadJsonIntoTable, type TableLoadProgress, type TableLoadResult } from './json-table-loader.ts';
import { parseAutoMapping, parseJsonPaths, type FieldMapping } from './jsonpaths.ts';
import { LoadErrorsNotSavedError, LoadFailedError, newLoadId, saveLoadErrors } from './load-errors.ts';

export interface StagingLoadOptions {
  readonly logger: Logger;
  /** Overrides [S3] MAXERROR (the command line's --max-errors). */
  readonly maxErrors?: number;
  readonly concurrency?: number;
  readonly onProgress?: (progress: TableLoadProgress) => void;
}

export interface StagingLoadResult {
  readonly loadId: string;
  readonly tables: readonly TableLoadResult[];
}

interface StagingSpec {
  readonly table: TableDefinition;
  readonly source: string;
  readonly format: string;
}

/** What each staging table is loaded from: events through the JSONPaths file, songs with 'auto'. */
export function stagingSpecs(config: DwhConfig): readonly StagingSpec[] {
  return [
    { table: stagingEvents, source: config.s3.logData, format: config.s3.logJsonPath },
    { table: stagingSongs, source: config.s3.songData, format: 'auto' },
  ];
}

/**
 * The staging stage on PostgreSQL: both staging tables emptied and reloaded in one transaction, so
 * the stage commits whole or not at all. Rejected records within MAXERROR are saved to
 * sparkify_load_errors in that same transaction (if they cannot be, nothing is committed); past
 * MAXERROR the load rolls back and its rejects are saved on their own, as stl_load_errors keeps them.
 */
export async function loadStagingTables(warehouse: Warehouse, config: DwhConfig, options: StagingLoadOptions): Promise<StagingLoadResult> {
  const loadId = newLoadId();
  const maxErrors = options.maxErrors ?? config.s3.maxErrors;
  const copyOptions = stagingCopyOptions(config.s3.acceptInvChars);
  const prepared = await Promise.all(
    stagingSpecs(config).map(async (spec) => {
      const reader = await sourceReaderFor(spec.source, config);
      // The listing is streamed into the load; its first object is read now, so that an empty prefix fails before anything starts.
      const objects = await nonEmpty(reader.objects(spec.source));
      if (!objects) throw new SourceError(spec.source, `no files match this prefix (loading ${spec.table.name})`);
      const mapping = await resolveMapping(spec, config);
      return { ...spec, objects, mapping };
    }),
  );
  const results: TableLoadResult[] = [];
  try {
    await warehouse.transaction(async (session) => {
      for (const { table, objects, mapping, source } of prepared) {
        options.logger.debug(`loading ${table.name} from the files under ${source}`);
        await session.query(loadSql('load/truncate_table', { identifiers: { table: table.name } }), [], `truncate ${table.name}`);
        results.push(
          await loadJsonIntoTable(session, table, mapping, objects, {
            maxErrors,
            concurrency: options.concurrency ?? 16,
            copyOptions,
            onProgress: options.onProgress,
            // Truncated just above, in this transaction.
            freeze: true,
          }),
        );
        await session.query(loadSql('load/analyze_table', { identifiers: { table: table.name } }), [], `analyze ${table.name}`);
      }
      const rejected = results.flatMap((r) => r.rejected);
      try {
        await saveLoadErrors(session, loadId, rejected);
      } catch (error) {
        throw new LoadErrorsNotSavedError(rejected, error);
      }
    });
  } catch (error) {
    if (error instanceof LoadErrorsNotSavedError) throw error;
    const rejected = error instanceof LoadFailedError ? error.errors : results.flatMap((r) => r.rejected);
    // The load's own error matters more than a failure to record its rejects: report, keep the original.
    await saveLoadErrors(warehouse, loadId, rejected).catch((saveError: Error) =>
      options.logger.warn(`could not save ${rejected.length} rejected record(s) to sparkify_load_errors: ${saveError.message}`),
    );
    throw error;
  }
  return { loadId, tables: results };
}

/** The objects, or undefined when there are none (the first is read ahead, and given back first). */
async function nonEmpty(objects: AsyncIterable<SourceObject>): Promise<AsyncIterable<SourceObject> | undefined> {
  const iterator = objects[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return undefined;
  return (async function* () {
    try {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // Closed early (a failed load): the listing stops too.
      await iterator.return?.();
    }
  })();
}

async function resolveMapping(spec: StagingSpec, config: DwhConfig): Promise<FieldMapping> {
  const auto = parseAutoMapping(spec.format);
  if (auto) return auto;
  const reader = await sourceReaderFor(spec.format, config);
  return parseJsonPaths(await reader.readText(spec.format), spec.format, spec.table.columns.length);
}
