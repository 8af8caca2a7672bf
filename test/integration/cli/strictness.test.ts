import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '#src/cli/main.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * The command line cannot surprise: every command refuses unknown flags, short flags and extra words
 * (exit 2) before doing anything, and with --json prints exactly one object, failures included.
 */
let db: TestDatabase;
let data: Dataset;
let dir: string;
let env: NodeJS.ProcessEnv;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sparkify(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += chunk.toString();
    return true;
  });
  try {
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const code = await main(argv, { stdout, stdin, env: options.env ?? env, cwd: options.cwd ?? dir });
    return { code, stdout: out, stderr: err };
  } finally {
    spy.mockRestore();
  }
}

/** The one JSON object a --json run printed. */
type JsonReport = { ok: boolean; error?: { code: string; message: string } } & Record<string, unknown>;
function onlyJson<T = JsonReport>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

async function tableCounts(): Promise<Record<string, number>> {
  const warehouse = await db.open();
  try {
    const counts: Record<string, number> = {};
    for (const table of ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time']) {
      counts[table] = Number((await warehouse.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n);
    }
    return counts;
  } finally {
    await warehouse.close();
  }
}

async function sql(text: string): Promise<void> {
  const warehouse = await db.open();
  try {
    await warehouse.query(text);
  } finally {
    await warehouse.close();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  env = { PATH: process.env.PATH, HOME: process.env.HOME, ...db.env };
  data = await writeDataset({
    logFiles: {
      '2018-11-01-events.json': ndjson([play({ userId: '7', song: 'Hit', artist: 'Band' }), play({ userId: '8' }), play({ page: 'Home', userId: '9' })]),
    },
    songFiles: { 'A/A/A/TRAAA.json': JSON.stringify(song({ title: 'Hit', artist_name: 'Band' })) },
  });
  dir = await mkdtemp(path.join(tmpdir(), 'sparkify-cli-strict-'));
  await writeFile(path.join(dir, 'dwh.cfg'), db.configText(data.s3Section));
  expect((await sparkify(['create-tables'])).code).toBe(0);
  expect((await sparkify(['etl'])).code).toBe(0);
});

afterAll(async () => {
  await db?.drop();
  await data?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const COMMANDS: readonly (readonly string[])[] = [
  ['start'],
  ['create-tables'],
  ['etl'],
  ['check'],
  ['analytics'],
  ['analytics', 'top_songs'],
  ['sql', 'SELECT 1'],
  ['report', '--out', 'generated/report.html'],
  ['generate', '--out', 'generated'],
  ['cluster', 'create'],
  ['cluster', 'status'],
  ['cluster', 'delete'],
  ['bench'],
];

describe('every command refuses what it does not know, and does nothing', () => {
  it.each(
    COMMANDS.flatMap(
      (command) =>
        [
          [[...command, '-x'], /unknown option -x/],
          [[...command, 'extra'], /unexpected argument 'extra'|unknown query 'extra'/],
          [[...command, '--frobnicate'], /unknown option --frobnicate/],
        ] as const,
    ),
  )('%j: exit 2, one USAGE object with --json, tables untouched', async (argv, message) => {
    // A play removed by hand: create-tables, etl or start would put the warehouse back in order.
    await sql('DELETE FROM songplays WHERE songplay_id = (SELECT MIN(songplay_id) FROM songplays)');
    const before = await tableCounts();
    const human = await sparkify(argv);
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(message);
    expect(human.stderr).toMatch(/\nusage: sparkify /);
    const json = await sparkify([...argv, '--json']);
    expect(json.code).toBe(2);
    expect(onlyJson(json)).toEqual({ ok: false, error: { code: 'USAGE', message: expect.stringMatching(message) } });
    expect(await tableCounts()).toEqual(before);
    expect(existsSync(path.join(dir, 'generated'))).toBe(false);
    expect(existsSync(path.join(dir, '.sparkify'))).toBe(false);
  });

  it.each(COMMANDS.map((command) => [command]))('%j -h prints its own usage and does nothing', async (command) => {
    const before = await tableCounts();
    for (const help of ['-h', '--help']) {
      const run = await sparkify([...command, help]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^usage: sparkify ${command[0]}`));
      if (command[0] === 'cluster') expect(run.stdout).toMatch(new RegExp(`^usage: sparkify cluster ${command[1]} `));
      expect(run.stdout).toContain('-h, --help');
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('help, --help, --version and help <command> at the top', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const run = await sparkify(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^usage: sparkify <command> \[options\]\n\ncommands:\n {2}start/);
    }
    expect((await sparkify(['--version'])).stdout).toMatch(/^sparkify 0\.\d+\.\d+ /);
    expect(onlyJson(await sparkify(['-V', '--json']))).toMatchObject({ ok: true, name: 'sparkify-warehouse', version: expect.any(String) });
    expect((await sparkify(['help', 'cluster', 'delete'])).stdout).toMatch(/^usage: sparkify cluster delete/);
    const none = await sparkify([]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('a command is required');
    for (const argv of [['nope'], ['help', 'nope'], ['-x', 'check'], ['cluster', 'resize']]) {
      const run = await sparkify([...argv, '--json']);
      expect(run.code).toBe(2);
      expect(onlyJson(run).error!.code).toBe('USAGE');
    }
  });
});

describe('--json prints one object on every failure', () => {
  const CONFIG_READERS: readonly (readonly string[])[] = [
    ['start'],
    ['create-tables'],
    ['etl'],
    ['check'],
    ['analytics'],
    ['sql', 'SELECT 1'],
    ['report', '--out', 'generated/report.html'],
    ['cluster', 'status'],
    ['bench', '--no-real', '--sizes', '10'],
  ];

  it.each(CONFIG_READERS.map((c) => [c]))('%j with a partly configured [S3]: CONFIG_INVALID naming the missing keys, nothing done', async (command) => {
    const before = await tableCounts();
    const bad = path.join(dir, 'partial.cfg');
    await writeFile(bad, db.configText(`[S3]\nLOG_DATA = ${data.root}/log_data\nSONG_DATA =\n`));
    const run = await sparkify([...command, '--config', bad, '--json']);
    expect(run.code).toBe(1);
    const report = onlyJson(run);
    expect(report.ok).toBe(false);
    expect(report.error!.code).toBe('CONFIG_INVALID');
    expect(report.error!.message).toMatch(/\[S3\] LOG_JSONPATH: missing or empty/);
    expect(report.error!.message).toMatch(/\[S3\] SONG_DATA: missing or empty/);
    expect(run.stderr).toMatch(/failed: Invalid configuration in .*partial\.cfg/);
    expect(await tableCounts()).toEqual(before);
  });

  it.each(CONFIG_READERS.map((c) => [c]))('%j with an unknown SPARKIFY_* variable: CONFIG_INVALID listing the known ones', async (command) => {
    const run = await sparkify([...command, '--json'], { env: { ...env, SPARKIFY_CLUSTER_DB_PASWORD: 'typo' } });
    expect(run.code).toBe(1);
    const report = onlyJson(run);
    expect(report.error!.code).toBe('CONFIG_INVALID');
    expect(report.error!.message).toContain('SPARKIFY_CLUSTER_DB_PASWORD: unknown variable (did you mean SPARKIFY_CLUSTER_DB_PASSWORD?)');
    expect(report.error!.message).toMatch(/known SPARKIFY_\* variables: SPARKIFY_CONFIG, /);
  });

  it("generate into a folder that holds data: the generator's error code", async () => {
    const out = path.join(dir, 'occupied');
    await mkdir(path.join(out, 'song_data'), { recursive: true });
    const run = await sparkify(['generate', '--out', out, '--events', '10', '--songs', '5', '--json']);
    expect(run.code).toBe(1);
    expect(onlyJson(run)).toEqual({ ok: false, error: { code: 'GENERATE', message: expect.stringContaining('already holds song_data') } });
    expect(await readdir(out)).toEqual(['song_data']);
    await rm(out, { recursive: true });
  });

  it('a warehouse that cannot be reached is a connection error naming host:port, for check and etl', async () => {
    const closed = path.join(dir, 'closed.cfg');
    // Port 1 on 127.0.0.1: nothing listens there (and it is not the suite's server).
    await writeFile(closed, `[WAREHOUSE]\nENGINE = postgres\n[CLUSTER]\nHOST = 127.0.0.1\nDB_PORT = 1\n${data.s3Section}`);
    const check = await sparkify(['check', '--config', closed, '--json']);
    expect(check.code).toBe(1);
    expect(onlyJson(check)).toEqual({
      ok: false,
      error: { code: 'CONNECTION_FAILED', message: expect.stringMatching(/^cannot connect to 127\.0\.0\.1:1: connection refused/) },
    });
    expect(check.stderr).not.toMatch(/check .* failed:|FAILED/);
    const etl = await sparkify(['etl', '--config', closed, '--json']);
    expect(etl.code).toBe(1);
    const report = onlyJson(etl);
    expect(report).toMatchObject({ ok: false, error: { code: 'CONNECTION_FAILED' } });
    expect(report.error!.message).toMatch(/127\.0\.0\.1:1/);
    const human = await sparkify(['check', '--config', closed]);
    expect(human.stderr).toMatch(/^warehouse: .*\nsparkify check failed: cannot connect to 127\.0\.0\.1:1: connection refused/);
    expect(human.stderr).not.toMatch(/\n\s+at /);
  });

  it('--verbose adds the stack traces of a failure, and only then', async () => {
    const closed = path.join(dir, 'closed.cfg');
    const verbose = await sparkify(['check', '--config', closed, '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/CannotConnectError: cannot connect[^\n]*\n\s+at /);
    expect(verbose.stderr).toMatch(/caused by: .*ECONNREFUSED/);
  });
});

describe('--json on success', () => {
  it.each([
    [['create-tables']],
    [['etl']],
    [['check']],
    [['analytics', 'top_songs']],
    [['sql', 'SELECT COUNT(*) AS n FROM songplays']],
    [['generate', '--out', 'tiny-sample', '--events', '20', '--songs', '5']],
    [['help', 'etl']],
  ])('%j prints exactly one object with ok: true', async (argv) => {
    const run = await sparkify([...argv, '--json']);
    expect(run.code).toBe(0);
    // JSON.parse refuses two documents or any text around one.
    expect(onlyJson(run).ok).toBe(true);
    await rm(path.join(dir, 'tiny-sample'), { recursive: true, force: true });
  });
});

describe('what the warehouse holds', () => {
  it('each run says which data it loaded, in human output and in --json', async () => {
    const human = await sparkify(['etl']);
    expect(human.stdout).toContain(`data: events ${data.root}/log_data (JSONPaths ${data.root}/log_json_path.json), songs ${data.root}/song_data`);
    // Once, not once on stderr as the run starts and again on stdout at its end.
    expect(`${human.stdout}\n${human.stderr}`.match(/^data: /gm)).toHaveLength(1);
    const json = onlyJson(await sparkify(['etl', '--json']));
    expect(json.data).toEqual({
      sample: false,
      description: expect.any(String),
      logData: `${data.root}/log_data`,
      logJsonPath: `${data.root}/log_json_path.json`,
      songData: `${data.root}/song_data`,
    });
  });

  it("outside a terminal, the load shows each table's final progress line and the transform each table", async () => {
    const run = await sparkify(['etl']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^ {2}staging_events: 1\/1 files, 3 rows, .* \(100%\)$/m);
    expect(run.stderr).toMatch(/^ {2}staging_songs: 1\/1 files, 1 rows, .* \(100%\)$/m);
    for (const table of ['users', 'songs', 'artists', 'time', 'songplays']) expect(run.stderr).toMatch(new RegExp(`^ {2}${table}: \\d+ rows in \\d`, 'm'));
    expect(run.stderr).not.toContain('\r');
  });

  it('check fails when star tables are empty although staging holds their input, and when nothing is loaded', async () => {
    await sql('DELETE FROM songplays');
    await sql('DELETE FROM time');
    const emptied = await sparkify(['check', '--json']);
    expect(emptied.code).toBe(1);
    const report = onlyJson<{ ok: boolean; checks: { name: string; passed: boolean; sample: unknown[] }[]; error: { code: string } }>(emptied);
    expect(report.error.code).toBe('CHECKS_FAILED');
    const filled = report.checks.find((c) => c.name === 'star_tables_filled')!;
    expect(filled.passed).toBe(false);
    expect(filled.sample).toEqual([
      { star_table: 'songplays', problem: 'empty although staging_events holds NextSong events' },
      { star_table: 'time', problem: 'empty although staging_events holds NextSong events' },
    ]);
    expect((await sparkify(['create-tables'])).code).toBe(0);
    const nothing = await sparkify(['check']);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toMatch(/star_tables_filled\s+FAILED\s+1/);
    expect(nothing.stdout).toContain('nothing is loaded: staging and star tables are all empty (run sparkify etl)');
    expect((await sparkify(['etl'])).code).toBe(0);
    expect((await sparkify(['check'])).code).toBe(0);
  });

  it('escapes control characters from the data before they reach the terminal', async () => {
    await sql("UPDATE users SET first_name = E'\\x1b]0;pwned\\x07\\x1b[2J', level = E'gold\\x1b[31m\\r' WHERE user_id = '7'");
    const run = await sparkify(['check']);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(/[\u0007\u001b\r]/);
    expect(run.stdout).toContain('gold\\x1b[31m\\r');
    // --json keeps the exact value (JSON escapes it).
    const json = onlyJson<{ checks: { sample: { unexpected_value?: string }[] }[] }>(await sparkify(['check', '--json']));
    expect(json.checks.flatMap((c) => c.sample).some((row) => row.unexpected_value === 'gold\u001b[31m\r')).toBe(true);
    expect((await sparkify(['etl'])).code).toBe(0);
  });
});

describe('config discovery', () => {
  it('from a subfolder, uses the dwh.cfg above it: the same warehouse, no new one in the subfolder', async () => {
    const deep = path.join(dir, 'notebooks', 'drafts');
    await mkdir(deep, { recursive: true });
    const fromTop = onlyJson(await sparkify(['check', '--json']));
    const fromDeep = await sparkify(['check', '--json', '--verbose'], { cwd: deep });
    expect(fromDeep.code).toBe(0);
    expect(onlyJson(fromDeep).checks).toEqual(fromTop.checks);
    expect(fromDeep.stderr).toContain(`debug: config: ${path.join(dir, 'dwh.cfg')}`);
    expect(await readdir(deep)).toEqual([]);
  });
});
