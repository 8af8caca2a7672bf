import path from 'node:path';
import { playWindow } from '../../analytics/run.ts';
import { AnalyticsError } from '../../analytics/run.ts';
import { integerFlag, UsageError } from '../args.ts';
import type { CommandModule } from '../context.ts';
import { formatBytes } from '../format.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'write one self-contained HTML report: every analytics answer with its chart, schema, runs, checks',
  usage: [
    'sparkify report [--out report.html] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--config dwh.cfg] [--json]',
    '',
    'Every analytics question as a table and, where it has one, a chart (tooltips on hover), the star-schema',
    'diagram, the run history and the data-quality checks, saying when and from which data it was built.',
    'One HTML file with inline CSS and SVG: it fetches nothing, so it can be mailed or archived as is.',
    '--from/--to count only plays on those UTC days (both included); --limit sets the length of the rankings.',
  ].join('\n'),
  flags: { values: ['out', 'from', 'to', 'limit'] },
  async run(context) {
    const { positionals, flags } = context.args;
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (the file goes after --out)`);
    const out = path.resolve(context.cwd, typeof flags.out === 'string' ? flags.out : 'report.html');
    const from = typeof flags.from === 'string' ? flags.from : undefined;
    const to = typeof flags.to === 'string' ? flags.to : undefined;
    const limit = integerFlag(context.args, 'limit', 10, 1);
    try {
      playWindow({ from, to });
    } catch (error) {
      if (error instanceof AnalyticsError) throw new UsageError(`--${error.message}`);
      throw error;
    }
    const config = context.config();
    const { writeReport } = await import('../../report/index.ts');
    const { data, bytes } = await withWarehouse(context, (warehouse) => writeReport(warehouse, config, out, { from, to, limit, logger: context.logger }));
    const charts = data.sections.filter((s) => s.chartSvg).length;
    const failed = data.checks.filter((c) => !c.passed).length;
    context.print(
      `report written to ${out} (${formatBytes(bytes)}): ${data.sections.length} questions, ${charts} charts, ${data.checks.length} checks${failed ? ` (${failed} FAILED)` : ''}`,
    );
    context.printJson({
      out,
      bytes,
      questions: data.sections.map((s) => s.result.name),
      charts,
      checks: data.checks.length,
      failedChecks: failed,
      runHistory: data.runs !== undefined,
    });
    return 0;
  },
};
