import { writeFile, rm, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { startEmbeddedServer } from '#src/warehouse/embedded-server.ts';
import { freePort } from '../../support/free-port.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { checksums, dataset, failureLines, isAlive, scratchDir, sourcesIni, startCli, type CliRun } from './helpers.ts';

const HOLDER = /sparkify etl \(pid (\d+) on [^,]+, since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/;

/**
 * Two runs at once on one warehouse: the second fails at once naming the first (host, pid, start
 * time), or with --wait-lock waits and then runs alone; the tables are always one dataset, never a mix.
 */
describe('two concurrent runs', () => {
  let dir: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    dir = await scratchDir('concurrent');
    first = await dataset(path.join(dir, 'first'), 2_000, 21, 400);
    second = await dataset(path.join(dir, 'second'), 3_000, 22, 600);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('on the postgres engine', () => {
    let db: TestDatabase;
    const connection = () => ({ ...inject('postgres'), database: db.name });
    beforeAll(async () => {
      db = await createTestDatabase();
      await writeFile(path.join(dir, 'pg-first.cfg'), db.configText(sourcesIni(first)));
      await writeFile(path.join(dir, 'pg-second.cfg'), db.configText(sourcesIni(second)));
      const created = startCli(['create-tables', '--config', path.join(dir, 'pg-first.cfg')], { cwd: dir, env: db.env });
      expect((await created.exited).code, created.stderr()).toBe(0);
    });
    afterAll(() => db?.drop());

    it('the second run fails at once naming the first, which finishes with its own data only', async () => {
      const blocker = await holdTable(connection(), 'songplays');
      const running = startCli(['etl', '--config', path.join(dir, 'pg-first.cfg')], { cwd: dir, env: db.env });
      await running.waitFor(/^transform\.\.\.$/m);
      const second = startCli(['etl', '--config', path.join(dir, 'pg-second.cfg')], { cwd: dir, env: db.env });
      const { code } = await second.exited;
      await blocker.release();
      expect(code).toBe(1);
      const [line, ...more] = failureLines(second.stderr());
      expect(more).toEqual([]);
      expect(line).toMatch(
        new RegExp(
          `^sparkify etl failed: another run is using PostgreSQL \\S+@127\\.0\\.0\\.1:\\d+/${db.name}: ${HOLDER.source}; not waiting\\. One run that writes at a time per warehouse`,
        ),
      );
      expect(Number(HOLDER.exec(line!)![1])).toBe(running.pid);
      expect((await running.exited).code, running.stderr()).toBe(0);
      expect(await tableRows(connection())).toEqual({ staging_events: 2_000, users: await distinctUsers(connection()) });
      const alone = await checksums(connection());
      // The same data loaded again with nobody else around gives the same tables: nothing of the second run got in.
      const again = startCli(['etl', '--config', path.join(dir, 'pg-first.cfg')], { cwd: dir, env: db.env });
      expect((await again.exited).code).toBe(0);
      expect(await checksums(connection())).toEqual(alone);
    });

    it('with --wait-lock the second run waits, then loads its own dataset whole', async () => {
      const blocker = await holdTable(connection(), 'songplays');
      const running = startCli(['etl', '--config', path.join(dir, 'pg-first.cfg')], { cwd: dir, env: db.env });
      await running.waitFor(/^transform\.\.\.$/m);
      const waiting = startCli(['etl', '--config', path.join(dir, 'pg-second.cfg'), '--wait-lock', '600'], { cwd: dir, env: db.env });
      await waiting.waitFor(/^waiting up to 600 s for sparkify etl \(pid \d+/m);
      await blocker.release();
      expect((await running.exited).code, running.stderr()).toBe(0);
      expect((await waiting.exited).code, waiting.stderr()).toBe(0);
      expect((await tableRows(connection())).staging_events).toBe(3_000);
    });
  });

  describe('on the embedded engine', () => {
    let configs: { first: string; second: string };
    let dataDir: string;
    let port: number;
    beforeAll(async () => {
      dataDir = path.join(dir, 'pg');
      port = await freePort();
      const engine = `[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${dataDir}\nPORT = ${port}\n`;
      configs = { first: path.join(dir, 'emb-first.cfg'), second: path.join(dir, 'emb-second.cfg') };
      await writeFile(configs.first, engine + sourcesIni(first));
      await writeFile(configs.second, engine + sourcesIni(second));
      const created = startCli(['create-tables', '--config', configs.first], { cwd: dir });
      expect((await created.exited).code, created.stderr()).toBe(0);
    });

    /**
     * The test starts the server, locks songplays on a plain connection (so the first run stays in
     * its transform), lets the first run join, then leaves the server itself: from then on the runs
     * are its only users.
     */
    async function firstRunHeldInTransform(): Promise<{ running: CliRun; serverPid: number; blocker: { release(): Promise<void> } }> {
      const server = await startEmbeddedServer({ dataDir, port, database: 'sparkify', logger: silentLogger });
      const blocker = await holdTable(server.connection, 'songplays');
      const running = startCli(['etl', '--config', configs.first], { cwd: dir });
      await running.waitFor(/^transform\.\.\.$/m);
      await server.stop(); // leaves it running: the first run uses it
      return { running, serverPid: await postmasterPid(dataDir), blocker };
    }

    it('the second run fails at once and does not stop the server under the first, which finishes', async () => {
      const { running, serverPid, blocker } = await firstRunHeldInTransform();
      const second = startCli(['etl', '--config', configs.second], { cwd: dir });
      expect((await second.exited).code).toBe(1);
      expect(failureLines(second.stderr())).toEqual([
        expect.stringMatching(
          new RegExp(
            `^sparkify etl failed: another run is using embedded PostgreSQL on 127\\.0\\.0\\.1:\\d+, database sparkify \\(${dataDir}\\): ${HOLDER.source}; not waiting`,
          ),
        ),
      ]);
      expect(second.stderr()).toContain(`leaving the embedded server for ${dataDir} running`);
      expect(isAlive(serverPid)).toBe(true);
      await blocker.release();
      const done = await running.exited;
      expect(done.code, running.stderr()).toBe(0);
      expect(running.stdout()).toMatch(/load staging\s+succeeded\s+staging_events 2,000/);
      expect(isAlive(serverPid)).toBe(false); // the last user out stopped it
    });

    it('a second run that waits uses the server the first is on, and the last one out stops it', async () => {
      const { running, serverPid, blocker } = await firstRunHeldInTransform();
      const waiting = startCli(['etl', '--config', configs.second, '--wait-lock', '600'], { cwd: dir });
      await waiting.waitFor(/^waiting up to 600 s for sparkify etl/m);
      await blocker.release();
      expect((await running.exited).code, running.stderr()).toBe(0);
      expect(running.stderr()).toMatch(/leaving the embedded server for .* running: sparkify server user pid \d+ still uses it/);
      const done = await waiting.exited;
      expect(done.code, waiting.stderr()).toBe(0);
      expect(waiting.stdout()).toMatch(/load staging\s+succeeded\s+staging_events 3,000/);
      expect(isAlive(serverPid)).toBe(false);
    });
  });
});

async function holdTable(connection: pg.ClientConfig, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client(connection);
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

async function tableRows(connection: pg.ClientConfig): Promise<Record<string, number>> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const events = await client.query('SELECT count(*)::int AS n FROM staging_events');
    const users = await client.query('SELECT count(*)::int AS n FROM users');
    return { staging_events: events.rows[0].n, users: users.rows[0].n };
  } finally {
    await client.end();
  }
}

/** Users as the events in staging say: equal to the users table only when both come from one dataset. */
async function distinctUsers(connection: pg.ClientConfig): Promise<number> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(DISTINCT user_id)::int AS n FROM staging_events WHERE user_id IS NOT NULL AND user_id <> ''");
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}
