import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/sparkify.js');

function sparkify(cwd: string, ...args: string[]) {
  return run(process.execPath, [BIN, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** What is on disk, counted independently of the generator's own report. */
function census(root: string) {
  const songFiles = filesUnder(path.join(root, 'song_data'));
  const logFiles = filesUnder(path.join(root, 'log_data'));
  const songs = songFiles.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split(/(?<=\})\s*(?=\{)/)
      .map((text) => JSON.parse(text) as Record<string, unknown>),
  );
  const events = logFiles.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
  const plays = events.filter((e) => e.page === 'NextSong');
  const catalog = new Set(songs.map((s) => `${String(s.title)}\u0000${String(s.artist_name)}`));
  const allFiles = [...songFiles, ...logFiles, path.join(root, 'log_json_path.json')];
  return {
    songFiles: songFiles.length,
    songs: songs.length,
    logFiles: logFiles.length,
    events: events.length,
    nextSongEvents: plays.length,
    matchedPlays: plays.filter((p) => catalog.has(`${String(p.song)}\u0000${String(p.artist)}`)).length,
    users: new Set(events.map((e) => e.userId).filter((id) => id !== '' && id !== undefined && id !== null)).size,
    bytes: allFiles.reduce((n, file) => n + statSync(file).size, 0),
  };
}

describe('sparkify generate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-generate-cli-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the dataset and reports, as JSON, exactly what is on disk', async () => {
    const out = path.join(dir, 'json');
    const result = await sparkify(dir, 'generate', '--out', 'json', '--events', '600', '--songs', '40', '--seed', '5', '--songs-per-file', '3', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toEqual({ ok: true, outDir: out, ...census(out), elapsedMs: expect.any(Number) });
    expect(report.songFiles).toBe(14); // 40 songs, 3 per file
    expect(report.events).toBe(600);
    expect(readFileSync(path.join(out, 'log_json_path.json'), 'utf8')).toContain('"jsonpaths"');
  });

  it('prints the counts as a table and where it wrote them', async () => {
    const out = path.join(dir, 'table');
    const result = await sparkify(dir, 'generate', '--out', out, '--events', '300', '--songs', '20', '--seed', '9');
    expect(result.code, result.stderr).toBe(0);
    const found = census(out);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      expect.stringMatching(/^what\s+count$/),
      expect.stringMatching(/^-+\s+-+$/),
      expect.stringMatching(new RegExp(`^song files\\s+${found.songFiles}$`)),
      expect.stringMatching(new RegExp(`^songs\\s+${found.songs}$`)),
      expect.stringMatching(new RegExp(`^log files\\s+${found.logFiles}$`)),
      expect.stringMatching(new RegExp(`^events\\s+${found.events}$`)),
      expect.stringMatching(new RegExp(`^NextSong events\\s+${found.nextSongEvents}$`)),
      expect.stringMatching(new RegExp(`^plays matching the catalog\\s+${found.matchedPlays}$`)),
      expect.stringMatching(new RegExp(`^users\\s+${found.users}$`)),
    ]);
    expect(result.stdout).toMatch(new RegExp(`\\nwrote [\\d.]+ [KM]?i?B to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\S+`));
  });

  it('refuses to overwrite a dataset unless told to, then writes the same bytes again', async () => {
    const out = path.join(dir, 'again');
    const args = ['generate', '--out', out, '--events', '200', '--songs', '10', '--seed', '3', '--json'];
    const first = await sparkify(dir, ...args);
    expect(first.code, first.stderr).toBe(0);
    const before = filesUnder(out).map((file) => [path.relative(out, file), readFileSync(file, 'utf8')]);
    const refused = await sparkify(dir, ...args);
    const message = `${out} already holds song_data, log_data, log_json_path.json; remove them or pass overwrite: true`;
    expect(refused).toMatchObject({ code: 1, stderr: `sparkify generate failed: ${message}\n` });
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'GENERATE', message } });
    const overwritten = await sparkify(dir, ...args, '--overwrite');
    expect(overwritten.code, overwritten.stderr).toBe(0);
    expect(filesUnder(out).map((file) => [path.relative(out, file), readFileSync(file, 'utf8')])).toEqual(before);
  });

  it('rejects a missing --out, a bad --match-rate and a bad --events as usage errors, writing nothing', async () => {
    const usage =
      "usage: sparkify generate --out DIR [--events N] [--songs M] [--seed S] [--songs-per-file K] [--match-rate R] [--overwrite] [--json]\nRun 'sparkify generate --help' for details.\n";
    expect(await sparkify(dir, 'generate', '--events', '10')).toEqual({ code: 2, stdout: '', stderr: `sparkify generate: --out DIR is required\n${usage}` });
    expect(await sparkify(dir, 'generate', '--out', 'x', '--match-rate', '1.5')).toEqual({
      code: 2,
      stdout: '',
      stderr: `sparkify generate: --match-rate must be a number from 0 to 1\n${usage}`,
    });
    const events = await sparkify(dir, 'generate', '--out', 'x', '--events', 'lots');
    expect(events.code).toBe(2);
    expect(events.stderr).toMatch(/^sparkify generate: --events must be a whole number/);
    expect(readdirSync(dir)).not.toContain('x');
  });
});
