import type { AnalyticsResult } from '../../analytics/index.ts';
import type { CommandModule } from '../context.ts';
import { asConnectionError, warehouseTarget } from '../connection-failure.ts';
import { resolveData } from '../data-report.ts';
import { describeEtlFailure, etlJson, formatEtlSteps } from '../etl-report.ts';
import { formatTable } from '../format.ts';
import { progressReporter } from '../progress.ts';
import { withWarehouse } from '../warehouse-session.ts';

/** A taste of the analytics after the main job; `npx sparkify analytics` has them all. */
const SUMMARY_ANALYTICS = ['top_songs', 'level_share', 'plays_by_hour'];

export const command: CommandModule = {
  summary: 'the main job: sample data if needed, create tables, ETL, checks, summary (npm start)',
  usage: 'sparkify start [--config dwh.cfg] [--wait-lock SECONDS] [--json]',
  async run(context) {
    const [{ findAnalytics, runAnalytics }, { createTables }, { runEtl }, { STAR_TABLES, STAGING_TABLES }, { countRows }] = await Promise.all([
      import('../../analytics/index.ts'),
      import('../../pipeline/create-tables.ts'),
      import('../../pipeline/etl.ts'),
      import('../../schema/tables.ts'),
      import('../../warehouse/count-rows.ts'),
    ]);
    const progress = progressReporter({ interactive: context.interactive });
    // The warehouse is opened (and its DATA_DIR checked) before a sample is generated into the project.
    const outcome = await withWarehouse(
      context,
      async (warehouse) => {
        const { config, data } = await resolveData(context.config(), context.logger);
        // Said once, before the load starts, on stdout with the run's result (--json carries it in its object).
        context.print(`data: ${data.description}\n`);
        await createTables(warehouse, { logger: context.logger });
        const result = await runEtl(warehouse, config, {
          logger: context.logger,
          onProgress: (p) => progress.update(p),
          onTransformTable: (t) => progress.transformTable(t),
          onStep: (step, done) => {
            progress.done();
            if (!done) context.logger.info(`${step}...`);
          },
        });
        if (result.error) return { config, data, result, counts: [], analytics: [] };
        const counts = await countRows(warehouse, [...STAGING_TABLES, ...STAR_TABLES]);
        const analytics: AnalyticsResult[] = [];
        for (const name of SUMMARY_ANALYTICS) analytics.push(await runAnalytics(warehouse, findAnalytics(name), { limit: 5 }));
        return { config, data, result, counts, analytics };
      },
      { lock: { command: 'start', mode: 'exclusive' } },
    );
    const { config, data } = outcome;
    const error = outcome.result.error && (asConnectionError(outcome.result.error, warehouseTarget(config)) ?? outcome.result.error);
    context.print(formatEtlSteps(outcome.result.steps));
    const etl = etlJson(outcome.result, undefined, error);
    context.printJson({ ok: etl.ok, data, etl, tables: outcome.counts, analytics: outcome.analytics, ...(error ? { error: etl.error } : {}) });
    if (error) {
      context.logger.error(describeEtlFailure({ ...outcome.result, error }, { afterCreateTables: true }));
      return 1;
    }
    context.print(`\nrow counts\n${formatTable(outcome.counts)}`);
    for (const answer of outcome.analytics) context.print(`\n${answer.title}\n${formatTable(answer.rows as Record<string, unknown>[], answer.columns)}`);
    context.print(`\nThe warehouse stays in ${config.warehouse.dataDir} for the notebooks (npm run notebooks) and \`npx sparkify analytics\`.`);
    return 0;
  },
};
