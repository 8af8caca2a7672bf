import { createTables } from '../../pipeline/create-tables.ts';
import { runEtl } from '../../pipeline/etl.ts';
import { resolveStartSources } from '../../pipeline/sources.ts';
import { STAR_TABLES, STAGING_TABLES } from '../../schema/tables.ts';
import { loadSql } from '../../sql/sql-files.ts';
import type { CommandModule } from '../context.ts';
import { etlJson, formatEtlSteps } from '../etl-report.ts';
import { formatTable } from '../format.ts';
import { loadProgressReporter } from '../progress.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'the main job: sample data if needed, create tables, ETL, checks, summary (npm start)',
  usage: 'sparkify start [--config dwh.cfg] [--json]',
  async run(context) {
    const { config, description } = await resolveStartSources(context.config(), context.logger);
    context.logger.info(`data: ${description}`);
    const progress = loadProgressReporter(context.interactive);
    const outcome = await withWarehouse(context, async (warehouse) => {
      await createTables(warehouse, { logger: context.logger });
      const result = await runEtl(warehouse, config, {
        logger: context.logger,
        onProgress: (p) => progress.update(p),
        onStep: (step, done) => {
          progress.done();
          if (!done) context.logger.info(`${step}...`);
        },
      });
      if (result.error) return { result, counts: [] };
      const counts = [];
      for (const table of [...STAGING_TABLES, ...STAR_TABLES]) {
        const { rows } = await warehouse.query<{ row_count: number }>(loadSql('common/count_rows', { identifiers: { table: table.name } }), [], `count ${table.name}`);
        counts.push({ table: table.name, rows: rows[0]!.row_count });
      }
      return { result, counts };
    });
    context.print(`data: ${description}\n`);
    context.print(formatEtlSteps(outcome.result.steps));
    context.printJson({ data: description, etl: etlJson(outcome.result), tables: outcome.counts });
    if (outcome.result.error) {
      context.logger.error(outcome.result.error.message);
      return 1;
    }
    context.print(`\nrow counts\n${formatTable(outcome.counts)}`);
    context.print(`\nThe warehouse stays in ${config.warehouse.dataDir} for the notebooks (npm run notebooks) and \`npx sparkify analytics\`.`);
    return 0;
  },
};
