import { listRuns, type RunRecord } from '../../runs/index.ts';
import { integerFlag } from '../args.ts';
import type { CommandModule } from '../context.ts';
import { formatDuration } from '../../format/duration.ts';
import { formatTable } from '../format.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'show the history of etl runs (newest first): status, mode, days, rows, checks, error',
  usage: 'sparkify runs [--limit N] [--config dwh.cfg] [--json]\n  --limit N  how many runs to show (default 20)',
  flags: { values: ['limit'] },
  async run(context) {
    const limit = integerFlag(context.args, 'limit', 20, 1);
    const runs = await withWarehouse(context, (warehouse) => listRuns(warehouse, { limit }));
    context.print(runs.length === 0 ? 'no runs recorded yet' : formatTable(runs.map(runRow)));
    for (const run of runs.filter((r) => r.error)) context.print(`\n${run.id} (${run.started.toISOString()}): ${run.error}`);
    context.printJson(runs);
    return 0;
  },
};

function runRow(run: RunRecord): Record<string, unknown> {
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
}

function summarisePartitions(days: readonly string[]): string {
  if (days.length <= 2) return days.join(', ');
  return `${days[0]} .. ${days[days.length - 1]} (${days.length} days)`;
}
