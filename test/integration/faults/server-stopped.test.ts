import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.ts';
import { dataset, embeddedChecksums, failureLines, isAlive, scratchDir, sourcesIni, startCli } from './helpers.ts';

/**
 * The server stops under a running ETL (someone stops it, it crashes): the CLI says in one line that
 * the connection was lost and what was and was not committed, exits 1 with no stack trace and no
 * unhandled 'error' event, and the tables are intact when the server comes back.
 */
describe('the embedded server stopped mid-COPY and mid-transform', () => {
  let dir: string;
  let dataDir: string;
  let port: number;
  let bigConfig: string;
  let before: Record<string, string>;

  const tables = () => embeddedChecksums(dataDir, port);

  beforeAll(async () => {
    dir = await scratchDir('stopped');
    dataDir = path.join(dir, 'pg');
    port = await freePort();
    const engine = `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${dataDir}\nPORT = ${port}\n`;
    const small = await dataset(path.join(dir, 'small'), 3_000, 31, 500);
    const big = await dataset(path.join(dir, 'big'), 200_000, 32, 5_000);
    await writeFile(path.join(dir, 'small.cfg'), engine + sourcesIni(small));
    bigConfig = path.join(dir, 'big.cfg');
    await writeFile(bigConfig, engine + sourcesIni(big));
    for (const command of ['create-tables', 'etl']) {
      const run = startCli([command, '--config', path.join(dir, 'small.cfg')], { cwd: dir });
      expect((await run.exited).code, run.stderr()).toBe(0);
    }
    before = await tables();
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  const where = () => `embedded PostgreSQL on 127.0.0.1:${port}, database sparkify (${dataDir})`;

  it('mid-COPY: one line, exit 1, nothing of the load committed, tables intact', async () => {
    const run = startCli(['etl', '--config', bigConfig], { cwd: dir });
    await run.waitFor(/staging_events: \d+\/\d+ files/);
    await stopServer();
    expect((await run.exited).code).toBe(1);
    expect(failureLines(run.stderr())).toEqual([
      // The stop lands in the COPY or, on a busy machine, in the ANALYZE of the same transaction right after it.
      expect.stringMatching(
        new RegExp(
          `^error: lost the connection to ${escape(where())}(?: during [\\w ]+)? \\(${LOST}\\): load staging rolled back \\(nothing of it committed\\); nothing of this run was committed; the star tables are as before this run$`,
        ),
      ),
    ]);
    expect(run.stderr()).not.toMatch(/Unhandled|TypeError|\n\s+at /);
    expect(await tables()).toEqual(before);
  });

  it('mid-transform: one line, exit 1, staging committed, star tables intact', async () => {
    const run = startCli(['etl', '--config', bigConfig], { cwd: dir });
    await run.waitFor(/^transform\.\.\.$/m);
    await untilRunning(/INSERT INTO/);
    await stopServer();
    expect((await run.exited).code).toBe(1);
    expect(failureLines(run.stderr())).toEqual([
      expect.stringMatching(
        new RegExp(
          // The audit build writes two lanes side by side: the stop lands in a model's INSERT or in the other lane's statement.
          `^error: lost the connection to ${escape(where())} during ${AUDIT_BUILD_STATEMENT} \\(${LOST}\\): transform rolled back \\(nothing of it committed\\); committed: load staging \\(staging tables replaced\\); the star tables are as before this run$`,
        ),
      ),
    ]);
    const after = await tables();
    for (const table of ['songplays', 'users', 'songs', 'artists', 'time']) expect(after[table], table).toBe(before[table]);
    expect(after.staging_events).toMatch(/^200000 rows/);
  });

  /** What a lane of the audit build may be running (write-audit-publish.ts): a model, or a table or key index of one. */
  const AUDIT_BUILD_STATEMENT = String.raw`(?:transform/\w+|create sparkify_audit\.\w+|index sparkify_audit\.\w+ \([\w, ]+\)|prefer hash joins)`;

  /** Until the run's connection is executing a statement matching `pattern`. */
  async function untilRunning(pattern: RegExp): Promise<void> {
    const password = (await readFile(`${dataDir}.password`, 'utf8')).trim();
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'sparkify' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      for (;;) {
        const { rows } = await client.query("SELECT query FROM pg_stat_activity WHERE application_name = 'sparkify' AND state = 'active'");
        if (rows.some((row) => pattern.test(row.query))) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await client.end();
    }
  }

  /** What an operator (or a crash) does: stop the server under the run; waits until it is gone. */
  async function stopServer(): Promise<void> {
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGINT');
    while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

/** How the loss shows, depending on whether the server's goodbye or the broken socket is seen first. */
const LOST = '(?:terminating connection due to administrator command|write ECONNRESET|read ECONNRESET|write EPIPE|Connection terminated unexpectedly)';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
