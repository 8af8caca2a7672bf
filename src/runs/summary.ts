import { formatDuration } from '../format/duration.ts';
import type { RunRecord } from './types.ts';

/** One line per run, as `sparkify runs` and notebook 03 show the history. */
export function runSummaryRows(runs: readonly RunRecord[]): Record<string, unknown>[] {
  return runs.map((run) => {
    const failedChecks = run.checks.filter((c) => !c.passed).length;
    return {
      started: run.started.toISOString().replace('T', ' ').slice(0, 19),
      took: run.finished ? formatDuration(run.finished.getTime() - run.started.getTime()) : '',
      status: run.status,
      mode: run.mode,
      partitions: summarisePartitions(run.partitions),
      songplays: run.rows.songplays ?? '',
      rejects: run.rejects,
      checks: run.checks.length === 0 ? '' : `${run.checks.length - failedChecks}/${run.checks.length} passed`,
    };
  });
}

function summarisePartitions(days: readonly string[]): string {
  if (days.length <= 2) return days.join(', ');
  return `${days[0]} .. ${days[days.length - 1]} (${days.length} days)`;
}
