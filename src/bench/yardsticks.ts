import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSources } from '../pipeline/sources.ts';
import { timeDuckDbProcess } from './duckdb-etl.ts';

export interface YardstickMeasurement {
  readonly elapsedMs: number;
  readonly peakRssBytes: number;
}

export interface YardstickOptions {
  /** DuckDB's worker threads; 0 for DuckDB's own default (one per core). */
  readonly duckDbThreads: number;
}

/**
 * Another ETL of the same semantics measured beside ours on each dataset (say a one-process DuckDB
 * ETL). Each yardstick is optional: `run` returns undefined when what it needs is not installed, and
 * the bench leaves its column empty.
 */
export interface Yardstick {
  /** The column's name in the report, e.g. `duckdb`. */
  readonly name: string;
  run(sources: DataSources, options: YardstickOptions): Promise<YardstickMeasurement | undefined>;
}

/**
 * The one-process DuckDB ETL of the same semantics (duckdb-etl.ts), run as a process of its own with
 * `--duckdb-threads` threads (one by default, see its help for why): its wall time and the kernel's peak RSS. Undefined
 * when DuckDB is not installed (`npm run bench -- --duckdb` installs it).
 */
const duckDb: Yardstick = {
  name: 'duckdb',
  run: async (sources, options) => {
    const databaseFile = path.join(os.tmpdir(), `sparkify-yardstick-${process.pid}.duckdb`);
    try {
      const measured = await timeDuckDbProcess(sources, { databaseFile, ...(options.duckDbThreads > 0 ? { threads: options.duckDbThreads } : {}) });
      return measured && { elapsedMs: measured.elapsedMs, peakRssBytes: measured.peakRssBytes };
    } finally {
      await Promise.all([rm(databaseFile, { force: true }), rm(`${databaseFile}.wal`, { force: true })]);
    }
  },
};

/** The yardsticks `sparkify bench` runs after the floor on each dataset, in this order. Register new ones here. */
export const YARDSTICKS: readonly Yardstick[] = [duckDb];
