import { median } from '../stats.ts';
import { spawn } from 'node:child_process';

/** Written to stderr by the child at exit, so that its own peak RSS is known without /usr/bin/time. */
const PEAK_RSS_MARK = 'sparkify-bench-peak-rss-kib=';
const PEAK_RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${PEAK_RSS_MARK}'+process.resourceUsage().maxRSS+'\\n'))`;

export interface ProcessRun {
  readonly elapsedMs: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one process to its end and times it from spawn to exit (wall clock). */
export function timeProcess(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        elapsedMs: performance.now() - started,
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** A node process running `args`, timed, with its peak resident memory in bytes (reported by the process itself at exit). */
export async function runNodeMeasured(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessRun & { peakRssBytes: number }> {
  const run = await timeProcess(process.execPath, ['--import', PEAK_RSS_HOOK, ...args], options);
  const line = run.stderr.split('\n').find((l) => l.startsWith(PEAK_RSS_MARK));
  if (!line) throw new Error(`node ${args.join(' ')} exited with code ${run.code} without reporting its memory: ${run.stderr.trim().slice(0, 500)}`);
  return { ...run, stderr: run.stderr.replace(`\n${line}\n`, ''), peakRssBytes: Number(line.slice(PEAK_RSS_MARK.length)) * 1024 };
}

/** The peak resident memory of a node process running `args`, in bytes. */
export async function nodePeakRss(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  return (await runNodeMeasured(args, options)).peakRssBytes;
}

export interface PairedComparison {
  readonly runs: number;
  /** Median wall time of each side. */
  readonly medianMs: number;
  readonly baselineMedianMs: number;
  /** Median of the run-by-run ratios (ours / baseline), each pair run back to back. */
  readonly pairedRatio: number;
  readonly timesMs: readonly number[];
  readonly baselineTimesMs: readonly number[];
}

/**
 * Runs `ours` and `baseline` alternately, `runs` times each (after one warm-up of each, not counted),
 * so that a machine busy with other work slows both sides alike; reports the medians and the median
 * of the paired ratios.
 */
export async function comparePaired(ours: () => Promise<number>, baseline: () => Promise<number>, runs: number): Promise<PairedComparison> {
  await baseline();
  await ours();
  const timesMs: number[] = [];
  const baselineTimesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which side goes first, so neither always runs on the other's warm caches.
    if (i % 2 === 0) {
      baselineTimesMs.push(await baseline());
      timesMs.push(await ours());
    } else {
      timesMs.push(await ours());
      baselineTimesMs.push(await baseline());
    }
  }
  return {
    runs,
    medianMs: median(timesMs),
    baselineMedianMs: median(baselineTimesMs),
    pairedRatio: median(timesMs.map((t, i) => t / baselineTimesMs[i]!)),
    timesMs,
    baselineTimesMs,
  };
}

export interface StartupMeasurement extends PairedComparison {
  readonly command: string;
  readonly peakRssBytes: number;
  readonly baselinePeakRssBytes: number;
}

/** `node BIN ...args` (e.g. `sparkify --help`) against `node -e 0`, side by side: wall time and peak memory. */
export async function measureStartup(
  bin: string,
  args: readonly string[],
  options: { runs: number; cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<StartupMeasurement> {
  const run = async (argv: readonly string[]) => {
    const result = await timeProcess(process.execPath, argv, options);
    if (result.code !== 0) throw new Error(`node ${argv.join(' ')} exited with code ${result.code}: ${result.stderr.trim().slice(0, 500)}`);
    return result.elapsedMs;
  };
  const comparison = await comparePaired(
    () => run([bin, ...args]),
    () => run(['-e', '0']),
    options.runs,
  );
  const [peakRssBytes, baselinePeakRssBytes] = [await nodePeakRss([bin, ...args], options), await nodePeakRss(['-e', '0'], options)];
  return { command: ['sparkify', ...args].join(' '), ...comparison, peakRssBytes, baselinePeakRssBytes };
}
