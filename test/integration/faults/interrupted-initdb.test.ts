import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER_FILE, passwordFileOf, pendingFileOf } from '#src/warehouse/embedded/data-dir.ts';
import { freePort } from '../../support/free-port.ts';
import { BIN, failureLines, scratchDir, startCli } from './helpers.ts';

/**
 * The first run of a new embedded warehouse runs initdb. Interrupted there (Ctrl-C, SIGTERM, or the
 * process killed), it leaves nothing a later run would trust as complete: one line, exit 130/143, the
 * folder and its claim file gone; after a kill, the next run waits for the initdb left running and
 * initialises the folder again.
 */
describe('an interrupted first initialisation of the embedded warehouse', () => {
  let root: string;

  beforeAll(async () => {
    root = await scratchDir('initdb');
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function project(name: string): Promise<{ dir: string; dataDir: string }> {
    const dir = path.join(root, name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true, mode: 0o755 });
    await writeFile(path.join(dir, 'dwh.cfg'), `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = pg\nPORT = ${await freePort()}\n`);
    return { dir, dataDir: path.join(dir, 'pg') };
  }

  /** create-tables on a new warehouse, signalled as soon as it says initdb is running. */
  async function interruptInitdb(dir: string, signal: NodeJS.Signals, ready?: () => Promise<boolean>) {
    const run = startCli(['create-tables'], { cwd: dir });
    await run.waitFor(/initialising embedded PostgreSQL in /);
    while (ready && !(await ready())) await sleep(5);
    process.kill(run.pid, signal);
    return { exit: await run.exited, stderr: run.stderr() };
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: one line, exit ${code}, no folder and no claim left; the next run initialises afresh`, async () => {
      const { dir, dataDir } = await project(signal.toLowerCase());
      const { exit, stderr } = await interruptInitdb(dir, signal);
      expect(exit.code).toBe(code);
      expect(failureLines(stderr)).toEqual([
        `sparkify create-tables failed: interrupted by ${signal} while initialising the embedded warehouse in ${dataDir}: nothing was created (the folder is removed); the next run initialises it afresh`,
      ]);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(dataDir)).toBe(false);
      expect(existsSync(pendingFileOf(dataDir))).toBe(false);
      expect(existsSync(passwordFileOf(dataDir))).toBe(false);

      const next = startCli(['create-tables'], { cwd: dir });
      expect((await next.exited).code).toBe(0);
      expect(next.stdout() + next.stderr()).toContain('created 9 tables');
      expect(existsSync(path.join(dataDir, MARKER_FILE))).toBe(true);
    });
  }

  it('Ctrl-C in a terminal (SIGINT to the whole process group, initdb included): the same line and exit 130', async () => {
    const { dir, dataDir } = await project('group');
    const child = spawn(process.execPath, [BIN, 'create-tables'], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    while (!stderr.includes('initialising embedded PostgreSQL in ')) await sleep(5);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(130);
    expect(failureLines(stderr)).toEqual([
      `sparkify create-tables failed: interrupted by SIGINT while initialising the embedded warehouse in ${dataDir}: nothing was created (the folder is removed); the next run initialises it afresh`,
    ]);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(pendingFileOf(dataDir))).toBe(false);
  });

  it('killed (SIGKILL) with initdb left running: the next run waits for that initdb, then initialises the folder again', async () => {
    const { dir, dataDir } = await project('sigkill');
    // Killed once the claim names the initdb it started (written a moment after initdb starts).
    const namesInitdb = () =>
      readFile(pendingFileOf(dataDir), 'utf8').then(
        (text) => text.includes('initdbPid'),
        () => false,
      );
    const { exit } = await interruptInitdb(dir, 'SIGKILL', namesInitdb);
    expect(exit.signal).toBe('SIGKILL');
    // What the killed run left: a folder with no marker, claimed as ours by the claim file naming initdb.
    const claim = await readFile(pendingFileOf(dataDir), 'utf8');
    expect(JSON.parse(claim.split('\n')[1]!)).toMatchObject({ initdbPid: expect.any(Number) });
    expect(await readdir(dataDir)).not.toContain(MARKER_FILE);

    const next = startCli(['create-tables'], { cwd: dir });
    expect((await next.exited).code).toBe(0);
    expect(next.stdout() + next.stderr()).toContain('created 9 tables');
    expect(existsSync(path.join(dataDir, MARKER_FILE))).toBe(true);
    expect(existsSync(pendingFileOf(dataDir))).toBe(false);
  });
});
