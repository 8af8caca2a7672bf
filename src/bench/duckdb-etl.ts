import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { distIsCurrent } from '../../scripts/build-state.js';
import { promisify } from 'node:util';
import { projectRoot } from '../config/discover.ts';
import { dialectSqlText } from '../dialect/sql-text.ts';
import { SparkifyError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { dataChecks } from '../pipeline/checks.ts';
import { STAGING_TABLES, STAR_TABLES } from '../schema/tables.ts';
import { loadSql, readSql } from '../sql/sql-files.ts';
import type { SqlName } from '../sql/generated/sql-files.ts';
import { runNodeMeasured } from './startup.ts';
import { tsxLoaderUrl } from '../run/tsx.ts';

/**
 * The DuckDB yardstick of `npm run bench`: the same ETL (staging from the JSON files, the star tables
 * from the same models, the same data-quality checks) in one process on DuckDB. Not a dependency: it
 * is installed on demand, pinned, into .sparkify/yardstick (the project's node_modules and lock file
 * are left alone).
 */
export const DUCKDB_PACKAGE = '@duckdb/node-api';
export const DUCKDB_VERSION = '1.5.6-r.1';

export class YardstickError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YARDSTICK', message, options);
  }
}

/** The parts of @duckdb/node-api the yardstick uses. */
interface DuckDbApi {
  DuckDBInstance: { create(file?: string, options?: Record<string, string>): Promise<DuckDbInstance> };
}
interface DuckDbInstance {
  connect(): Promise<DuckDbConnection>;
  closeSync(): void;
}
interface DuckDbConnection {
  run(sql: string, values?: unknown[]): Promise<unknown>;
  runAndReadAll(sql: string, values?: unknown[]): Promise<{ getRowObjects(): Record<string, unknown>[] }>;
  closeSync(): void;
}

/** Where the yardstick's DuckDB is installed: <project>/.sparkify/yardstick. */
export function yardstickDir(root = projectRoot()): string {
  return path.join(root, '.sparkify', 'yardstick');
}

function installedEntry(dir: string): string {
  return path.join(dir, 'node_modules', ...DUCKDB_PACKAGE.split('/'), 'lib', 'index.js');
}

/** True when the pinned DuckDB is installed in `dir`. */
export function duckDbInstalled(dir = yardstickDir()): boolean {
  return existsSync(installedEntry(dir));
}

/** Installs the pinned @duckdb/node-api into `dir` from the npm registry (npm install --prefix, nothing saved). */
export async function installDuckDb(dir = yardstickDir(), logger?: Logger): Promise<void> {
  logger?.info(`installing ${DUCKDB_PACKAGE}@${DUCKDB_VERSION} into ${dir} (the DuckDB yardstick; not a project dependency)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    await promisify(execFile)(
      npm,
      ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${DUCKDB_PACKAGE}@${DUCKDB_VERSION}`],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    throw new YardstickError(
      `could not install ${DUCKDB_PACKAGE}@${DUCKDB_VERSION} into ${dir}: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (!duckDbInstalled(dir)) throw new YardstickError(`npm installed ${DUCKDB_PACKAGE} into ${dir} but ${installedEntry(dir)} is missing`);
}

async function importDuckDb(dir: string): Promise<DuckDbApi> {
  if (!duckDbInstalled(dir)) throw new YardstickError(`${DUCKDB_PACKAGE} is not installed in ${dir}: run npm run bench -- --duckdb (it installs it)`);
  return (await import(pathToFileURL(installedEntry(dir)).href)) as DuckDbApi;
}

export interface DuckDbEtlOptions {
  /** The DuckDB database file, replaced by the run (default: in memory). */
  readonly databaseFile?: string;
  /** Where DuckDB is installed (default: yardstickDir()). */
  readonly installDir?: string;
  /** DuckDB's worker threads (default: DuckDB's own, one per core). */
  readonly threads?: number;
}

export interface DuckDbEtlResult {
  /** Rows of every staging and star table, by table name. */
  readonly rows: Readonly<Record<string, number>>;
  readonly loadMs: number;
  readonly transformMs: number;
  readonly checksMs: number;
  /** The data-quality checks that found rows (none when the result is as ours). */
  readonly failedChecks: readonly string[];
}

/**
 * One DuckDB ETL of the same semantics as ours: staging_events from every file under `logData`,
 * staging_songs from every file under `songData`, the six star tables from the models in
 * sql/transform/ (with Redshift's text for their byte-order placeholders, none: DuckDB compares text by
 * bytes, as the C collation does), then every data-quality check of sql/checks/.
 */
export async function duckDbEtl(songData: string, logData: string, options: DuckDbEtlOptions = {}): Promise<DuckDbEtlResult> {
  const duckdb = await importDuckDb(options.installDir ?? yardstickDir());
  const file = options.databaseFile ?? ':memory:';
  if (options.databaseFile) await Promise.all([rm(file, { force: true }), rm(`${file}.wal`, { force: true })]);
  const instance = await duckdb.DuckDBInstance.create(file, options.threads === undefined ? undefined : { threads: String(options.threads) });
  const connection = await instance.connect();
  try {
    let started = performance.now();
    await connection.run(readSql('bench/duckdb/create_blank_as_null'));
    await connection.run(loadSql('bench/duckdb/load_staging_events', { literals: { files: path.join(logData, '**', '*') } }));
    await connection.run(loadSql('bench/duckdb/load_staging_songs', { literals: { files: path.join(songData, '**', '*') } }));
    const loadMs = performance.now() - started;

    started = performance.now();
    for (const table of STAR_TABLES) {
      // DuckDB compares text by bytes, as Redshift does: the models' byte_order placeholders take Redshift's (empty) text.
      const model = loadSql(`transform/${table.name}` as SqlName, { dialect: dialectSqlText('redshift') });
      await connection.run(loadSql('bench/duckdb/create_table_as', { identifiers: { table: table.name }, fragments: { model } }));
    }
    const transformMs = performance.now() - started;

    started = performance.now();
    const failedChecks: string[] = [];
    for (const check of dataChecks()) {
      const reader = await connection.runAndReadAll(loadSql('checks/count_failing', { fragments: { check: check.sql } }), [...check.values]);
      if (Number(reader.getRowObjects()[0]!.failing) > 0) failedChecks.push(check.name);
    }
    const checksMs = performance.now() - started;

    const rows: Record<string, number> = {};
    for (const table of [...STAGING_TABLES, ...STAR_TABLES]) {
      const reader = await connection.runAndReadAll(loadSql('common/count_rows', { identifiers: { table: table.name } }));
      rows[table.name] = Number(reader.getRowObjects()[0]!.row_count);
    }
    return { rows, loadMs, transformMs, checksMs, failedChecks };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface DuckDbProcessOptions {
  /** The DuckDB database file the process writes (replaced each run). */
  readonly databaseFile: string;
  /** DuckDB's worker threads (default: DuckDB's own). */
  readonly threads?: number;
}

/** node arguments that run duckDbEtl as a process of its own: the compiled entry when dist/ is current, else the source through tsx. */
export function duckDbProcessArgs(songData: string, logData: string, options: DuckDbProcessOptions): string[] {
  const root = projectRoot();
  const entry = distIsCurrent(path.join(root, 'src'), path.join(root, 'dist'))
    ? [path.join(root, 'dist', 'bench', 'duckdb-etl-process.js')]
    : ['--import', tsxLoaderUrl(), path.join(root, 'src', 'bench', 'duckdb-etl-process.ts')];
  return [...entry, songData, logData, options.databaseFile, ...(options.threads === undefined ? [] : [String(options.threads)])];
}

/**
 * The DuckDB ETL as a whole process (start-up included), on any dataset: wall time, the process's peak
 * RSS and its result (row counts, stage times); undefined when DuckDB is not installed.
 */
export async function timeDuckDbProcess(
  sources: { readonly songData: string; readonly logData: string },
  options: DuckDbProcessOptions,
): Promise<{ elapsedMs: number; peakRssBytes: number; result: DuckDbEtlResult } | undefined> {
  if (!duckDbInstalled()) return undefined;
  const run = await runNodeMeasured(duckDbProcessArgs(sources.songData, sources.logData, options));
  if (run.code !== 0) throw new YardstickError(`the DuckDB ETL exited with code ${run.code}: ${run.stderr.trim().slice(-1000)}`);
  return { elapsedMs: run.elapsedMs, peakRssBytes: run.peakRssBytes, result: JSON.parse(run.stdout) as DuckDbEtlResult };
}
