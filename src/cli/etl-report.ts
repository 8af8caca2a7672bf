import { QueryError } from '../errors.ts';
import type { EtlResult, StepResult } from '../pipeline/etl.ts';
import type { DataReport } from './data-report.ts';
import { formatDuration, formatTable } from './format.ts';
import { describeFailure } from './output/failure.ts';

/** The per-step table the etl and start commands print. */
export function formatEtlSteps(steps: readonly StepResult[]): string {
  return formatTable(
    steps.map((s) => ({
      step: s.step,
      status: s.status,
      rows:
        Object.entries(s.rows)
          .map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`)
          .join(', ') +
          (s.rejected ? ` (${s.rejected} rejected)` : '') +
          (s.songFiles
            ? ` (song files: ${s.songFiles.mode === 'append' ? `${s.songFiles.loaded} new` : 'all reloaded'} of ${s.songFiles.total.toLocaleString('en-US')})`
            : '') || (s.checks ? checksSummary(s.checks) : ''),
      time: s.status === 'skipped' ? '' : formatDuration(s.elapsedMs),
    })),
  );
}

export function etlFailureHint(result: EtlResult): string | undefined {
  const error = result.error;
  // 42P01 undefined_table: the tables were never created on this warehouse.
  if (error instanceof QueryError && error.sqlState === '42P01') return 'hint: the tables do not exist yet; run `npx sparkify create-tables` first';
  return undefined;
}

/** The run as one JSON object: which data, each step, and the failure (code and message) if any. */
export function etlJson(result: EtlResult, data?: DataReport, error: Error | undefined = result.error): Record<string, unknown> {
  return {
    ok: !error,
    ...(data ? { data } : {}),
    steps: result.steps.map((s) => ({
      step: s.step,
      status: s.status,
      elapsedMs: Math.round(s.elapsedMs),
      rows: s.rows,
      rejected: s.rejected,
      ...(s.songFiles ? { songFiles: s.songFiles } : {}),
      checks: s.checks?.map((c) => ({ name: c.name, passed: c.passed, failingRows: c.failingRows })),
      ...(s.operational ? { operational: s.operational } : {}),
      error: s.error?.message,
    })),
    ...(error ? { error: describeFailure(error) } : {}),
  };
}

/**
 * The failure line: the error, and for a fault (interruption, lost connection, full disk) what this
 * run did and did not commit. Each step commits whole or not at all, so the steps' statuses say it
 * exactly. `afterCreateTables`: the run recreated every table (empty) before the ETL (`start`).
 */
export function describeEtlFailure(result: EtlResult, options: { afterCreateTables?: boolean } = {}): string {
  const error = result.error;
  if (!error) return '';
  const code = (error as { code?: string }).code;
  if (code !== 'INTERRUPTED' && code !== 'CONNECTION_LOST' && code !== 'DISK_FULL') return error.message;
  const steps = result.steps.filter((s) => s.status === 'succeeded').map((s) => s.step);
  const committed = [
    ...(options.afterCreateTables ? ['create-tables (every table recreated empty)'] : []),
    ...steps.map((s) => (s === 'load staging' ? 'load staging (staging tables replaced)' : s)),
  ];
  const failed = result.steps.find((s) => s.status === 'failed')?.step;
  const starTables = steps.includes('transform')
    ? "the star tables hold this run's data"
    : options.afterCreateTables
      ? 'the star tables are empty'
      : 'the star tables are as before this run';
  const done = committed.length > 0 ? `committed: ${committed.join(', ')}` : 'nothing of this run was committed';
  return `${error.message}: ${failed ? `${failed} rolled back (nothing of it committed); ` : ''}${done}; ${starTables}`;
}

/** "29 checks passed", or "27 of 29 checks passed" when some failed (the failed step's row must not read as a pass). */
function checksSummary(checks: readonly { readonly passed: boolean }[]): string {
  const passed = checks.filter((c) => c.passed).length;
  return passed === checks.length ? `${checks.length} checks passed` : `${passed} of ${checks.length} checks passed`;
}
