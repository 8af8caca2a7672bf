import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import { dialectAdapter } from '../dialect/index.ts';
import { renderCreateTable } from '../schema/render-ddl.ts';
import { runsTable } from '../schema/tables.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Queryable, Warehouse } from '../warehouse/types.ts';
import type { RecordedCheck, RunMode, RunRecord } from './types.ts';

/** A UTC instant as the warehouse's TIMESTAMP columns hold it (no zone, milliseconds kept). */
function utc(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** Creates sparkify_runs where it does not exist yet; never drops it. */
export async function ensureRunsTable(warehouse: Warehouse): Promise<void> {
  await warehouse.query(renderCreateTable(runsTable, dialectAdapter(warehouse.dialect).ddl), [], `create ${runsTable.name}`);
}

export interface RunStart {
  readonly id: string;
  readonly started: Date;
}

/**
 * Records a run as started. Runs still marked running from before were cut off without recording an
 * ending (killed, connection lost): they are marked failed first. Should a run really still be going
 * (two runs at once), its own ending overwrites that mark.
 */
export async function startRun(warehouse: Warehouse, run: { mode: RunMode; partitions: readonly string[] }, now = new Date()): Promise<RunStart> {
  await ensureRunsTable(warehouse);
  await warehouse.query(loadSql('runs/fail_abandoned_runs'), [utc(now)], 'mark abandoned runs failed');
  const id = randomUUID();
  await warehouse.query(loadSql('runs/insert_run'), [id, utc(now), run.mode, run.partitions.join(',')], 'record run start');
  return { id, started: now };
}

export interface RunEnd {
  readonly status: 'succeeded' | 'failed';
  readonly rows: Readonly<Record<string, number>>;
  readonly rejects: number;
  readonly dayEvents: Readonly<Record<string, number>>;
  readonly checks: readonly RecordedCheck[];
  readonly error: string | undefined;
}

export async function finishRun(warehouse: Queryable, run: RunStart, end: RunEnd, now = new Date()): Promise<void> {
  await warehouse.query(
    loadSql('runs/finish_run'),
    [
      run.id,
      utc(now),
      end.status,
      JSON.stringify(end.rows),
      end.rejects,
      JSON.stringify(end.checks),
      end.error === undefined ? null : end.error.slice(0, 4000),
      JSON.stringify(end.dayEvents),
    ],
    'record run end',
  );
}

/**
 * Records the start and end of `work` in sparkify_runs; a failure to record never hides the run's own
 * outcome (it is logged as a warning instead).
 */
export async function recordRun<T>(
  warehouse: Warehouse,
  run: { mode: RunMode; partitions: readonly string[] },
  logger: Logger,
  work: () => Promise<T>,
  describe: (result: T) => RunEnd,
): Promise<T> {
  const started = await startRun(warehouse, run).catch((error: Error) => {
    logger.warn(`could not record the run in ${runsTable.name}: ${error.message}`);
    return undefined;
  });
  const finish = async (end: RunEnd) => {
    if (!started) return;
    await finishRun(warehouse, started, end).catch((error: Error) => logger.warn(`could not record the run's end in ${runsTable.name}: ${error.message}`));
  };
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await finish({ status: 'failed', rows: {}, rejects: 0, dayEvents: {}, checks: [], error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  await finish(describe(result));
  return result;
}

interface RunRow {
  run_id: string;
  started_at: Date;
  finished_at: Date | null;
  status: string;
  mode: string;
  partitions: string | null;
  table_rows: string | null;
  rejects: number | null;
  day_events: string | null;
  check_results: string | null;
  error: string | null;
}

/** The latest runs, newest first (for `sparkify runs`, notebooks and reports). An empty list before the first run. */
export async function listRuns(warehouse: Warehouse, options: { limit?: number } = {}): Promise<RunRecord[]> {
  await ensureRunsTable(warehouse);
  const { rows } = await warehouse.query<RunRow>(loadSql('runs/list_runs'), [options.limit ?? 20], 'list runs');
  return rows.map((row) => ({
    id: row.run_id,
    started: row.started_at,
    finished: row.finished_at ?? undefined,
    status: row.status === 'succeeded' || row.status === 'failed' ? row.status : 'running',
    mode: row.mode === 'partition' ? 'partition' : 'full',
    partitions: row.partitions ? row.partitions.split(',') : [],
    rows: row.table_rows ? (JSON.parse(row.table_rows) as Record<string, number>) : {},
    rejects: row.rejects ?? 0,
    dayEvents: row.day_events ? (JSON.parse(row.day_events) as Record<string, number>) : {},
    checks: row.check_results ? (JSON.parse(row.check_results) as RecordedCheck[]) : [],
    error: row.error ?? undefined,
  }));
}

/**
 * Events per day over the history: for each day, the count from the newest run that loaded it (a
 * re-run of a day replaces its events). Oldest day first, for a chart of rows per day.
 */
export function eventsPerDay(runs: readonly RunRecord[]): { day: string; events: number }[] {
  const latest = new Map<string, number>();
  for (const run of [...runs].sort((a, b) => a.started.getTime() - b.started.getTime())) {
    if (run.status !== 'succeeded') continue;
    for (const [day, events] of Object.entries(run.dayEvents)) latest.set(day, events);
  }
  return [...latest.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, events]) => ({ day, events }));
}
