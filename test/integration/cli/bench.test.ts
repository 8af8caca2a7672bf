import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckDbInstalled } from '#src/bench/duckdb-etl.ts';
import { freePort } from '../../support/free-port.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/sparkify.js');
const DUCKDB_INSTALLED = duckDbInstalled();
const STAGES = ['floor: read+parse files', 'staging load', 'transform', 'checks', 'publish', 'floor: plain COPY of CSV', 'floor: transform'];

/**
 * `sparkify bench` on the smallest generated dataset, in a folder of its own with a server on a free
 * port. Timings are never asserted: only the shape of the report and the row counts it gives.
 */
describe('sparkify bench on a tiny generated dataset', () => {
  let dir: string;
  let stdout: string;
  let report: {
    measuredAt: string;
    node: string;
    cpus: number;
    compiled: boolean;
    startup: {
      command: string;
      runs: number;
      timesMs: number[];
      baselineTimesMs: number[];
      pairedRatio: number;
      peakRssBytes: number;
      baselinePeakRssBytes: number;
    };
    results: {
      dataset: string;
      inputBytes: number;
      events: number;
      songs: number;
      stagingRatio: number;
      transformRatio: number;
      etlMs: number;
      floorSumMs: number;
      etlRatio: number;
      loadRatio: number;
      peakRssBytes: number;
      yardsticks: Record<string, unknown>;
      stages: { stage: string; elapsedMs: number; rows: number; peakRssBytes: number }[];
    }[];
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-bench-cli-'));
    await chmod(dir, 0o755);
    // A dwh.cfg makes this folder the project whose .sparkify/ the bench uses (the config is found upward).
    await writeFile(path.join(dir, 'dwh.cfg'), '# the bench test\n');
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SPARKIFY_'))),
      SPARKIFY_WAREHOUSE_PORT: String(await freePort()),
    };
    const args = [BIN, 'bench', '--sizes', '200', '--no-real', '--runs', '2', '--out', 'bench.json'];
    ({ stdout } = await run(process.execPath, args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 }));
    report = JSON.parse(readFileSync(path.join(dir, 'bench.json'), 'utf8'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a JSON report: one dataset, seven stages, rows that reconcile, the ratios to the floor', () => {
    expect(report).toEqual({
      measuredAt: expect.any(String),
      node: process.version,
      cpus: expect.any(Number),
      compiled: expect.any(Boolean),
      startup: expect.any(Object),
      results: [expect.any(Object)],
    });
    expect(Date.parse(report.measuredAt)).not.toBeNaN();
    const [result] = report.results;
    // songsFor(200): the catalog never goes below 10,000 songs.
    expect(result).toEqual({
      dataset: 'generated 200 events',
      inputBytes: expect.any(Number),
      events: 200,
      songs: 10_000,
      stagingRatio: expect.any(Number),
      transformRatio: expect.any(Number),
      etlMs: expect.any(Number),
      floorSumMs: expect.any(Number),
      etlRatio: expect.any(Number),
      loadRatio: expect.any(Number),
      peakRssBytes: expect.any(Number),
      // DuckDB is measured beside ours only where `--duckdb` has installed it (never in CI).
      yardsticks: DUCKDB_INSTALLED ? { duckdb: { elapsedMs: expect.any(Number), peakRssBytes: expect.any(Number) } } : {},
      stages: STAGES.map((stage) => ({ stage, elapsedMs: expect.any(Number), rows: expect.any(Number), peakRssBytes: expect.any(Number) })),
    });
    const rows = Object.fromEntries(result!.stages.map((s) => [s.stage, s.rows]));
    // Staging holds every event and every song; the floor copies the same rows back.
    expect(rows['staging load']).toBe(200 + 10_000);
    expect(rows['floor: plain COPY of CSV']).toBe(rows['staging load']);
    // The read+parse floor parses every record of the same files.
    expect(rows['floor: read+parse files']).toBe(rows['staging load']);
    expect(rows.checks).toBe(0);
    expect(rows.publish).toBe(rows.transform); // every table built is published
    expect(rows['floor: transform']).toBe(rows.transform);
    expect(rows.transform).toBeGreaterThan(10_000); // songs alone are 10,000 rows of the star schema
    for (const stage of result!.stages) {
      expect(stage.elapsedMs).toBeGreaterThan(0);
      expect(stage.peakRssBytes).toBeGreaterThan(0);
    }
    const ms = Object.fromEntries(result!.stages.map((s) => [s.stage, s.elapsedMs]));
    expect(result!.stagingRatio).toBeCloseTo(ms['staging load']! / ms['floor: plain COPY of CSV']!, 10);
    expect(result!.transformRatio).toBeCloseTo(ms.transform! / ms['floor: transform']!, 10);
    expect(result!.etlMs).toBeCloseTo(ms['staging load']! + ms.transform! + ms.checks! + ms.publish!, 6);
    expect(result!.floorSumMs).toBeCloseTo(ms['floor: read+parse files']! + ms['floor: plain COPY of CSV']! + ms['floor: transform']!, 6);
    expect(result!.etlRatio).toBeCloseTo(result!.etlMs / result!.floorSumMs, 10);
    expect(result!.loadRatio).toBeCloseTo(ms['staging load']! / (ms['floor: read+parse files']! + ms['floor: plain COPY of CSV']!), 10);
    expect(result!.peakRssBytes).toBeGreaterThan(0);
  });

  it('measures sparkify --help against node -e 0 first: --runs alternating runs each, medians, paired ratio, peak RSS', () => {
    const { startup } = report;
    expect(startup).toMatchObject({ command: 'sparkify --help', runs: 2 });
    expect(startup.timesMs).toHaveLength(2);
    expect(startup.baselineTimesMs).toHaveLength(2);
    expect(startup.pairedRatio).toBeCloseTo(
      [startup.timesMs[0]! / startup.baselineTimesMs[0]!, startup.timesMs[1]! / startup.baselineTimesMs[1]!].reduce((a, b) => a + b) / 2,
      10,
    );
    expect(startup.peakRssBytes).toBeGreaterThan(0);
    expect(startup.baselinePeakRssBytes).toBeGreaterThan(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^start-up( \(THROUGH TSX: dist\/ is out of date\))?$/);
    expect(lines[1]).toMatch(/^what\s+median time\s+peak RSS\s+x node -e 0 \(paired median\)$/);
    expect(lines[3]).toMatch(/^sparkify --help\s+\d+ ms\s+[\d.]+ MiB\s+\d+\.\d\dx$/);
    expect(lines[4]).toMatch(/^node -e 0\s+\d+ ms\s+[\d.]+ MiB$/);
  });

  it('prints one table row per stage, one line of ratios per dataset, and where the report went', () => {
    const all = stdout.split('\n');
    const lines = all.slice(all.findIndex((line) => line.startsWith('dataset ')));
    expect(lines[0]).toMatch(/^dataset\s+input\s+stage\s+time\s+rows\/s\s+peak RSS\s+x floor\s+note$/);
    const stageOf = (line: string) => STAGES.find((stage) => line.includes(`  ${stage}  `));
    expect(lines.slice(2, 9).map(stageOf)).toEqual(STAGES);
    for (const line of lines.slice(2, 9)) expect(line).toMatch(/^generated 200 events\s/);
    expect(lines[3]).toMatch(/\s\d+\.\d\dx\s*$/);
    expect(lines[7]).toMatch(/same rows as CSV, plain COPY FROM STDIN$/);
    expect(lines[9]).toBe('');
    const duckDbHeader = DUCKDB_INSTALLED ? '\\s+duckdb' : '';
    const duckDbCell = DUCKDB_INSTALLED ? '\\s+\\S+ m?s \\([\\d.]+ MiB\\)' : '';
    expect(lines[10]).toMatch(
      new RegExp(`^dataset\\s+ours\\s+floor sum\\s+ours/floor\\s+load/\\(read\\+parse\\+COPY\\)\\s+transform/alone\\s+peak RSS${duckDbHeader}$`),
    );
    expect(lines[12]).toMatch(
      new RegExp(`^generated 200 events\\s+\\S+ m?s\\s+\\S+ m?s\\s+\\d+\\.\\d\\dx\\s+\\d+\\.\\d\\dx\\s+\\d+\\.\\d\\dx\\s+[\\d.]+ MiB${duckDbCell}$`),
    );
    expect(stdout).toContain(`\nwritten to ${path.join(dir, 'bench.json')}\n`);
  });

  it('generated the dataset under .sparkify/bench and stopped its server', () => {
    expect(JSON.parse(readFileSync(path.join(dir, '.sparkify', 'bench', 'events-200', 'generated.json'), 'utf8'))).toEqual({
      events: 200,
      songs: 10_000,
      seed: 7,
    });
    expect(existsSync(path.join(dir, '.sparkify', 'bench', 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('rejects bad --sizes as a usage error', async () => {
    const failure = await run(process.execPath, [BIN, 'bench', '--sizes', '10,lots'], { cwd: dir }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^sparkify bench: --sizes must be whole numbers separated by commas, got '10,lots'\nusage: sparkify bench /),
    });
  });
});
