import { daysBetween, parseDay, PartitionError } from '../../sources/partition.ts';
import { integerFlag, UsageError } from '../args.ts';
import { asConnectionError, warehouseTarget } from '../connection-failure.ts';
import type { CommandModule } from '../context.ts';
import { resolveData } from '../data-report.ts';
import { describeEtlFailure, etlFailureHint, etlJson, formatEtlSteps } from '../etl-report.ts';
import { progressReporter } from '../progress.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'load staging from the sources, build the star schema, run the data-quality checks',
  usage: [
    'sparkify etl [--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--expect-through YYYY-MM-DD] [--full-songs] [--max-errors N] [--wait-lock SECONDS] [--config dwh.cfg] [--json]',
    '',
    'Loads the [S3] sources (all three of LOG_DATA, LOG_JSONPATH, SONG_DATA; when none is set, the generated',
    'sample, generated on first use), builds the star schema, runs the data-quality checks, and publishes it',
    'only if they pass. Says which data it loaded.',
    '',
    "  --date D           load one day (partition): that day's file under LOG_DATA ([S3] LOG_PARTITION) replaces its events",
    '  --from D1 --to D2  load every day from D1 to D2, both included, in one run',
    '                     without --date / --from: a full refresh of every file',
    '  --expect-through D fail (publish nothing) unless the latest loaded day is D or later; [CHECKS] MAX_AGE_DAYS warns',
    '  --full-songs       with --date / --from: reload every song file, not only the new ones',
    '  --max-errors N     bad records tolerated per staging load (default: [S3] MAXERROR, else 0)',
    '  --wait-lock S      wait up to S seconds for another run on this warehouse to finish (default: [WAREHOUSE] LOCK_TIMEOUT, else 0)',
  ].join('\n'),
  flags: { values: ['max-errors', 'date', 'from', 'to', 'expect-through'], booleans: ['full-songs'] },
  async run(context) {
    const days = requestedDays(context.args.flags);
    if (context.args.flags['full-songs'] === true && !days)
      throw new UsageError('--full-songs goes with --date or --from/--to (a full refresh reloads every song file anyway)');
    const expectThrough = expectedThrough(context.args.flags['expect-through']);
    const { runEtl } = await import('../../pipeline/etl.ts');
    const maxErrors = context.args.flags['max-errors'] === undefined ? undefined : integerFlag(context.args, 'max-errors', 0);
    const progress = progressReporter({ interactive: context.interactive });
    // The warehouse is opened (and its DATA_DIR checked) before a sample is generated into the project.
    const { config, data, result } = await withWarehouse(context, async (warehouse) => {
      const resolved = await resolveData(context.config(), context.logger);
      const scope = days
        ? ` (days ${days.length === 1 ? days[0] : `${days[0]} to ${days[days.length - 1]}`} via [S3] LOG_PARTITION ${resolved.config.s3.logPartition})`
        : '';
      // Said once, before the load starts, on stdout with the run's result (--json carries it in its object).
      context.print(`data: ${resolved.data.description}${scope}\n`);
      const etl = await runEtl(warehouse, resolved.config, {
        logger: context.logger,
        maxErrors,
        ...(days ? { days } : {}),
        ...(context.args.flags['full-songs'] === true ? { fullSongs: true } : {}),
        ...(expectThrough ? { expectThrough } : {}),
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

/** The days asked for: --date D, or --from D1 --to D2 (inclusive); undefined for a full refresh. */
function requestedDays(flags: Readonly<Record<string, string | boolean | undefined>>): string[] | undefined {
  // Value flags: parseArgs gives each a string or refuses it ("needs a value").
  const [date, from, to] = [flags.date, flags.from, flags.to] as (string | undefined)[];
  if (date !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('--date cannot be combined with --from / --to');
  if ((from === undefined) !== (to === undefined)) throw new UsageError('--from and --to go together (both days included)');
  if (date !== undefined) return [dayFlag('--date', date)];
  if (from !== undefined && to !== undefined) return usage(() => daysBetween(dayFlag('--from', from), dayFlag('--to', to)));
  return undefined;
}

function expectedThrough(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? dayFlag('--expect-through', value) : undefined;
}

/** A flag's day (YYYY-MM-DD); a bad one is a usage error. */
function dayFlag(flag: string, value: string): string {
  return usage(() => parseDay(value, flag));
}

/** `work`, with a PartitionError (a bad day or range given on the command line) turned into a usage error. */
function usage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PartitionError) throw new UsageError(error.message);
    throw error;
  }
}
