import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DwhConfig } from '../config/types.ts';
import { dialectAdapter } from '../dialect/index.ts';
import type { Logger } from '../logger.ts';
import { AUDIT_SCHEMA } from '../models/write-audit-publish.ts';
import { assertChecksPassed, dataChecks, runChecks } from '../pipeline/checks.ts';
import { createTables } from '../pipeline/create-tables.ts';
import { loadStaging } from '../pipeline/load-staging.ts';
import { publishStar, runTransform } from '../pipeline/transform.ts';
import { STAGING_TABLES, STAR_TABLES } from '../schema/tables.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { kernelPeakRss, measurePeakRss, resetPeakRss } from './memory.ts';
import { readAndParseAll, warmPageCache } from './read-parse-floor.ts';
import { YARDSTICKS, type YardstickMeasurement, type YardstickOptions } from './yardsticks.ts';

export interface StageMeasurement {
  readonly stage: 'floor: read+parse files' | 'staging load' | 'transform' | 'checks' | 'publish' | 'floor: plain COPY of CSV' | 'floor: transform';
  readonly elapsedMs: number;
  readonly rows: number;
  readonly peakRssBytes: number;
}

export interface DatasetMeasurement {
  readonly dataset: string;
  readonly inputBytes: number;
  readonly stages: readonly StageMeasurement[];
  /** Our staging load's time over the plain-COPY floor's, measured side by side on one server. */
  readonly stagingRatio: number;
  readonly transformRatio: number;
  /** Our whole ETL: staging load + transform + checks. */
  readonly etlMs: number;
  /** read+parse every file + plain COPY of the same rows + the same transform SQL alone. */
  readonly floorSumMs: number;
  /** etlMs / floorSumMs. */
  readonly etlRatio: number;
  /** Our staging load over read+parse + plain COPY. */
  readonly loadRatio: number;
  /** The process's peak resident memory during our ETL (the kernel's VmHWM where there is one). */
  readonly peakRssBytes: number;
  /** Other ETLs of the same data measured in the same run (yardsticks.ts), by name. */
  readonly yardsticks: Record<string, YardstickMeasurement>;
}

/**
 * Runs the full ETL on one dataset, stage by stage, and the floor in the same run: every file read and
 * parsed (after an untimed pass that warms the page cache for both sides), then on the same server the
 * rows our loader stored, exported as CSV and loaded back with a plain `COPY ... FROM STDIN`, and the
 * same transform SQL again. Then the yardsticks, if any are registered and installed.
 */
export async function measureDataset(
  warehouse: Warehouse,
  config: DwhConfig,
  dataset: string,
  workDir: string,
  logger: Logger,
  yardstickOptions: YardstickOptions,
): Promise<DatasetMeasurement> {
  await createTables(warehouse, { logger });
  const stages: StageMeasurement[] = [];

  // An untimed pass first, so that our load and the read+parse floor (timed after it) both read from
  // a warm page cache: the first reader of a large set of small files pays the disk for both.
  const folders = [config.s3.logData, config.s3.songData];
  warmPageCache(folders);

  const kernelPeak = resetPeakRss();
  const load = await measurePeakRss(() => loadStaging(warehouse, config, { logger }));
  const stagedRows = load.result.tables.reduce((n, t) => n + t.rows, 0);
  stages.push({ stage: 'staging load', elapsedMs: load.elapsedMs, rows: stagedRows, peakRssBytes: load.peakRssBytes });

  const transform = await measurePeakRss(() => runTransform(warehouse, { logger }));
  stages.push({ stage: 'transform', elapsedMs: transform.elapsedMs, rows: sum(Object.values(transform.result)), peakRssBytes: transform.peakRssBytes });

  const checks = await measurePeakRss(async () =>
    assertChecksPassed(await runChecks(warehouse, dataChecks(STAR_TABLES, AUDIT_SCHEMA), dialectAdapter(warehouse.dialect))),
  );
  stages.push({ stage: 'checks', elapsedMs: checks.elapsedMs, rows: 0, peakRssBytes: checks.peakRssBytes });
  const publish = await measurePeakRss(() => publishStar(warehouse, { logger, built: transform.result }));
  stages.push({ stage: 'publish', elapsedMs: publish.elapsedMs, rows: sum(Object.values(publish.result)), peakRssBytes: publish.peakRssBytes });

  const sampledPeak = Math.max(load.peakRssBytes, transform.peakRssBytes, checks.peakRssBytes, publish.peakRssBytes);
  const peakRssBytes = (kernelPeak ? kernelPeakRss() : undefined) ?? sampledPeak;

  const readParse = await measurePeakRss(async () => readAndParseAll(folders));
  // Listed first: it is the first part of the floor.
  stages.unshift({ stage: 'floor: read+parse files', elapsedMs: readParse.elapsedMs, rows: readParse.result.records, peakRssBytes: readParse.peakRssBytes });

  const csvDir = path.join(workDir, 'floor-csv');
  await mkdir(csvDir, { recursive: true });
  const csvFiles = await exportStagingCsv(warehouse, csvDir);
  const floorLoad = await measurePeakRss(() => copyCsvIntoStaging(warehouse, csvFiles));
  stages.push({ stage: 'floor: plain COPY of CSV', elapsedMs: floorLoad.elapsedMs, rows: floorLoad.result, peakRssBytes: floorLoad.peakRssBytes });
  const floorTransform = await measurePeakRss(() => runTransform(warehouse, { logger }));
  stages.push({
    stage: 'floor: transform',
    elapsedMs: floorTransform.elapsedMs,
    rows: sum(Object.values(floorTransform.result)),
    peakRssBytes: floorTransform.peakRssBytes,
  });
  await rm(csvDir, { recursive: true, force: true });

  const yardsticks: Record<string, YardstickMeasurement> = {};
  for (const yardstick of YARDSTICKS) {
    const measured = await yardstick.run({ logData: config.s3.logData, logJsonPath: config.s3.logJsonPath, songData: config.s3.songData }, yardstickOptions);
    if (measured) yardsticks[yardstick.name] = measured;
  }

  const etlMs = load.elapsedMs + transform.elapsedMs + checks.elapsedMs + publish.elapsedMs;
  const floorSumMs = readParse.elapsedMs + floorLoad.elapsedMs + floorTransform.elapsedMs;
  return {
    dataset,
    inputBytes: load.result.tables.reduce((n, t) => n + t.bytes, 0),
    stages,
    stagingRatio: load.elapsedMs / floorLoad.elapsedMs,
    transformRatio: transform.elapsedMs / floorTransform.elapsedMs,
    etlMs,
    floorSumMs,
    etlRatio: etlMs / floorSumMs,
    loadRatio: load.elapsedMs / (readParse.elapsedMs + floorLoad.elapsedMs),
    peakRssBytes,
    yardsticks,
  };
}

async function exportStagingCsv(warehouse: Warehouse, dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await warehouse.withSession(async (session) => {
    for (const table of STAGING_TABLES) {
      const file = path.join(dir, `${table.name}.csv`);
      await pipeline(session.copyOut!(loadSql('bench/copy_out_csv', { identifiers: { table: table.name } })), createWriteStream(file));
      files.set(table.name, file);
    }
  });
  return files;
}

/** The floor gets the same advantages as our loader: one transaction, TRUNCATE first (no WAL), ANALYZE after. */
async function copyCsvIntoStaging(warehouse: Warehouse, files: Map<string, string>): Promise<number> {
  let rows = 0;
  await warehouse.transaction(async (session) => {
    for (const [table, file] of files) {
      await session.query(loadSql('load/truncate_table', { identifiers: { table } }));
      const copy = session.copyIn!(loadSql('bench/copy_in_csv', { identifiers: { table } }));
      await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
      rows += (copy as unknown as { rowCount: number }).rowCount;
      await session.query(loadSql('materialize/analyze_table', { tables: { table } }));
    }
  });
  return rows;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
