import path from 'node:path';
import { ANALYTICS } from '../../analytics/catalog.ts';
import type { AnalyticsResult } from '../../analytics/index.ts';
import { CHARTED_ANALYTICS } from '../../charts/chart-for-result.ts';
import { integerFlag, UsageError } from '../args.ts';
import type { CommandContext, CommandModule } from '../context.ts';
import { formatTable } from '../format.ts';
import { withWarehouse } from '../warehouse-session.ts';

const NAMES: readonly string[] = ANALYTICS.map((q) => q.name);

export const command: CommandModule = {
  summary: 'answer the song-play questions (top songs, plays by hour, ...) as tables, JSON or a chart',
  usage: [
    'sparkify analytics [NAME] [--limit N] [--chart FILE.svg] [--config dwh.cfg] [--json]',
    '',
    'Without NAME, runs every query. --limit sets how many rows the ranked queries return (default 10).',
    '--chart writes NAME as an SVG chart (needs a NAME that has a chart).',
    '',
    'queries:',
    ...ANALYTICS.map((q) => `  ${q.name.padEnd(24)} ${q.description}${CHARTED_ANALYTICS.includes(q.name) ? ' [chart]' : ''}`),
  ].join('\n'),
  flags: { values: ['limit', 'chart'] },
  positionals: [{ name: 'query', choices: NAMES }],
  async run(context) {
    const [name] = context.args.positionals;
    const chartFile = typeof context.args.flags.chart === 'string' ? path.resolve(context.cwd, context.args.flags.chart) : undefined;
    if (chartFile && (name === undefined || !CHARTED_ANALYTICS.includes(name))) {
      throw new UsageError(`--chart needs a query that has a chart: ${CHARTED_ANALYTICS.join(', ')}`);
    }
    const limit = integerFlag(context.args, 'limit', 10, 1);
    const [{ findAnalytics, runAnalytics }, { chartForResult, writeSvg }] = await Promise.all([
      import('../../analytics/index.ts'),
      import('../../charts/index.ts'),
    ]);
    const queries = name === undefined ? ANALYTICS : [findAnalytics(name)];

    const results = await withWarehouse(context, async (warehouse) => {
      const answered: AnalyticsResult[] = [];
      for (const query of queries) answered.push(await runAnalytics(warehouse, query, { limit }));
      return answered;
    });

    for (const result of results) printResult(context, result);
    if (chartFile) {
      await writeSvg(chartForResult(results[0]!)!, chartFile, { logger: context.logger });
      context.logger.info(`chart written to ${chartFile}`);
    }
    context.printJson(name === undefined ? { results } : results[0]);
    return 0;
  },
};

function printResult(context: CommandContext, result: AnalyticsResult): void {
  const limit = result.parameters.limit === undefined ? '' : ` (limit ${result.parameters.limit})`;
  context.print(`== ${result.title}${limit} ==`);
  context.print(formatTable(result.rows as Record<string, unknown>[], result.columns));
  context.print('');
}
