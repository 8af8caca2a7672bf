import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { startFixtureWarehouse, type FixtureWarehouse } from '../analytics/fixture-warehouse.ts';
import { loadPublicWarehouse, PUBLIC_DATA, type PublicWarehouse } from './public-warehouse.ts';
import { runBin, runMain } from './run-cli.ts';

let fixture: FixtureWarehouse;
let workDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  fixture = await startFixtureWarehouse();
  workDir = await mkdtemp(path.join(tmpdir(), 'sparkify-sql-'));
  await writeFile(path.join(workDir, 'dwh.cfg'), fixture.database.configText());
  env = fixture.database.env;
});

afterAll(async () => {
  await fixture?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const sql = (...args: string[]) => runMain(['sql', ...args], { cwd: workDir, env });

describe('sparkify sql "STATEMENT"', () => {
  it('prints an aligned table: numbers right-aligned with thousands separators, then the row count', async () => {
    const { code, stdout } = await sql('SELECT level, COUNT(*) * 1000 AS plays, MIN(user_id) AS first_user FROM songplays GROUP BY level ORDER BY level;');
    expect(code).toBe(0);
    expect(stdout).toBe(['level  plays  first_user', '-----  -----  ----------', 'free   5,000  1', 'paid   3,000  1', '(2 rows)', ''].join('\n'));
  });

  it('--json prints columns, rows and the row count; --csv prints RFC 4180 CSV', async () => {
    const json = await sql('SELECT title, year FROM songs ORDER BY song_id', '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      columns: ['title', 'year'],
      rows: [
        { title: 'One', year: 2001 },
        { title: 'Two', year: null },
        { title: 'Three', year: 1999 },
      ],
      rowCount: 3,
    });
    const csv = await sql(`SELECT name, location FROM artists ORDER BY artist_id`, '--csv');
    expect(csv.stdout).toBe('name,location\r\nAlpha,"Austin, TX"\r\nBeta,\r\n');
  });

  it('-f FILE reads the statement from a file (comments and a final ; allowed)', async () => {
    const file = path.join(workDir, 'paid.sql');
    await writeFile(file, "-- paid plays\nSELECT COUNT(*) AS paid_plays\nFROM songplays\nWHERE level = 'paid';\n");
    const { code, stdout } = await sql('-f', 'paid.sql');
    expect(code).toBe(0);
    expect(stdout).toBe('paid_plays\n----------\n         3\n(1 row)\n');
  });

  it('runs in a read-only transaction: a write is refused by the server and changes nothing', async () => {
    const run = await runBin(['sql', 'DELETE FROM songplays'], { cwd: workDir, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot execute DELETE in a read-only transaction');
    const { rows } = await fixture.warehouse.query<{ n: number }>('SELECT COUNT(*) AS n FROM songplays');
    expect(rows[0]!.n).toBe(8);
  });

  it('shows a failing statement with a caret under the position, and no stack trace', async () => {
    const run = await runBin(['sql', 'SELECT title,\n       yeer\nFROM songs'], { cwd: workDir, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('column "yeer" does not exist');
    expect(run.stderr).toContain('           yeer\n           ^');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses several statements, none at all, or an unclosed string, before connecting', async () => {
    const two = await runBin(['sql', 'SELECT 1; DELETE FROM songplays'], { cwd: workDir, env });
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('one statement at a time: a second one starts at line 1, column 11');
    // A ; inside a string, a quoted identifier, a comment or a dollar-quoted string does not end the statement.
    expect((await sql(`SELECT 'a;b' AS "x;y" /* ; */ , $$;$$ AS z -- ;`)).stdout).toContain('a;b  ;');
    expect((await runBin(['sql', '  -- nothing\n ;'], { cwd: workDir, env })).stderr).toContain('no SQL statement given');
    expect((await runBin(['sql', "SELECT 'open"], { cwd: workDir, env })).stderr).toContain('the SQL ends inside a string');
  });

  it('rejects bad usage with exit 2: two words, a statement and -f, --json with --csv, a missing file', async () => {
    expect((await sql('SELECT', '1')).code).toBe(2);
    expect((await sql('SELECT 1', '-f', 'x.sql')).code).toBe(2);
    expect((await sql('SELECT 1', '--json', '--csv')).code).toBe(2);
    const missing = await runBin(['sql', '-f', 'nowhere.sql'], { cwd: workDir, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nowhere\.sql: ENOENT/);
  });
});

describe('sparkify sql (the prompt)', () => {
  it('reads statements from stdin across lines, answers .tables and .schema, goes on after an error, stops at .quit', async () => {
    const stdin = new PassThrough();
    stdin.end(
      [
        '.tables',
        '.schema users',
        'SELECT COUNT(*) AS plays',
        '  FROM songplays;',
        'SELECT nope FROM songs;',
        "SELECT 'after the error' AS still;",
        '.quit',
        'SELECT 1;',
      ].join('\n'),
    );
    const { code, stdout } = await runMain(['sql'], { cwd: workDir, env, stdin });
    expect(code).toBe(1); // from a pipe, a failed statement fails the run
    expect(stdout).toContain('user_level_history  table');
    expect(stdout).toMatch(/user_id\s+character varying\s+64\s+not null/);
    expect(stdout).toContain('plays\n-----\n    8\n(1 row)');
    expect(stdout).toContain('error: sql failed: column "nope" does not exist');
    expect(stdout).toContain('after the error');
    expect(stdout).not.toContain('?column?'); // nothing after .quit ran
    const history = await readFile(path.join(workDir, '.sparkify', 'sql_history'), 'utf8');
    expect(history.split('\n')).toEqual(['SELECT COUNT(*) AS plays FROM songplays;', 'SELECT nope FROM songs;', "SELECT 'after the error' AS still;", '']);
  });

  it('on a terminal: draws prompts, and the up arrow brings back the last statement from the history file', async () => {
    const historyFile = path.join(workDir, '.sparkify', 'sql_history');
    await mkdir(path.dirname(historyFile), { recursive: true });
    await writeFile(historyFile, "SELECT 'from history' AS earlier;\n");
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
    const stdout = new PassThrough();
    let output = '';
    stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const run = main(['sql'], { cwd: workDir, env: { ...process.env, ...env }, stdin, stdout });
    await waitFor(() => output.includes('sparkify> '));
    stdin.write('\x1b[A\r'); // up arrow, Enter
    await waitFor(() => output.includes('(1 row)'));
    stdin.end('.quit\r');
    expect(await run).toBe(0);
    expect(output).toContain("SELECT 'from history' AS earlier;");
    expect(output).toMatch(/earlier\s*\n-+\s*\nfrom history/);
  });

  it('a statement without a final ; at the end of input still runs', async () => {
    const stdin = new PassThrough();
    stdin.end('SELECT 42 AS answer');
    const { code, stdout } = await runMain(['sql'], { cwd: workDir, env, stdin });
    expect(code).toBe(0);
    expect(stdout).toContain('answer\n------\n    42\n(1 row)');
  });
});

describe.skipIf(!PUBLIC_DATA)('sparkify sql on the public data', () => {
  let loaded: PublicWarehouse;
  let dir: string;

  beforeAll(async () => {
    loaded = await loadPublicWarehouse();
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-sql-public-'));
    await writeFile(path.join(dir, 'dwh.cfg'), loaded.database.configText(loaded.s3Section));
  });
  afterAll(async () => {
    await loaded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers 5,591 paid plays', async () => {
    const run = await runBin(['sql', "SELECT COUNT(*) AS paid_plays FROM songplays WHERE level = 'paid'"], { cwd: dir, env: loaded.database.env });
    expect(run.stderr).not.toContain('failed');
    expect(run.stdout).toBe('paid_plays\n----------\n     5,591\n(1 row)\n');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}
