import { isRemote } from '../config/load.ts';
import type { DwhConfig } from '../config/types.ts';
import { prepend } from '../pool.ts';
import { SourceError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { stagingEvents, stagingSongs } from '../schema/tables.ts';
import type { TableDefinition } from '../schema/types.ts';
import { sourceReaderFor } from '../sources/open-source.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Queryable, Warehouse } from '../warehouse/types.ts';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { nextDay, PartitionError, type Partition } from '../sources/partition.ts';
import type { SourceObject, SourceReader } from '../sources/types.ts';
import { planSongLoad, recordManifest, type SongLoadPlan } from './song-manifest.ts';
import { stagingCopyOptions } from './coerce.ts';
import { ParseWorkerPool, type ParseWorkerOptions } from './parse-workers.ts';
import { loadJsonIntoTable, type TableLoadProgress, type TableLoadResult } from './json-table-loader.ts';
import { parseAutoMapping, parseJsonPaths, type FieldMapping } from './jsonpaths.ts';
import { LoadErrorsNotSavedError, LoadFailedError, newLoadId, saveLoadErrors } from './load-errors.ts';

export interface StagingLoadOptions {
  readonly logger: Logger;
  /** Overrides [S3] MAXERROR (the command line's --max-errors). */
  readonly maxErrors?: number;
  readonly concurrency?: number;
  /** Parse worker threads for local files (parse-workers.ts); default: PARSE_WORKERS. */
  readonly parseWorkers?: ParseWorkerOptions;
  readonly onProgress?: (progress: TableLoadProgress) => void;
  /**
   * A partition load: instead of emptying staging_events and loading all of LOG_DATA, the rows of
   * these days (by ts, UTC) are deleted and each day's file loaded; other days stay. Songs load as usual.
   */
  readonly partitions?: readonly Partition[];
  /**
   * Load songs through the manifest of loaded song files (partition runs on PostgreSQL): only new
   * files are appended; `full` (--full-songs) reloads every file. Absent: every file, as always.
   */
  readonly songManifest?: { readonly full: boolean };
}

export interface StagingLoadResult {
  readonly loadId: string;
  readonly tables: readonly TableLoadResult[];
  /** Events per day loaded by a partition load. */
  readonly partitionEvents?: Readonly<Record<string, number>>;
  /** With the song manifest: how many song files were loaded (the new ones, or all), of how many listed. */
  readonly songFiles?: { readonly loaded: number; readonly total: number; readonly mode: 'append' | 'full'; readonly reason?: string };
}

/**
 * Local files are read and converted on two worker threads (on one core, none: they would only take
 * turns with the main thread and the server) once a table's listing passes 20,000 files or 32 MiB;
 * smaller loads (the public data) stay on the main thread, where starting threads costs more than
 * they save. Two was measured on two cores against one and none (docs/loader.md); more cores were
 * not tried.
 */
export const PARSE_WORKERS: ParseWorkerOptions = { threads: availableParallelism() >= 2 ? 2 : 0, afterFiles: 20_000, afterBytes: 32 * 1024 * 1024 };

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
  const partitions = options.partitions;
  const prepared = await Promise.all(
    stagingSpecs(config).map(async (spec) => {
      const reader = await sourceReaderFor(spec.source, config);
      const mapping = await resolveMapping(spec, config);
      if (spec.table === stagingEvents && partitions) {
        const objects = await partitionObjects(reader, partitions);
        return { ...spec, objects, mapping, songPlan: undefined };
      }
      if (spec.table === stagingSongs && options.songManifest) {
        // The manifest compares the whole listing (one entry per song file, each with its version).
        const all = await reader.list(spec.source);
        if (all.length === 0) throw new SourceError(spec.source, `no files match this prefix (loading ${spec.table.name})`);
        const plan = await songPlanFor(warehouse, all, options.songManifest.full);
        const loading = plan.mode === 'append' ? plan.objects : all;
        return { ...spec, objects: loading, mapping, songPlan: { plan, listed: all, loading } };
      }
      // The listing is streamed into the load; its first object is read now, so that an empty prefix fails before anything starts.
      const objects = await nonEmpty(reader.objects(spec.source));
      if (!objects) throw new SourceError(spec.source, `no files match this prefix (loading ${spec.table.name})`);
      return { ...spec, objects, mapping, songPlan: undefined };
    }),
  );
  const results: TableLoadResult[] = [];
  const pool = new ParseWorkerPool(options.parseWorkers ?? PARSE_WORKERS);
  let partitionEvents: Record<string, number> | undefined;
  let songFiles: StagingLoadResult['songFiles'];
  try {
    await warehouse.transaction(async (session) => {
      for (const { table, objects, mapping, source, songPlan } of prepared) {
        const byPartition = table === stagingEvents && partitions !== undefined;
        options.logger.debug(`loading ${table.name} from the files under ${source}`);
        if (songPlan) {
          const { plan, listed, loading } = songPlan;
          if (plan.mode === 'full') options.logger.info(`song files: loading all ${listed.length.toLocaleString('en-US')} (${plan.reason})`);
          else options.logger.info(`song files: ${loading.length.toLocaleString('en-US')} new of ${listed.length.toLocaleString('en-US')}`);
          songFiles = { loaded: loading.length, total: listed.length, mode: plan.mode, ...(plan.mode === 'full' ? { reason: plan.reason } : {}) };
          if (plan.mode === 'append' && loading.length === 0) {
            // Nothing new: staging_songs keeps what it holds.
            results.push({ table: table.name, files: 0, rows: 0, bytes: 0, rejected: [] });
            continue;
          }
        }
        // A day's load replaces that day's events; new song files are appended to what staging_songs holds; else the table is emptied.
        const appending = songPlan?.plan.mode === 'append';
        const truncated = !byPartition && !appending;
        if (byPartition) {
          for (const { day } of partitions) await session.query(loadSql('load/delete_event_day'), [day, nextDay(day)], `delete ${table.name} of ${day}`);
        } else if (truncated) {
          await session.query(loadSql('load/truncate_table', { identifiers: { table: table.name } }), [], `truncate ${table.name}`);
        }
        const loaded = await loadJsonIntoTable(session, table, mapping, objects, {
          maxErrors,
          concurrency: options.concurrency ?? 16,
          parseWorkers: pool,
          copyOptions,
          onProgress: options.onProgress,
          // COPY FREEZE only into a table truncated in this transaction (a day's delete or an append keeps rows).
          freeze: truncated,
        });
        results.push(loaded);
        if (songPlan) await recordManifest(session, songPlan.loading, songPlan.plan.mode === 'full');
        if (byPartition) partitionEvents = await assertEventsInTheirDays(session, partitions, loaded.rows);
        await session.query(loadSql('materialize/analyze_table', { tables: { table: table.name } }), [], `analyze ${table.name}`);
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
  } finally {
    if (pool.started) options.logger.debug(`files read on ${pool.options.threads} parse worker thread(s)`);
    await pool.close();
  }
  return { loadId, tables: results, ...(partitionEvents ? { partitionEvents } : {}), ...(songFiles ? { songFiles } : {}) };
}

async function songPlanFor(warehouse: Warehouse, listed: readonly SourceObject[], full: boolean): Promise<SongLoadPlan> {
  if (full) return { mode: 'full', reason: '--full-songs', total: listed.length };
  return planSongLoad(warehouse, listed);
}

/** The file of each partition; a day without one is an error (its data has not arrived). */
async function partitionObjects(reader: SourceReader, partitions: readonly Partition[]): Promise<SourceObject[]> {
  const objects: SourceObject[] = [];
  for (const { day, source } of partitions) {
    const wanted = isRemote(source) ? source : path.resolve(source);
    const found = (await reader.list(source)).filter((object) => object.uri === wanted);
    if (found.length === 0) throw new SourceError(source, `no file for the partition of ${day} (LOG_DATA + LOG_PARTITION)`);
    objects.push(...found);
  }
  return objects;
}

/**
 * A partition holds the events whose ts falls on its day. After a partition load every loaded event
 * must be within the loaded days, else a re-run of a day could not replace exactly what it loaded.
 */
export async function assertEventsInTheirDays(session: Queryable, partitions: readonly Partition[], loaded: number): Promise<Record<string, number>> {
  const events: Record<string, number> = {};
  for (const { day } of partitions) {
    const { rows } = await session.query<{ events: number }>(loadSql('load/count_event_day'), [day, nextDay(day)], `count events of ${day}`);
    events[day] = Number(rows[0]?.events ?? 0);
  }
  const inDays = Object.values(events).reduce((a, b) => a + b, 0);
  if (inDays !== loaded) {
    const files = partitions.map((p) => p.source).join(', ');
    throw new PartitionError(
      `${loaded - inDays} of ${loaded} event(s) loaded from ${files} have a ts outside their file's day (or none); a partition load needs each day's events, and only those, in that day's file`,
    );
  }
  return events;
}

/** The objects, or undefined when there are none (the first is read ahead, and given back first). */
async function nonEmpty(objects: AsyncIterable<SourceObject>): Promise<AsyncIterable<SourceObject> | undefined> {
  const iterator = objects[Symbol.asyncIterator]();
  const first = await iterator.next();
  return first.done ? undefined : prepend(first.value, iterator);
}

async function resolveMapping(spec: StagingSpec, config: DwhConfig): Promise<FieldMapping> {
  const auto = parseAutoMapping(spec.format);
  if (auto) return auto;
  const reader = await sourceReaderFor(spec.format, config);
  return parseJsonPaths(await reader.readText(spec.format), spec.format, spec.table.columns.length);
}
