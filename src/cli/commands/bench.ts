import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureGenerated, type BenchDataset } from '../../bench/datasets.ts';
import { measureDataset, type DatasetMeasurement } from '../../bench/measure-dataset.ts';
import { parseConfig } from '../../config/load.ts';
import { sharedDataRoot, sourcesUnder, withSources } from '../../pipeline/sources.ts';
import { openWarehouse } from '../../warehouse/open.ts';
import { integerFlag, UsageError } from '../args.ts';
import type { CommandContext, CommandModule } from '../context.ts';
import { formatBytes, formatDuration, formatTable } from '../format.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/sparkify.js', import.meta.url));
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const HUGE_SIZE = 10_000_000;
/** Its own embedded server, on a port of its own, so a bench never meets the main warehouse's server. */
const DEFAULT_BENCH_PORT = 54339;

export const command: CommandModule = {
  summary: 'benchmark the ETL on growing generated datasets against the plain-COPY floor (npm run bench)',
  usage: [
    'sparkify bench [--sizes 10000,100000,1000000] [--huge] [--no-real] [--port N] [--out FILE] [--json]',
    '',
    'Each dataset is measured in a process of its own, on a fresh embedded server whose data lives in',
    '.sparkify/bench beside the config (the project folder by default).',
    '',
    '  --huge     also 10,000,000 events',
    '  --no-real  skip the public data in ../shared/data/sparkify',
    `  --port N   the bench server's port (default: SPARKIFY_WAREHOUSE_PORT when set, else ${DEFAULT_BENCH_PORT})`,
  ].join('\n'),
  flags: { values: ['sizes', 'out', 'measure', 'label', 'port'], booleans: ['huge', 'no-real'] },
  async run(context) {
    const port = benchPort(context);
    if (typeof context.args.flags.measure === 'string') return measureOne(context, context.args.flags.measure, port);
    const sizes = parseSizes(context.args.flags.sizes);
    if (context.args.flags.huge) sizes.push(HUGE_SIZE);
    const benchDir = path.resolve(context.config().baseDir, '.sparkify/bench');
    const datasets: BenchDataset[] = [];
    const real = sharedDataRoot();
    if (real && !context.args.flags['no-real']) datasets.push({ label: 'public Sparkify data', root: real, events: 8056, songs: 14896 });
    for (const size of sizes) datasets.push(await ensureGenerated(benchDir, size, context.logger));

    const results: (DatasetMeasurement & { events?: number; songs?: number })[] = [];
    for (const dataset of datasets) {
      context.logger.info(`measuring ${dataset.label} (${dataset.root})...`);
      // Each dataset in its own process, so each peak-memory figure is that dataset's alone.
      const { stdout } = await run(process.execPath, [BIN, 'bench', '--measure', dataset.root, '--label', dataset.label, '--port', String(port), '--json'], {
        maxBuffer: 16 * 1024 * 1024,
        cwd: context.cwd,
      });
      const measured = JSON.parse(stdout) as DatasetMeasurement & { ok?: boolean };
      delete measured.ok;
      results.push({ ...measured, events: dataset.events, songs: dataset.songs });
    }
    context.print(formatBenchTable(results));
    const out = path.resolve(
      context.cwd,
      typeof context.args.flags.out === 'string' ? context.args.flags.out : `bench-results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    await mkdir(path.dirname(out), { recursive: true });
    const report = { measuredAt: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, results };
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
  const warehouse = await openWarehouse(config, { logger: context.logger });
  try {
    const label = typeof context.args.flags.label === 'string' ? context.args.flags.label : root;
    const measurement = await measureDataset(warehouse, config, label, benchDir, context.logger);
    // The parent runs this with --json and reads this one object.
    context.printJson(measurement);
  } finally {
    await warehouse.close();
  }
  return 0;
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

function parseSizes(value: string | boolean | undefined): number[] {
  if (value === undefined) return [...DEFAULT_SIZES];
  const sizes = String(value)
    .split(',')
    .map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new UsageError(`--sizes must be whole numbers separated by commas, got '${String(value)}'`);
  return sizes;
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
      note: s === floor ? 'same rows as CSV, plain COPY FROM STDIN' : '',
    }));
  });
  return formatTable(rows);
}
