import { runChecks } from '../../pipeline/checks.ts';
import type { CommandModule } from '../context.ts';
import { formatTable } from '../format.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'run the data-quality checks on the star schema',
  usage: 'sparkify check [--config dwh.cfg] [--wait-lock SECONDS] [--json]',
  async run(context) {
    const results = await withWarehouse(context, (warehouse) => runChecks(warehouse), { lock: { command: 'check', mode: 'shared' } });
    context.print(formatTable(results.map((r) => ({ check: r.name, result: r.passed ? 'passed' : 'FAILED', failing_rows: r.failingRows }))));
    const failed = results.filter((r) => !r.passed);
    for (const check of failed) context.print(`\n${check.name}: e.g.\n${formatTable(check.sample)}`);
    context.printJson({ ok: failed.length === 0, checks: results });
    if (failed.length > 0) {
      context.logger.error(`${failed.length} of ${results.length} checks failed`);
      return 1;
    }
    context.logger.info(`all ${results.length} checks passed`);
    return 0;
  },
};
