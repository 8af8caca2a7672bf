import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.ts';
import { dataset, embeddedChecksums, failureLines, scratchDir, sourcesIni, startCli } from './helpers.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('disk-full test skipped: mounting a small tmpfs needs root');

/**
 * DATA_DIR on a 96 MiB tmpfs: a load that does not fit fails with one line (disk full, what was
 * committed), exit 1, no TypeError from pg-copy-streams, and the previous tables are intact.
 */
describe.skipIf(!isRoot)('disk full during a load', () => {
  let dir: string;
  let disk: string;
  let dataDir: string;
  let port: number;
  let before: Record<string, string>;
  let mounted = false;

  const tables = () => embeddedChecksums(dataDir, port);

  beforeAll(async () => {
    dir = await scratchDir('disk-full');
    disk = path.join(dir, 'disk');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m,mode=0755', 'tmpfs', disk]);
    mounted = true;
    dataDir = path.join(disk, 'pg');
    port = await freePort();
    const engine = `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${dataDir}\nPORT = ${port}\n`;
    const small = await dataset(path.join(dir, 'small'), 3_000, 41, 500);
    const big = await dataset(path.join(dir, 'big'), 200_000, 42, 5_000);
    await writeFile(path.join(dir, 'small.cfg'), engine + sourcesIni(small));
    await writeFile(path.join(dir, 'big.cfg'), engine + sourcesIni(big));
    for (const command of ['create-tables', 'etl']) {
      const run = startCli([command, '--config', path.join(dir, 'small.cfg')], { cwd: dir });
      expect((await run.exited).code, run.stderr()).toBe(0);
    }
    before = await tables();
  });
  afterAll(async () => {
    if (mounted) execFileSync('umount', ['--lazy', disk]);
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('fails with one line naming the full disk; nothing of the load is committed; tables intact', async () => {
    const run = startCli(['etl', '--config', path.join(dir, 'big.cfg')], { cwd: dir });
    expect((await run.exited).code).toBe(1);
    expect(failureLines(run.stderr())).toEqual([
      expect.stringMatching(
        /^error: the warehouse's disk is full \(could not extend file "[^"]+"(?: with \w+\(\))?: No space left on device\): load staging rolled back \(nothing of it committed\); nothing of this run was committed; the star tables are as before this run$/,
      ),
    ]);
    expect(run.stderr()).not.toMatch(/TypeError|Unhandled|\n\s+at /);
    expect(await tables()).toEqual(before);
  });
});
