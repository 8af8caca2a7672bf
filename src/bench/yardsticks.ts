import type { DataSources } from '../pipeline/sources.ts';

export interface YardstickMeasurement {
  readonly elapsedMs: number;
  readonly peakRssBytes: number;
}

/**
 * Another ETL of the same semantics measured beside ours on each dataset (say a one-process DuckDB
 * ETL). Each yardstick is optional: `run` returns undefined when what it needs is not installed, and
 * the bench leaves its column empty.
 */
export interface Yardstick {
  /** The column's name in the report, e.g. `duckdb`. */
  readonly name: string;
  run(sources: DataSources): Promise<YardstickMeasurement | undefined>;
}

/**
 * The yardsticks `sparkify bench` runs after the floor, in this order. Register new ones here; a
 * process-based one fits as it is, e.g. `{ name: 'duckdb', run: (s) => timeDuckDbProcess(s, options) }`
 * (its wall time and peak RSS; undefined when DuckDB is not installed).
 */
export const YARDSTICKS: readonly Yardstick[] = [];
