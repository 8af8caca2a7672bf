import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { runEtl } from '#src/pipeline/etl.ts';
import { sharedDataRoot } from '#src/pipeline/sources.ts';
import { listRuns } from '#src/runs/index.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/sparkify.js');
const root = sharedDataRoot();

/** Every run, succeeded or failed, lands in sparkify_runs; `sparkify runs` shows them. */
describe('run history', () => {
  let db: TestDatabase;
  let data: Dataset;
  let warehouse: Warehouse;
  let configFile: string;
  const sparkify = (...args: string[]) => run(process.execPath, [BIN, ...args, '--config', configFile], { env: { ...process.env, ...db.env }, cwd: data.root });
  const failing = (...args: string[]) =>
    sparkify(...args).then(
      () => {
        throw new Error(`sparkify ${args.join(' ')} succeeded`);
      },
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  beforeAll(async () => {
    data = await writeDataset({
      logFiles: {
        '2018-11-01-events.json': ndjson([
          play({ song: 'Song A', artist: 'Band', length: 200, sessionId: 1, itemInSession: 0, userId: '5', level: 'free', ts: 1541100000000 }),
        ]),
      },
      songFiles: { 'A/A/A/TRAAA1.json': JSON.stringify(song({ song_id: 'SOA', title: 'Song A', artist_name: 'Band', artist_id: 'ARB', duration: 200 })) },
    });
    db = await createTestDatabase();
    warehouse = await db.open();
    configFile = path.join(data.root, 'dwh.cfg');
    await writeFile(configFile, db.configText(data.s3Section));
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await data?.remove();
  });

  it('is empty before the first run (the table is created on first use)', async () => {
    expect(JSON.parse((await sparkify('runs', '--json')).stdout)).toEqual({ ok: true, runs: [] });
    expect((await sparkify('runs')).stdout).toContain('no runs recorded yet');
  });

  it('records a failed run when the tables do not exist yet', async () => {
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.error).toBeDefined();
    const [latest] = await listRuns(warehouse);
    expect(latest?.status).toBe('failed');
    expect(latest?.error).toMatch(/staging_events/);
  });

  it('records a succeeded run with its rows, rejects and checks; create-tables keeps the history', async () => {
    await createTables(warehouse, { logger: silentLogger });
    const result = await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    expect(result.error).toBeUndefined();
    const runs = await listRuns(warehouse);
    expect(runs).toHaveLength(2);
    const latest = runs[0]!;
    expect(latest).toMatchObject({ status: 'succeeded', mode: 'full', partitions: [], rejects: 0, error: undefined });
    expect(latest.rows).toEqual({ staging_events: 1, staging_songs: 1, users: 1, user_level_history: 1, artists: 1, songs: 1, time: 1, songplays: 1 });
    expect(latest.dayEvents).toEqual({ '2018-11-01': 1 });
    expect(latest.checks.length).toBeGreaterThan(10);
    expect(latest.checks.every((c) => c.passed && c.severity === 'error')).toBe(true);
    expect(latest.finished!.getTime()).toBeGreaterThanOrEqual(latest.started.getTime());
  });

  it('records a run whose check failed, with the failed checks and the error', async () => {
    await writeFile(
      path.join(data.root, 'log_data', '2018', '11', '2018-11-02-events.json'),
      ndjson([play({ song: 'Song A', artist: 'Band', length: 200, sessionId: 2, itemInSession: 0, userId: '6', level: 'gold', ts: 1541200000000 })]),
    );
    const failure = await failing('etl');
    expect(failure.code).toBe(1);
    const [latest] = await listRuns(warehouse);
    expect(latest?.status).toBe('failed');
    expect(latest?.error).toContain('accepted_values songplays.level');
    expect(latest?.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([
      'accepted_values users.level in (free, paid)',
      'accepted_values user_level_history.level in (free, paid)',
      'accepted_values songplays.level in (free, paid)',
    ]);
    // Rows built but not published.
    expect(latest?.rows.songplays).toBe(2);
  });

  it('`runs --json` lists every run newest first, each succeeded or failed; --limit caps it', async () => {
    const all = JSON.parse((await sparkify('runs', '--json')).stdout) as { ok: boolean; runs: { status: string; mode: string }[] };
    expect(all.ok).toBe(true);
    expect(all.runs.map((r) => r.status)).toEqual(['failed', 'succeeded', 'failed']);
    const one = JSON.parse((await sparkify('runs', '--limit', '1', '--json')).stdout) as { runs: unknown[] };
    expect(one.runs).toHaveLength(1);
    // A failure has the same outer shape: one object with ok and, instead of runs, the error.
    const bad = await failing('runs', '--limit', '0', '--json');
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    const human = (await sparkify('runs')).stdout;
    expect(human).toMatch(/status\s+\|?\s*mode/);
    expect(human).toContain('accepted_values songplays.level');
  });

  it('rejects a bad --limit with a usage error', async () => {
    const failure = await failing('runs', '--limit', 'lots');
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('--limit must be a whole number >= 1');
  });

  it.skipIf(!root)('a run killed half way is recorded as failed (interrupted) when the next run starts', async () => {
    const killedConfig = path.join(data.root, 'public.cfg');
    await writeFile(killedConfig, db.configText(`[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`));
    const child = spawn(process.execPath, [BIN, 'etl', '--config', killedConfig], { env: { ...process.env, ...db.env }, stdio: 'ignore' });
    let ended = false;
    const exited = new Promise((resolve) => child.once('exit', resolve)).then(() => (ended = true));
    // Wait until the run has recorded its start, then kill it without warning.
    for (;;) {
      if (ended) throw new Error('the etl process ended before it could be killed');
      const { rows } = await warehouse.query<{ n: number }>("SELECT COUNT(*) AS n FROM sparkify_runs WHERE status = 'running'");
      if (Number(rows[0]?.n) > 0) break;
      await sleep(50);
    }
    child.kill('SIGKILL');
    await exited;
    expect((await listRuns(warehouse))[0]?.status).toBe('running');
    await runEtl(warehouse, db.config(data.s3Section), { logger: silentLogger });
    const [latest, killed] = await listRuns(warehouse);
    expect(latest?.status).toBe('failed');
    expect(killed?.status).toBe('failed');
    expect(killed?.error).toMatch(/^interrupted/);
  });
});
