import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { BenchDataset } from '../../bench/datasets.ts';
import type { EtlYardstickMeasurement } from '../../bench/etl-yardstick.ts';
import type { DatasetMeasurement } from '../../bench/measure-dataset.ts';
import type { StartupMeasurement } from '../../bench/startup.ts';
import { projectRoot } from '../../config/discover.ts';
import { ensureScaledPublic, publicDataset } from '../../bench/scaled-public.ts';
import { parseConfig } from '../../config/load.ts';
import { sharedDataRoot, sourcesUnder, withSources } from '../../pipeline/sources.ts';
import { integerFlag, UsageError } from '../args.ts';
import type { CommandContext, CommandModule } from '../context.ts';
import { formatBytes, formatDuration, formatTable } from '../format.ts';
import { distIsCurrent } from '../../../scripts/build-state.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/sparkify.js', import.meta.url));
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
/** The public data scaled x16 (129k events in 238k one-song files): the real catalog's shape, at a size a default run affords. */
const DEFAULT_SCALES = [16];
/** The largest --scale: x10,000 of the public data is ~150M one-song files. */
const MAX_SCALE = 10_000;
const HUGE_SIZE = 10_000_000;
/** Its own embedded server, on a port of its own, so a bench never meets the main warehouse's server. */
const DEFAULT_BENCH_PORT = 54339;
/** Alternating runs of each side for the start-up and DuckDB comparisons (medians of these). */
const DEFAULT_RUNS = 7;

export const command: CommandModule = {
  summary: 'benchmark start-up, the ETL against DuckDB, and the ETL on growing datasets against the plain-COPY floor (npm run bench)',
  usage: [
    'sparkify bench [--sizes 10000,100000,1000000|0] [--scale 16,124] [--huge] [--no-real] [--cache-dir DIR] [--duckdb] [--duckdb-threads N] [--runs N] [--yardstick-only] [--port N] [--out FILE] [--json]',
    '',
    'First `sparkify --help` against `node -e 0` (time and peak memory), then, on the public data, the whole',
    '`sparkify etl` process (embedded server already up) against a one-process DuckDB ETL of the same',
    'semantics, run alternately; both print paired medians and ratios. Then each dataset in a process of',
    'its own, on a fresh embedded server whose data lives in .sparkify/bench beside the config (the',
    'project folder by default), against the plain-COPY floor.',
    '',
    '  --huge              also 10,000,000 events',
    '  --no-real           skip the public data in ../shared/data/sparkify (and its scaled copies)',
    "  --scale N,M         the public data scaled xN with one song per file, the real catalog's shape (default 16;",
    '                      124 gives ~1M events in ~1.85M files; 0 for none)',
    '  --cache-dir DIR     where scaled copies are written once and reused (default: BENCH_DIR, else',
    `                      ${path.join(tmpdir(), 'sparkify-bench')})`,
    `  --duckdb            install the DuckDB yardstick (@duckdb/node-api, into .sparkify/yardstick) if missing; without it the`,
    '                      comparison runs only when it is installed',
    "  --duckdb-threads N  DuckDB's worker threads (default 1: with one per core, 14,896 one-song files took it 4-6x longer",
    "                      and 1.9 GB on the 2-core build machine); 0 for DuckDB's own default",
    `  --runs N            alternating runs of each side in the start-up and DuckDB comparisons (default ${DEFAULT_RUNS})`,
    '  --yardstick-only    only the start-up and DuckDB comparisons (no datasets against the floor)',
    `  --port N            the bench server's port (default: SPARKIFY_WAREHOUSE_PORT when set, else ${DEFAULT_BENCH_PORT})`,
  ].join('\n'),
  flags: {
    values: ['sizes', 'scale', 'cache-dir', 'out', 'measure', 'label', 'port', 'runs', 'duckdb-threads'],
    booleans: ['huge', 'no-real', 'duckdb', 'yardstick-only'],
  },
  async run(context) {
    const port = benchPort(context);
    if (typeof context.args.flags.measure === 'string') return measureOne(context, context.args.flags.measure, port);
    const yardstickOnly = context.args.flags['yardstick-only'] === true;
    const sizes = yardstickOnly ? [] : parseCounts('--sizes', context.args.flags.sizes, DEFAULT_SIZES);
    const scales = yardstickOnly ? [] : parseCounts('--scale', context.args.flags.scale, DEFAULT_SCALES, MAX_SCALE);
    if (context.args.flags.huge && !yardstickOnly) sizes.push(HUGE_SIZE);
    const runs = integerFlag(context.args, 'runs', DEFAULT_RUNS, 1);
    const benchDir = path.resolve(context.config().baseDir, '.sparkify/bench');
    const real = sharedDataRoot();
    const useReal = real !== undefined && !context.args.flags['no-real'];
    const compiled = distIsCurrent(path.join(projectRoot(), 'src'), path.join(projectRoot(), 'dist'));
    if (!compiled) context.logger.warn('dist/ does not match src/: start-up is measured through tsx, not the compiled CLI (npm run build)');

    context.logger.info(`measuring start-up: sparkify --help against node -e 0, ${runs} runs each...`);
    const { measureStartup } = await import('../../bench/startup.ts');
    const startup = await measureStartup(BIN, ['--help'], { runs, cwd: context.cwd });
    context.print(`start-up${compiled ? '' : ' (THROUGH TSX: dist/ is out of date)'}\n${formatStartup(startup)}\n`);

    // DuckDB's threads, the same in the public-data comparison and in each dataset's yardstick column.
    const threads = integerFlag(context.args, 'duckdb-threads', 1, 0);
    let yardstick: EtlYardstickMeasurement | undefined;
    if (useReal) {
      yardstick = await duckDbYardstick(context, { root: real, benchDir, port, runs, threads, install: context.args.flags.duckdb === true });
      if (yardstick) {
        context.print(`whole etl process on the public data (server up) against DuckDB, ${runs} alternating runs\n${formatYardstick(yardstick)}\n`);
        if (yardstick.mismatches.length > 0) {
          context.logger.error(`ROW COUNTS DIFFER between our ETL and DuckDB's:\n  ${yardstick.mismatches.join('\n  ')}`);
          context.print(`ROW COUNTS DIFFER: ${yardstick.mismatches.join('; ')}\n`);
        }
      }
    }

    const datasets: BenchDataset[] = [];
    if (useReal && !yardstickOnly) {
      datasets.push(publicDataset(real));
      const cacheDir = benchCacheDir(context);
      for (const factor of scales) datasets.push(await ensureScaledPublic(cacheDir, real, factor, context.logger));
    }
    const { ensureGenerated } = await import('../../bench/datasets.ts');
    for (const size of sizes) datasets.push(await ensureGenerated(benchDir, size, context.logger));

    const results: (DatasetMeasurement & { events?: number; songs?: number })[] = [];
    for (const dataset of datasets) {
      context.logger.info(`measuring ${dataset.label} (${dataset.root})...`);
      // Each dataset in its own process, so each peak-memory figure is that dataset's alone.
      const { stdout } = await run(
        process.execPath,
        [BIN, 'bench', '--measure', dataset.root, '--label', dataset.label, '--port', String(port), '--duckdb-threads', String(threads), '--json'],
        {
          maxBuffer: 16 * 1024 * 1024,
          cwd: context.cwd,
        },
      );
      const measured = JSON.parse(stdout) as DatasetMeasurement & { ok?: boolean };
      delete measured.ok;
      results.push({ ...measured, events: dataset.events, songs: dataset.songs });
    }
    if (results.length > 0) {
      context.print(formatBenchTable(results));
      context.print('');
      context.print(formatRatioTable(results));
    }
    const out = path.resolve(
      context.cwd,
      typeof context.args.flags.out === 'string' ? context.args.flags.out : `bench-results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    await mkdir(path.dirname(out), { recursive: true });
    const report = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      compiled,
      startup,
      ...(yardstick ? { duckdb: yardstick } : {}),
      results,
    };
    await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
    context.print(`\nwritten to ${out}`);
    context.printJson(report);
    return 0;
  },
};

/** Child mode: one dataset, a fresh embedded server of its own, one JSON result on stdout. */
async function measureOne(context: CommandContext, root: string, port: number): Promise<number> {
  const benchDir = path.resolve(context.config().baseDir, '.sparkify/bench');
  const base = parseConfig(`[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${path.join(benchDir, 'pg')}\nPORT = ${port}\n`, { baseDir: benchDir });
  const config = withSources(base, sourcesUnder(root));
  const [{ openWarehouse }, { measureDataset }] = await Promise.all([import('../../warehouse/open.ts'), import('../../bench/measure-dataset.ts')]);
  const warehouse = await openWarehouse(config, { logger: context.logger });
  try {
    const label = typeof context.args.flags.label === 'string' ? context.args.flags.label : root;
    const measurement = await measureDataset(warehouse, config, label, benchDir, context.logger, {
      duckDbThreads: integerFlag(context.args, 'duckdb-threads', 1, 0),
    });
    // The parent runs this with --json and reads this one object.
    context.printJson(measurement);
  } finally {
    await warehouse.close();
  }
  return 0;
}

/**
 * The whole `sparkify etl` process on the public data, with the embedded server already up (this
 * process keeps it up), against the one-process DuckDB ETL; undefined when DuckDB is not installed
 * and --duckdb was not given.
 */
async function duckDbYardstick(
  context: CommandContext,
  options: { root: string; benchDir: string; port: number; runs: number; threads: number; install: boolean },
): Promise<EtlYardstickMeasurement | undefined> {
  const { duckDbInstalled, installDuckDb, yardstickDir } = await import('../../bench/duckdb-etl.ts');
  const installDir = yardstickDir();
  if (!duckDbInstalled(installDir)) {
    if (!options.install) {
      context.print('DuckDB yardstick: not installed (npm run bench -- --duckdb installs it into .sparkify/yardstick)\n');
      return undefined;
    }
    await installDuckDb(installDir, context.logger);
  }
  const [{ openWarehouse }, { createTables }, { measureEtlAgainstDuckDb }] = await Promise.all([
    import('../../warehouse/open.ts'),
    import('../../pipeline/create-tables.ts'),
    import('../../bench/etl-yardstick.ts'),
  ]);
  const sources = sourcesUnder(options.root);
  const configText = [
    '[WAREHOUSE]',
    'ENGINE = embedded',
    `DATA_DIR = ${path.join(options.benchDir, 'pg')}`,
    `PORT = ${options.port}`,
    '[S3]',
    `LOG_DATA = ${sources.logData}`,
    `LOG_JSONPATH = ${sources.logJsonPath}`,
    `SONG_DATA = ${sources.songData}`,
    '',
  ].join('\n');
  await mkdir(options.benchDir, { recursive: true });
  const configFile = path.join(options.benchDir, 'yardstick.cfg');
  await writeFile(configFile, configText);
  const config = parseConfig(configText, { baseDir: options.benchDir, file: configFile });
  context.logger.info(`measuring the whole etl process against DuckDB on the public data, ${options.runs} runs each...`);
  const warehouse = await openWarehouse(config, { logger: context.logger });
  try {
    await createTables(warehouse, { logger: context.logger });
    return await measureEtlAgainstDuckDb({
      warehouse,
      ours: [BIN, 'etl', '--config', configFile, '--json'],
      duckdb: {
        sources,
        process: { databaseFile: path.join(options.benchDir, 'yardstick.duckdb'), ...(options.threads > 0 ? { threads: options.threads } : {}) },
      },
      runs: options.runs,
      cwd: context.cwd,
    });
  } finally {
    await warehouse.close();
  }
}

function formatStartup(m: StartupMeasurement): string {
  return formatTable([
    {
      what: m.command,
      'median time': formatDuration(m.medianMs),
      'peak RSS': formatBytes(m.peakRssBytes),
      'x node -e 0 (paired median)': `${m.pairedRatio.toFixed(2)}x`,
    },
    {
      what: 'node -e 0',
      'median time': formatDuration(m.baselineMedianMs),
      'peak RSS': formatBytes(m.baselinePeakRssBytes),
      'x node -e 0 (paired median)': '',
    },
  ]);
}

function formatYardstick(m: EtlYardstickMeasurement): string {
  const step = (name: string) => (m.stepMedianMs[name] === undefined ? '' : formatDuration(m.stepMedianMs[name]!));
  const ours = Object.values(m.stepMedianMs).reduce((a, b) => a + b, 0);
  return formatTable([
    {
      what: 'sparkify etl (whole process)',
      'median time': formatDuration(m.medianMs),
      'peak RSS': formatBytes(m.peakRssBytes),
      load: step('load staging'),
      transform: step('transform'),
      checks: step('checks'),
      'start-up and the rest': formatDuration(Math.max(0, m.medianMs - ours)),
      'x DuckDB (paired median)': `${m.pairedRatio.toFixed(2)}x`,
    },
    {
      what: 'DuckDB, one process',
      'median time': formatDuration(m.baselineMedianMs),
      'peak RSS': formatBytes(m.duckdbPeakRssBytes),
      load: formatDuration(m.duckdbStageMedianMs.load),
      transform: formatDuration(m.duckdbStageMedianMs.transform),
      checks: formatDuration(m.duckdbStageMedianMs.checks),
      'start-up and the rest': formatDuration(
        Math.max(0, m.baselineMedianMs - m.duckdbStageMedianMs.load - m.duckdbStageMedianMs.transform - m.duckdbStageMedianMs.checks),
      ),
      'x DuckDB (paired median)': '',
    },
  ]);
}

function benchPort(context: CommandContext): number {
  const fromEnv = context.env.SPARKIFY_WAREHOUSE_PORT;
  const fallback = fromEnv === undefined || fromEnv === '' ? DEFAULT_BENCH_PORT : Number(fromEnv);
  if (!Number.isInteger(fallback) || fallback < 1 || fallback > 65535)
    throw new UsageError(`SPARKIFY_WAREHOUSE_PORT must be a port from 1 to 65535, got '${fromEnv}'`);
  const port = integerFlag(context.args, 'port', fallback, 1);
  if (port > 65535) throw new UsageError(`--port must be from 1 to 65535, got ${port}`);
  return port;
}

function benchCacheDir(context: CommandContext): string {
  const flag = context.args.flags['cache-dir'];
  if (typeof flag === 'string') return path.resolve(context.cwd, flag);
  const fromEnv = context.env.BENCH_DIR;
  return fromEnv ? path.resolve(context.cwd, fromEnv) : path.join(tmpdir(), 'sparkify-bench');
}

/**
 * A comma-separated list of whole numbers (`--sizes`, `--scale`): the defaults when the flag is absent,
 * 0s dropped (0 alone: none of that kind of dataset).
 */
function parseCounts(flag: string, value: string | boolean | undefined, defaults: readonly number[], max?: number): number[] {
  if (value === undefined) return [...defaults];
  const counts = String(value)
    .split(',')
    .map((s) => Number(s.trim()));
  if (counts.some((n) => !Number.isSafeInteger(n) || n < 0 || (max !== undefined && n > max))) {
    throw new UsageError(`${flag} must be whole numbers${max === undefined ? '' : ` from 0 to ${max}`} separated by commas, got '${String(value)}'`);
  }
  return counts.filter((n) => n > 0);
}

/** One line per dataset: our whole ETL against the floor, side by side, and each yardstick's time. */
function formatRatioTable(results: readonly DatasetMeasurement[]): string {
  const yardsticks = [...new Set(results.flatMap((r) => Object.keys(r.yardsticks)))];
  const rows = results.map((r) => {
    const row: Record<string, unknown> = {
      dataset: r.dataset,
      ours: formatDuration(r.etlMs),
      'floor sum': formatDuration(r.floorSumMs),
      'ours/floor': `${r.etlRatio.toFixed(2)}x`,
      'load/(read+parse+COPY)': `${r.loadRatio.toFixed(2)}x`,
      'transform/alone': `${r.transformRatio.toFixed(2)}x`,
      'peak RSS': formatBytes(r.peakRssBytes),
    };
    for (const name of yardsticks) {
      const measured = r.yardsticks[name];
      row[name] = measured ? `${formatDuration(measured.elapsedMs)} (${formatBytes(measured.peakRssBytes)})` : '';
    }
    return row;
  });
  return formatTable(rows);
}

function formatBenchTable(results: readonly (DatasetMeasurement & { events?: number })[]): string {
  const rows = results.flatMap((r) => {
    const floor = r.stages.find((s) => s.stage === 'floor: plain COPY of CSV')!;
    return r.stages.map((s) => ({
      dataset: r.dataset,
      input: formatBytes(r.inputBytes),
      stage: s.stage,
      time: formatDuration(s.elapsedMs),
      'rows/s': s.rows > 0 ? Math.round((s.rows / s.elapsedMs) * 1000) : null,
      'peak RSS': formatBytes(s.peakRssBytes),
      'x floor': s.stage === 'staging load' ? `${r.stagingRatio.toFixed(2)}x` : s.stage === 'transform' ? `${r.transformRatio.toFixed(2)}x` : '',
      note: s === floor ? 'same rows as CSV, plain COPY FROM STDIN' : s.stage === 'floor: read+parse files' ? 'readFileSync + JSON.parse per line' : '',
    }));
  });
  return formatTable(rows);
}
