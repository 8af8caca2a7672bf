import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECK_NAMES } from '../../support/data-checks.ts';
import { freePort } from '../../support/free-port.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/sparkify.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sparkify(cwd: string, ...args: string[]): Promise<CliRun> {
  // Only this test's settings: no SPARKIFY_* overrides from the caller.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SPARKIFY_')));
  return run(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
}

/**
 * `npm start` (`sparkify start`) as a user runs it in a fresh checkout: no sources configured, so it
 * generates the 20,000-event sample, starts the embedded PostgreSQL, loads, checks and summarises. The
 * figures are checked against the generator's own report for the same options, not hard-coded.
 */
describe('sparkify start (npm start) on the embedded engine with the generated sample', () => {
  let dir: string;
  let reference: { events: number; songs: number; nextSongEvents: number; matchedPlays: number; users: number; logFiles: number; songFiles: number };
  let first: CliRun;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-start-'));
    // As root the embedded server runs as a `postgres` user, which must reach the data folder.
    await chmod(dir, 0o755);
    await writeFile(path.join(dir, 'dwh.cfg'), `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${path.join(dir, 'pg')}\nPORT = ${await freePort()}\n`);
    const generated = await sparkify(dir, 'generate', '--out', path.join(dir, 'reference'), '--events', '20000', '--songs', '5000', '--seed', '42', '--json');
    expect(generated.code, generated.stderr).toBe(0);
    reference = JSON.parse(generated.stdout);
    first = await sparkify(dir, 'start');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('generates the sample into .sparkify/sample, runs every step and says what it loaded', () => {
    expect(first.code, first.stderr).toBe(0);
    const sample = path.join(dir, '.sparkify', 'sample');
    expect(first.stderr).toContain(`generating the sample dataset (20,000 events, 5,000 songs, seed 42) into ${sample}\n`);
    expect(first.stdout).toContain(`data: generated sample in ${sample} (sparkify generate --events 20000 --songs 5000 --seed 42)\n`);
    // Once, not once on stderr as the run starts and again on stdout at its end.
    expect(`${first.stdout}\n${first.stderr}`.match(/^data: /gm)).toHaveLength(1);
    expect(first.stdout).toMatch(/^load staging\s+succeeded\s+staging_events [\d,]+, staging_songs [\d,]+\s+\d\S* m?s$/m);
    expect(first.stdout).toMatch(new RegExp(`^checks\\s+succeeded\\s+${ALL_CHECK_NAMES.length} checks passed\\s+\\d\\S* m?s$`, 'm'));
    expect(first.stdout).toContain(`The warehouse stays in ${path.join(dir, 'pg')} for the notebooks`);
    // The server was stopped at the end.
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('prints row counts that reconcile with what the generator wrote', () => {
    const counts = rowCounts(first.stdout);
    expect(counts).toEqual({
      staging_events: reference.events,
      staging_songs: reference.songs,
      users: reference.users,
      user_level_history: expect.any(Number),
      artists: expect.any(Number),
      songs: reference.songs,
      time: expect.any(Number),
      songplays: reference.nextSongEvents,
    });
    // At least one level run per user; more where a user's level changed.
    expect(counts.user_level_history).toBeGreaterThanOrEqual(reference.users);
    expect(counts.artists).toBeGreaterThan(0);
    expect(counts.artists).toBeLessThanOrEqual(reference.songs);
    expect(counts.time).toBeGreaterThan(0);
    expect(counts.time).toBeLessThanOrEqual(reference.nextSongEvents);
  });

  it('prints the summary analytics: top songs, paid vs free, plays by hour', () => {
    const titles = first.stdout.split('\n').filter((line) => ['Top songs', 'Paid vs free plays', 'Plays by hour of day (UTC)'].some((t) => line.startsWith(t)));
    expect(titles).toEqual(['Top songs', 'Paid vs free plays', 'Plays by hour of day (UTC)']);
    expect(section(first.stdout, 'Top songs').slice(2)).toHaveLength(5);
    const levels = section(first.stdout, 'Paid vs free plays');
    expect(levels[0]).toMatch(/^level\s+plays\s+users\s+share_pct$/);
    const plays = levels.slice(2).map((line) => Number(line.split(/\s+/)[1]!.replace(/,/g, '')));
    expect(plays.reduce((a, b) => a + b, 0)).toBe(reference.nextSongEvents);
  });

  it('regenerates a sample left half-written by an interrupted first run, and loads the same data', async () => {
    const sample = path.join(dir, '.sparkify', 'sample');
    // What an interrupted generator leaves: some song files, a partial log day, no log_json_path.json.
    await rm(path.join(sample, 'log_json_path.json'));
    await mkdir(path.join(sample, 'log_data', '2018', '11'), { recursive: true });
    await writeFile(path.join(sample, 'log_data', '2018', '11', '2018-11-31-events.json'), '{"artist": "cut sh');
    const again = await sparkify(dir, 'start', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`generating the sample dataset (20,000 events, 5,000 songs, seed 42) into ${sample}\n`);
    const report = JSON.parse(again.stdout);
    expect(report.etl.ok).toBe(true);
    expect(report.etl.steps[0].rejected).toBe(0);
    expect(Object.fromEntries(report.tables.map((t: { table: string; rows: number }) => [t.table, t.rows]))).toEqual(rowCounts(first.stdout));
    expect(await readdir(path.join(sample, 'log_data', '2018', '11'))).not.toContain('2018-11-31-events.json');
    expect(report.analytics.map((a: { title: string }) => a.title)).toEqual(['Top songs', 'Paid vs free plays', 'Plays by hour of day (UTC)']);
  });
});

/** The lines of one titled table in the output: header, rule, rows, up to the blank line. */
function section(stdout: string, title: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

function rowCounts(stdout: string): Record<string, number> {
  return Object.fromEntries(
    section(stdout, 'row counts')
      .slice(2)
      .map((line) => {
        const [table, rows] = line.trim().split(/\s+/);
        return [table!, Number(rows!.replace(/,/g, ''))];
      }),
  );
}
