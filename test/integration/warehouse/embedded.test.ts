import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { openWarehouse } from '#src/warehouse/open.ts';
import { freePort } from '../../support/free-port.ts';

/** The embedded engine's own lifecycle, in a data folder of its own (not the suite's shared server). */
describe('embedded engine', () => {
  let root: string;
  let configText: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sparkify-embedded-'));
    await chmod(root, 0o755);
    configText = `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${root}/pg\nPORT = ${await freePort()}\n`;
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('initialises on first use, keeps data across runs, and stops cleanly', async () => {
    const first = await openWarehouse(parseConfig(configText), { logger: silentLogger });
    await first.query('CREATE TABLE kept (n integer)');
    await first.query('INSERT INTO kept VALUES (42)');
    await first.close();
    expect(existsSync(path.join(root, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await openWarehouse(parseConfig(configText), { logger: silentLogger });
    expect((await second.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
    expect(second.description).toContain('embedded PostgreSQL on 127.0.0.1');
    await second.close();
  });

  it('recovers from an earlier run that was killed with the server still running', async () => {
    // A separate process starts the server, then dies by SIGKILL without stopping it.
    const script = `
      import { parseConfig } from './src/config/index.ts';
      import { openWarehouse } from './src/warehouse/open.ts';
      import { silentLogger } from './src/logger.ts';
      const w = await openWarehouse(parseConfig(${JSON.stringify(configText)}), { logger: silentLogger });
      await w.query('SELECT 1');
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const orphanPid = Number(readFileSync(path.join(root, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(isAlive(orphanPid)).toBe(true);

    const warehouse = await openWarehouse(parseConfig(configText), { logger: silentLogger });
    expect((await warehouse.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
    await warehouse.close();
    expect(isAlive(orphanPid)).toBe(false);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
