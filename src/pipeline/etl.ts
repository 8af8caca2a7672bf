import type { DwhConfig } from '../config/types.ts';
import type { Logger } from '../logger.ts';
import type { TableLoadProgress } from '../load/json-table-loader.ts';
import { withRunLock } from '../warehouse/run-lock/with-run-lock.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { AUDIT_SCHEMA } from '../models/write-audit-publish.ts';
import { STAR_TABLES } from '../schema/tables.ts';
import { loadSql } from '../sql/sql-files.ts';
import { assertChecksPassed, dataChecks, DataQualityError, runChecks, type CheckResult } from './checks.ts';
import { recordRun, type RunEnd } from '../runs/index.ts';
import { loadStaging } from './load-staging.ts';
import { operationalChecks, type OperationalCheck } from './operational-checks.ts';
import { SparkifyError } from '../errors.ts';
import { dialectAdapter } from '../dialect/index.ts';
import { ensureManifestTable, forgetManifest } from '../load/song-manifest.ts';
import type { StagingLoadResult } from '../load/staging.ts';
import { partitionFor, type Partition } from '../sources/partition.ts';
import { publishStar, runTransform, type TransformTableResult } from './transform.ts';

export type StepName = 'load staging' | 'transform' | 'checks' | 'publish';

export interface StepResult {
  readonly step: StepName;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly elapsedMs: number;
  /** Rows written per table (load, transform) or failing rows per check. */
  readonly rows: Readonly<Record<string, number>>;
  /** Records rejected within MAXERROR (load step). */
  readonly rejected?: number;
  /** Song files loaded through the manifest (load step of a partition run): new ones, or all, of how many. */
  readonly songFiles?: StagingLoadResult['songFiles'];
  /** Events per day of the days loaded (load step; every day for a full refresh). */
  readonly dayEvents?: Readonly<Record<string, number>>;
  readonly checks?: readonly CheckResult[];
  /** Freshness and volume (checks step): warnings are printed and stored, errors fail the run. */
  readonly operational?: readonly OperationalCheck[];
  readonly error?: Error;
}

export interface EtlResult {
  readonly steps: readonly StepResult[];
  /** The first failure, if any; later steps are then 'skipped'. */
  readonly error: Error | undefined;
}

export interface EtlOptions {
  readonly logger: Logger;
  readonly maxErrors?: number;
  readonly onProgress?: (progress: TableLoadProgress) => void;
  /**
   * Days (YYYY-MM-DD) to load as partitions (`etl --date` / `--from --to`): each day's rows of
   * staging_events are replaced by that day's file, and the star tables rebuilt from all loaded days.
   * Absent: a full refresh.
   */
  readonly days?: readonly string[];
  /** `etl --expect-through D`: fail (nothing published) unless the latest loaded day is D or later. */
  readonly expectThrough?: string;
  /** Today (UTC, YYYY-MM-DD) for [CHECKS] MAX_AGE_DAYS; defaults to the clock. */
  readonly today?: string;
  /** With `days`: reload every song file instead of only the new ones (`etl --full-songs`). */
  readonly fullSongs?: boolean;
  /** Called as each step starts and ends, for progress displays. */
  readonly onStep?: (step: StepName, result?: StepResult) => void;
  /** Called as the transform fills each star table. */
  readonly onTransformTable?: (table: TransformTableResult) => void;
}

const STEPS: readonly StepName[] = ['load staging', 'transform', 'checks', 'publish'];

/**
/**
 * The whole job, as etl.py does it plus write-audit-publish: load staging, build the star tables into
 * the audit schema (transform), run every data-quality check against that result, and only then
 * publish it atomically. A failing check publishes nothing and leaves the result in the audit schema.
 * Each step commits whole or not at all; the runner reports a status per step instead of
 * throwing half way (a failing step's error is in the result, and the steps after it are skipped).
 * Every run that gets the run lock is recorded in sparkify_runs.
 */
export async function runEtl(warehouse: Warehouse, config: DwhConfig, options: EtlOptions): Promise<EtlResult> {
  const days = options.days === undefined ? undefined : [...new Set(options.days)].sort();
  const run = days === undefined ? { mode: 'full' as const, partitions: [] } : { mode: 'partition' as const, partitions: days };
  const partitions = days?.map((day) => partitionFor(config.s3.logData, config.s3.logPartition, day));
  // One run that writes at a time per warehouse: a second one waits or fails here, before any step
  // (and before it is recorded, so it never marks the live run's history row as abandoned).
  return withRunLock(warehouse, 'etl', 'exclusive', () =>
    recordRun(warehouse, run, options.logger, () => runSteps(warehouse, config, { ...options, partitions }), describeRun),
  );
}

type StepOptions = EtlOptions & { readonly partitions: readonly Partition[] | undefined };

async function runSteps(warehouse: Warehouse, config: DwhConfig, options: StepOptions): Promise<EtlResult> {
  const steps: StepResult[] = [];
  let error: Error | undefined;
  for (const step of STEPS) {
    if (error) {
      steps.push({ step, status: 'skipped', elapsedMs: 0, rows: {} });
      continue;
    }
    options.onStep?.(step);
    const started = performance.now();
    let result: StepResult;
    try {
      result = { step, status: 'succeeded', ...(await runStep(step, warehouse, config, options, steps)), elapsedMs: performance.now() - started };
    } catch (caught) {
      error = caught instanceof Error ? caught : new Error(String(caught));
      const checks = caught instanceof DataQualityError || caught instanceof OperationalCheckError ? caught.results : undefined;
      const operational = (caught as { operational?: readonly OperationalCheck[] }).operational;
      result = {
        step,
        status: 'failed',
        elapsedMs: performance.now() - started,
        rows: {},
        error,
        ...(checks ? { checks } : {}),
        ...(operational ? { operational } : {}),
      };
    }
    steps.push(result);
    options.onStep?.(step, result);
  }
  return { steps, error };
}

async function runStep(
  step: StepName,
  warehouse: Warehouse,
  config: DwhConfig,
  options: StepOptions,
  done: readonly StepResult[],
): Promise<Omit<StepResult, 'step' | 'status' | 'elapsedMs'>> {
  const earlier = (name: StepName) => done.find((s) => s.step === name);
  switch (step) {
    case 'load staging': {
      const { partitions, fullSongs, ...rest } = options;
      const adapter = dialectAdapter(warehouse.dialect);
      await ensureManifestTable(warehouse, adapter.ddl);
      // Partition runs on the product's own loader load only new song files; a full refresh reloads
      // them all and forgets the manifest, so the next partition run rescans once.
      const songManifest = partitions && adapter.ownStagingLoader ? { songManifest: { full: fullSongs === true } } : {};
      if (!partitions) await forgetManifest(warehouse);
      const loaded = await loadStaging(warehouse, config, { ...rest, ...(partitions ? { partitions } : {}), ...songManifest });
      const dayEvents = loaded.partitionEvents ?? (await eventsPerDayInStaging(warehouse));
      return {
        rows: Object.fromEntries(loaded.tables.map((t) => [t.table, t.rows])),
        rejected: loaded.tables.reduce((n, t) => n + t.rejected.length, 0),
        dayEvents,
        ...(loaded.songFiles ? { songFiles: loaded.songFiles } : {}),
      };
    }
    case 'transform':
      return { rows: await runTransform(warehouse, { logger: options.logger, onTable: options.onTransformTable }) };
    case 'checks': {
      // A full refresh's load counted every day already; a partition run's counted only its own days.
      const loadedDayEvents = options.partitions ? undefined : earlier('load staging')?.dayEvents;
      const operational = operationalChecks({
        eventsPerDay: loadedDayEvents ?? (await eventsPerDayInStaging(warehouse)),
        loadedDays: options.partitions?.map((p) => p.day) ?? [],
        ...(options.expectThrough !== undefined ? { expectThrough: options.expectThrough } : {}),
        checks: config.checks,
        today: options.today ?? new Date().toISOString().slice(0, 10),
      });
      // The logger says `warning:` itself; a failing error-severity check says so too.
      for (const check of operational.filter((c) => !c.passed))
        options.logger.warn(`${check.severity === 'error' ? 'FAILED: ' : ''}${check.name}: ${check.detail}`);
      const checks = await runChecks(warehouse, dataChecks(STAR_TABLES, AUDIT_SCHEMA), dialectAdapter(warehouse.dialect));
      try {
        assertChecksPassed(checks, AUDIT_SCHEMA);
        const errors = operational.filter((c) => !c.passed && c.severity === 'error');
        if (errors.length > 0) throw new OperationalCheckError(errors, checks);
      } catch (error) {
        if (error instanceof DataQualityError || error instanceof OperationalCheckError) Object.assign(error, { operational });
        throw error;
      }
      return { rows: {}, checks, operational };
    }
    case 'publish':
      return { rows: await publishStar(warehouse, { logger: options.logger, built: earlier('transform')?.rows ?? {} }) };
  }
}

/** What the run history keeps of a run: rows loaded and published (or built, if it stopped before publishing), rejects, checks, error. */
function describeRun(result: EtlResult): RunEnd {
  const step = (name: StepName) => result.steps.find((s) => s.step === name);
  const published = step('publish');
  const starRows = published?.status === 'succeeded' ? published.rows : (step('transform')?.rows ?? {});
  return {
    status: result.error ? 'failed' : 'succeeded',
    rows: { ...step('load staging')?.rows, ...starRows },
    rejects: step('load staging')?.rejected ?? 0,
    dayEvents: step('load staging')?.dayEvents ?? {},
    checks: [
      ...(step('checks')?.operational ?? []).map((c) => ({
        name: `${c.name} (${c.detail})`,
        severity: c.severity,
        passed: c.passed,
        failingRows: c.passed ? 0 : 1,
      })),
      ...(step('checks')?.checks ?? []).map((c) => ({ name: c.name, severity: 'error' as const, passed: c.passed, failingRows: c.failingRows })),
    ],
    error: result.error?.message,
  };
}

async function eventsPerDayInStaging(warehouse: Warehouse): Promise<Record<string, number>> {
  const { rows } = await warehouse.query<{ day: string; events: number }>(loadSql('load/events_per_day'), [], 'events per day');
  return Object.fromEntries(rows.map((row) => [row.day, Number(row.events)]));
}

/** An error-severity freshness check failed: nothing is published. */
export class OperationalCheckError extends SparkifyError {
  readonly failed: readonly OperationalCheck[];
  /** The data checks' results (they passed). */
  readonly results: readonly CheckResult[];
  constructor(failed: readonly OperationalCheck[], results: readonly CheckResult[]) {
    super('FRESHNESS_FAILED', `${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}. Nothing was published.`);
    this.failed = failed;
    this.results = results;
  }
}
