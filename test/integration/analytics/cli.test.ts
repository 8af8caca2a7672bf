import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '#src/cli/main.ts';
import { startFixtureWarehouse, type FixtureWarehouse } from './fixture-warehouse.ts';

let fixture: FixtureWarehouse;
let workDir: string;

beforeAll(async () => {
  fixture = await startFixtureWarehouse();
  workDir = await mkdtemp(path.join(tmpdir(), 'sparkify-analytics-cli-'));
  await writeFile(path.join(workDir, 'dwh.cfg'), fixture.database.configText());
});

afterAll(async () => {
  await fixture?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs `sparkify analytics ...` in-process against the fixture database (dwh.cfg in workDir). */
async function sparkify(...args: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const env = { ...process.env, ...fixture.database.env };
  const code = await main(['analytics', ...args], { stdout, env, cwd: workDir });
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}

describe('sparkify analytics', () => {
  it('prints one query as an aligned table', async () => {
    const { code, stdout } = await sparkify('top_songs', '--limit', '2');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      '== Top songs (limit 2) ==',
      'rank  title  artist  plays  listeners',
      '----  -----  ------  -----  ---------',
      '   1  One    Alpha       4          2',
      '   2  Three  Beta        2          1',
      '',
      '',
    ]);
  });

  it('prints every query without a name, and JSON with --json', async () => {
    const all = await sparkify();
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('== Free to paid conversion ==');
    const json = await sparkify('--json');
    const parsed = JSON.parse(json.stdout) as { results: { name: string; rows: unknown[] }[] };
    expect(parsed.results.find((r) => r.name === 'level_share')?.rows).toEqual([
      { level: 'free', plays: 5, users: 3, share_pct: 62.5 },
      { level: 'paid', plays: 3, users: 2, share_pct: 37.5 },
    ]);
  });

  it('writes a chart with --chart', async () => {
    const file = path.join(workDir, 'charts', 'weekday.svg');
    const { code } = await sparkify('plays_by_weekday', '--chart', file);
    expect(code).toBe(0);
    const svg = await readFile(file, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Plays by weekday (UTC)');
  });

  it('rejects unknown names, a chart for a query without one, and a bad limit, before connecting', async () => {
    const USAGE = "usage: sparkify analytics [NAME] [--limit N] [--chart FILE.svg] [--config dwh.cfg] [--json]\nRun 'sparkify analytics --help' for details.\n";
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const rejected = async (...args: string[]) => {
      stderr.mockClear();
      const { code, stdout } = await sparkify(...args);
      return { code, stdout, stderr: stderr.mock.calls.map((c) => String(c[0])).join('') };
    };
    try {
      expect(await rejected('top_sngs')).toEqual({
        code: 2,
        stdout: '',
        stderr:
          "sparkify analytics: unknown query 'top_sngs' (one of: top_songs, top_artists, most_active_users, plays_by_hour, plays_by_weekday, daily_plays, level_share, top_locations, songs_per_session, browser_share, os_share, free_to_paid_conversion, free_to_paid_users)\n" +
          USAGE,
      });
      expect(await rejected('songs_per_session', '--chart', 'x.svg')).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'sparkify analytics: --chart needs a query that has a chart: top_songs, top_artists, top_locations, plays_by_hour, plays_by_weekday, daily_plays, level_share, browser_share, os_share\n' +
          USAGE,
      });
      expect(await rejected('top_songs', '--limit', '0')).toEqual({
        code: 2,
        stdout: '',
        stderr: "sparkify analytics: --limit must be a whole number >= 1, got '0'\n" + USAGE,
      });
    } finally {
      stderr.mockRestore();
    }
    expect(existsSync(path.join(workDir, 'x.svg'))).toBe(false);
  });
});
