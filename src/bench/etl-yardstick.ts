import { countRows } from '../warehouse/count-rows.ts';
import { STAGING_TABLES, STAR_TABLES } from '../schema/tables.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { timeDuckDbProcess, YardstickError, type DuckDbEtlResult, type DuckDbProcessOptions } from './duckdb-etl.ts';
import { median } from '../stats.ts';
import { comparePaired, runNodeMeasured, type PairedComparison } from './startup.ts';

export interface EtlYardstickOptions {
  /** The warehouse `sparkify etl` runs on, already open (for the embedded engine: its server is up). */
  readonly warehouse: Warehouse;
  /** node arguments of our whole ETL process, e.g. [bin, 'etl', '--config', file, '--json']. */
  readonly ours: readonly string[];
  /** The one-process DuckDB ETL's folders and process options (timeDuckDbProcess). */
  readonly duckdb: { readonly sources: { readonly songData: string; readonly logData: string }; readonly process: DuckDbProcessOptions };
  readonly runs: number;
  readonly cwd?: string;
}

export interface EtlYardstickMeasurement extends PairedComparison {
  /** Median time of each of our steps (load staging, transform, checks) over the runs. */
  readonly stepMedianMs: Readonly<Record<string, number>>;
  /** Median of DuckDB's own stages (inside its process). */
  readonly duckdbStageMedianMs: Readonly<Record<'load' | 'transform' | 'checks', number>>;
  /** The largest peak RSS of each side's processes. */
  readonly peakRssBytes: number;
  readonly duckdbPeakRssBytes: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly duckdbRows: Readonly<Record<string, number>>;
  /** Tables whose row counts differ between the two, and DuckDB's failed checks: empty when both agree. */
  readonly mismatches: readonly string[];
}

/**
 * Our whole `etl` process against the one-process DuckDB ETL of the same semantics, run alternately
 * (paired medians), then the row counts of every table compared.
 */
export async function measureEtlAgainstDuckDb(options: EtlYardstickOptions): Promise<EtlYardstickMeasurement> {
  const steps: Record<string, number[]> = {};
  const duckdbStages = { load: [] as number[], transform: [] as number[], checks: [] as number[] };
  let duckdb: DuckDbEtlResult | undefined;
  const peak = { ours: 0, duckdb: 0 };
  const ours = async () => {
    const run = await runNodeMeasured(options.ours, { cwd: options.cwd });
    peak.ours = Math.max(peak.ours, run.peakRssBytes);
    if (run.code !== 0) throw new Error(`sparkify etl exited with code ${run.code}: ${run.stderr.trim().slice(-1000)}`);
    const json = JSON.parse(run.stdout) as { steps: { step: string; elapsedMs: number }[] };
    for (const step of json.steps) (steps[step.step] ??= []).push(step.elapsedMs);
    return run.elapsedMs;
  };
  const theirs = async () => {
    const run = await timeDuckDbProcess(options.duckdb.sources, options.duckdb.process);
    if (!run) throw new YardstickError('DuckDB is not installed (npm run bench -- --duckdb installs it)');
    peak.duckdb = Math.max(peak.duckdb, run.peakRssBytes);
    duckdb = run.result;
    duckdbStages.load.push(duckdb.loadMs);
    duckdbStages.transform.push(duckdb.transformMs);
    duckdbStages.checks.push(duckdb.checksMs);
    return run.elapsedMs;
  };
  const comparison = await comparePaired(ours, theirs, options.runs);
  const rows = Object.fromEntries((await countRows(options.warehouse, [...STAGING_TABLES, ...STAR_TABLES])).map((count) => [count.table, count.rows]));
  const duckdbRows = duckdb!.rows;
  const mismatches = [
    ...Object.keys(rows)
      .filter((table) => rows[table] !== duckdbRows[table])
      .map((table) => `${table}: ours ${rows[table]}, DuckDB ${duckdbRows[table] ?? 'missing'}`),
    ...duckdb!.failedChecks.map((check) => `DuckDB failed the check ${check}`),
  ];
  return {
    ...comparison,
    stepMedianMs: Object.fromEntries(Object.entries(steps).map(([step, times]) => [step, median(times)])),
    duckdbStageMedianMs: { load: median(duckdbStages.load), transform: median(duckdbStages.transform), checks: median(duckdbStages.checks) },
    peakRssBytes: peak.ours,
    duckdbPeakRssBytes: peak.duckdb,
    rows,
    duckdbRows,
    mismatches,
  };
}
