import { integerFlag } from '../args.ts';
import type { CommandModule } from '../context.ts';
import { formatTable } from '../format.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'show the history of etl runs (newest first): status, mode, days, rows, checks, error',
  usage: 'sparkify runs [--limit N] [--config dwh.cfg] [--json]\n  --limit N  how many runs to show (default 20)',
  flags: { values: ['limit'] },
  async run(context) {
    const limit = integerFlag(context.args, 'limit', 20, 1);
    // Loaded when the command runs, so `sparkify --help` does not load the warehouse code (startup-modules test).
    const { listRuns, runSummaryRows } = await import('../../runs/index.ts');
    const runs = await withWarehouse(context, (warehouse) => listRuns(warehouse, { limit }));
    context.print(runs.length === 0 ? 'no runs recorded yet' : formatTable(runSummaryRows(runs)));
    for (const run of runs.filter((r) => r.error)) context.print(`\n${run.id} (${run.started.toISOString()}): ${run.error}`);
    // One JSON object, as every command prints (docs/cli.md); the runs are its array `runs`, so a
    // failure ({"ok": false, "error"}) and a result have the same shape.
    context.printJson({ ok: true, runs });
    return 0;
  },
};
