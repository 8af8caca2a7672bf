import { runEtl } from '../../pipeline/etl.ts';
import { integerFlag } from '../args.ts';
import type { CommandModule } from '../context.ts';
import { describeEtlFailure, etlFailureHint, etlJson, formatEtlSteps } from '../etl-report.ts';
import { loadProgressReporter } from '../progress.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'load staging from the sources, build the star schema, run the data-quality checks',
  usage: 'sparkify etl [--config dwh.cfg] [--max-errors N] [--wait-lock SECONDS] [--json]\n  --max-errors N  bad records tolerated per staging load (default: [S3] MAXERROR, else 0)\n  --wait-lock S   wait up to S seconds for another run on this warehouse to finish (default: [WAREHOUSE] LOCK_TIMEOUT, else 0)',
  flags: { values: ['max-errors'] },
  async run(context) {
    const config = context.config();
    const maxErrors = context.args.flags['max-errors'] === undefined ? undefined : integerFlag(context.args, 'max-errors', 0);
    context.logger.info(`sources: events ${config.s3.logData} (${config.s3.logJsonPath}), songs ${config.s3.songData}`);
    const progress = loadProgressReporter(context.interactive);
    const result = await withWarehouse(context, (warehouse) =>
      runEtl(warehouse, config, {
        logger: context.logger,
        maxErrors,
        onProgress: (p) => progress.update(p),
        onStep: (step, done) => {
          progress.done();
          if (!done) context.logger.info(`${step}...`);
        },
      }),
    );
    context.print(formatEtlSteps(result.steps));
    context.printJson(etlJson(result));
    if (result.error) {
      context.logger.error(describeEtlFailure(result));
      const hint = etlFailureHint(result);
      if (hint) context.logger.info(hint);
      return 1;
    }
    return 0;
  },
};
