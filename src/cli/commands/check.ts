import type { CommandModule } from '../context.ts';
import { formatTable } from '../format.ts';
import { describeFailure } from '../output/failure.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'run the data-quality checks on the star schema',
  usage: [
    'sparkify check [--config dwh.cfg] [--wait-lock SECONDS] [--json]',
    '',
    'Runs every data-quality check on the star schema and shows the failing rows of each failed check.',
    'Fails (exit 1) when a check finds rows, including when a star table is empty although staging holds its',
    'input, or when nothing is loaded at all. A warehouse that cannot be reached is a connection error.',
  ].join('\n'),
  async run(context) {
    const { DataQualityError, runChecks } = await import('../../pipeline/checks.ts');
    const results = await withWarehouse(context, (warehouse) => runChecks(warehouse), { lock: { command: 'check', mode: 'shared' } });
    context.print(formatTable(results.map((r) => ({ check: r.name, result: r.passed ? 'passed' : 'FAILED', failing_rows: r.failingRows }))));
    const failed = results.filter((r) => !r.passed);
    for (const check of failed) context.print(`\n${check.name}: e.g.\n${formatTable(check.sample)}`);
    context.printJson({ ok: failed.length === 0, checks: results, ...(failed.length > 0 ? { error: describeFailure(new DataQualityError(failed)) } : {}) });
    if (failed.length > 0) {
      context.logger.error(`${failed.length} of ${results.length} checks failed`);
      return 1;
    }
    context.logger.info(`all ${results.length} checks passed`);
    return 0;
  },
};
