import { integerFlag } from '../args.ts';
import { asConnectionError, warehouseTarget } from '../connection-failure.ts';
import type { CommandModule } from '../context.ts';
import { resolveData } from '../data-report.ts';
import { describeEtlFailure, etlFailureHint, etlJson, formatEtlSteps } from '../etl-report.ts';
import { progressReporter } from '../progress.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'load staging from the sources, build the star schema, run the data-quality checks',
  usage: [
    'sparkify etl [--max-errors N] [--wait-lock SECONDS] [--config dwh.cfg] [--json]',
    '',
    'Loads the [S3] sources (all three of LOG_DATA, LOG_JSONPATH, SONG_DATA; when none is set, the generated',
    'sample, generated on first use), rebuilds the star schema, runs the data-quality checks. Says which data it loaded.',
    '',
    '  --max-errors N  bad records tolerated per staging load (default: [S3] MAXERROR, else 0)',
    '  --wait-lock S   wait up to S seconds for another run on this warehouse to finish (default: [WAREHOUSE] LOCK_TIMEOUT, else 0)',
  ].join('\n'),
  flags: { values: ['max-errors'] },
  async run(context) {
    const { runEtl } = await import('../../pipeline/etl.ts');
    const maxErrors = context.args.flags['max-errors'] === undefined ? undefined : integerFlag(context.args, 'max-errors', 0);
    const progress = progressReporter({ interactive: context.interactive });
    // The warehouse is opened (and its DATA_DIR checked) before a sample is generated into the project.
    const { config, data, result } = await withWarehouse(context, async (warehouse) => {
      const resolved = await resolveData(context.config(), context.logger);
      // Said once, before the load starts, on stdout with the run's result (--json carries it in its object).
      context.print(`data: ${resolved.data.description}\n`);
      const etl = await runEtl(warehouse, resolved.config, {
        logger: context.logger,
        maxErrors,
        onProgress: (p) => progress.update(p),
        onTransformTable: (t) => progress.transformTable(t),
        onStep: (step, done) => {
          progress.done();
          if (!done) context.logger.info(`${step}...`);
        },
      });
      return { ...resolved, result: etl };
    });
    // A step that could not reach the warehouse failed to connect; no data was judged.
    const error = result.error && (asConnectionError(result.error, warehouseTarget(config)) ?? result.error);
    context.print(formatEtlSteps(result.steps));
    context.printJson(etlJson(result, data, error));
    if (error) {
      context.logger.error(describeEtlFailure({ ...result, error }));
      const hint = etlFailureHint(result);
      if (hint) context.logger.info(hint);
      return 1;
    }
    return 0;
  },
};
