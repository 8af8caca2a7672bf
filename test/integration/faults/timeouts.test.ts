import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { CannotConnectError } from '#src/errors.ts';
import { silentLogger } from '#src/logger.ts';
import { openWarehouse } from '#src/warehouse/open.ts';
import { failureLines, scratchDir, startCli, startSilentServer, type SilentServer } from './helpers.ts';

/** A PostgreSQL port that accepts connections and never answers: every attempt fails within CONNECT_TIMEOUT, naming host:port. */
describe('a port that accepts and never answers', () => {
  let silent: SilentServer;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    silent = await startSilentServer();
    port = silent.port;
    dir = await scratchDir('timeouts');
  });
  afterAll(async () => {
    await silent?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const configText = (timeout: number) =>
    `[WAREHOUSE]\nENGINE = postgres\nCONNECT_TIMEOUT = ${timeout}\n[CLUSTER]\nHOST = 127.0.0.1\nDB_PORT = ${port}\nDB_NAME = sparkify\nDB_USER = sparkify\nDB_PASSWORD = x\n`;

  it('the library fails with CannotConnectError naming host and port', async () => {
    const warehouse = await openWarehouse(parseConfig(configText(1)), { logger: silentLogger });
    try {
      const failure = await warehouse.query('SELECT 1').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(CannotConnectError);
      expect((failure as Error).message).toBe(`cannot connect to 127.0.0.1:${port}: no answer within 1 s (connect timeout: [WAREHOUSE] CONNECT_TIMEOUT)`);
    } finally {
      await warehouse.close();
    }
  });

  it('the CLI prints one line and exits 1 for a command that writes (etl) and one that reads (check)', async () => {
    await writeFile(path.join(dir, 'dwh.cfg'), configText(2));
    for (const command of ['etl', 'check']) {
      const run = startCli([command], { cwd: dir });
      expect((await run.exited).code).toBe(1);
      expect(failureLines(run.stderr())).toEqual([
        `sparkify ${command} failed: cannot connect to 127.0.0.1:${port}: no answer within 2 s (connect timeout: [WAREHOUSE] CONNECT_TIMEOUT)`,
      ]);
    }
  });
});
