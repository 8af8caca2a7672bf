import { assertConfigFor } from '../../config/index.ts';
import type { ClusterOptions, StepResult } from '../../cluster/index.ts';
import { SparkifyError } from '../../errors.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import type { CommandContext, CommandModule } from '../context.ts';

const ACTIONS = ['create', 'status', 'pause', 'resume', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

export const command: CommandModule = {
  summary: 'create, inspect, pause, resume or delete the Redshift cluster (or serverless workgroup), its IAM role and security group',
  usage: [
    'usage: sparkify cluster create|status|pause|resume|delete [--config dwh.cfg] [--yes] [--json] [--poll-seconds N]',
    '       sparkify cluster status --all',
    '',
    '  create   IAM role (S3 read-only), security group open to your address on the cluster port, then',
    '           [CLUSTER] KIND = provisioned: the cluster (NODE_TYPE x NUM_NODES checked first; default 2 x ra3.large)',
    '           [CLUSTER] KIND = serverless: a namespace with the role and a workgroup (BASE_CAPACITY RPUs, default 4);',
    '           waits until available; writes [CLUSTER] HOST and [IAM_ROLE] ARN to dwh.cfg.',
    '           Shows the hourly price (live from the AWS Price List API where reachable) and what this tool',
    '           already runs in the account, and asks first: it costs money until deleted.',
    '  status   state (paused, resuming, ...), endpoint, size, age and cost so far; --all: every cluster and',
    '           workgroup tagged by this tool in the region, with its hourly cost',
    '  pause    pause the cluster and wait until paused (compute is not billed while paused)',
    '  resume   resume a paused cluster and wait until available (billing restarts; asks first)',
    '  delete   the cluster (no final snapshot; a paused one too) or the workgroup and namespace, the ingress rule',
    '           and security group, the role; waits until gone; clears HOST and ARN in dwh.cfg',
    '',
    'Each step says what it found or did; re-running after a failure continues where it stopped.',
    'AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> point the AWS calls elsewhere (e.g. an emulator).',
    '',
    '  --yes             do not ask (scripts); without a terminal, create, pause, resume and delete refuse unless given',
    '  --json            one JSON document on stdout',
    '  --all             status: every tagged cluster and workgroup in the region',
    '  --poll-seconds N  seconds between status checks while waiting (default 30)',
  ].join('\n'),
  subcommands: {
    create: {
      summary: 'IAM role, security group, then the cluster or serverless workgroup; waits; writes HOST and ARN (asks first: it costs money)',
      usage: [
        'usage: sparkify cluster create [--yes] [--poll-seconds N] [--config dwh.cfg] [--json]',
        '',
        'Creates the IAM role Redshift assumes (S3 read-only), a security group open to your address on the',
        'warehouse port, and ([CLUSTER] KIND) the cluster, NODE_TYPE x NUM_NODES checked first, or a serverless',
        'namespace and workgroup of BASE_CAPACITY RPUs; waits until available; writes [CLUSTER] HOST and',
        '[IAM_ROLE] ARN back to dwh.cfg. Shows the hourly price (live where the Price List API answers) and what',
        'this tool already runs in the region, and asks first. Re-running continues where it stopped.',
        '',
        '  --yes             do not ask (scripts); without a terminal it refuses unless given',
        '  --poll-seconds N  seconds between status checks while waiting (default 30)',
      ].join('\n'),
      flags: { values: ['poll-seconds'] },
    },
    status: {
      summary: 'state (paused, resuming, ...), endpoint, size, age and cost so far; --all: everything this tool runs here',
      usage: [
        'usage: sparkify cluster status [--all] [--config dwh.cfg] [--json]',
        '',
        "The cluster's (or workgroup's) state, endpoint, size, age and cost so far. With --all: every cluster and",
        'workgroup tagged managed-by=sparkify in the region, with its hourly cost.',
      ].join('\n'),
      flags: { booleans: ['all'] },
    },
    pause: {
      summary: 'pause the cluster (compute not billed while paused); waits until paused (asks first)',
      usage:
        'usage: sparkify cluster pause [--yes] [--poll-seconds N] [--config dwh.cfg] [--json]\n\nPauses the cluster and waits until it is paused. Queries stop until `sparkify cluster resume`.',
      flags: { values: ['poll-seconds'] },
    },
    resume: {
      summary: 'resume a paused cluster; waits until available (asks first: billing restarts)',
      usage:
        'usage: sparkify cluster resume [--yes] [--poll-seconds N] [--config dwh.cfg] [--json]\n\nResumes a paused cluster and waits until it is available.',
      flags: { values: ['poll-seconds'] },
    },
    delete: {
      summary: 'the cluster (paused or not) or workgroup and namespace, its security group and role; waits; clears HOST and ARN',
      usage: [
        'usage: sparkify cluster delete [--yes] [--poll-seconds N] [--config dwh.cfg] [--json]',
        '',
        'Deletes the cluster with all its data (no final snapshot; a paused one is resumed first if AWS will not',
        'delete it paused) or the serverless workgroup and its namespace, the ingress rule and security group,',
        'and the IAM role and its policy (only those tagged managed-by=sparkify); waits until each is gone;',
        'clears HOST and ARN in dwh.cfg. Asks first.',
        '',
        '  --yes             do not ask (scripts); without a terminal it refuses unless given',
        '  --poll-seconds N  seconds between status checks while waiting (default 30)',
      ].join('\n'),
      flags: { values: ['poll-seconds'] },
    },
  },
  async run(context) {
    const action = parseAction(context.subcommand);
    // The AWS SDK loads only when a cluster command runs (not for `--help` or the other commands).
    const {
      createCluster,
      deleteCluster,
      formatAllWarehouses,
      formatStatus,
      getAllWarehouses,
      getClusterStatus,
      pauseCluster,
      planCluster,
      resumeCluster,
      usd,
    } = await import('../../cluster/index.ts');
    const config = context.config();
    const options: ClusterOptions = { logger: context.logger, waiter: waiterFlag(context.args) };
    const { identifier, kind } = config.cluster;
    const what = kind === 'serverless' ? `Redshift Serverless workgroup '${identifier}'` : `Redshift cluster '${identifier}'`;
    switch (action) {
      case 'create': {
        assertConfigFor(config, 'provision');
        const plan = await planCluster(config, options);
        for (const other of plan.alreadyRunning) {
          const cost = other.price.totalUsd === undefined ? 'price unknown' : `${usd(other.price.totalUsd)}/hour`;
          context.logger.warn(
            `already running in ${config.aws.region}, tagged by this tool: ${other.kind === 'serverless' ? 'workgroup' : 'cluster'} ${other.summary.identifier} (${other.summary.state}, ${cost})`,
          );
        }
        context.logger.info(`Creating ${what}: ${plan.price.description}.`);
        context.logger.info('It is billed until you run `sparkify cluster delete`.');
        await requireConfirmation(context, 'Create it?', 'nothing was created');
        const result = await createCluster(config, options);
        context.printJson({ ...result, plannedPrice: plan.price, alreadyRunning: plan.alreadyRunning });
        context.print(
          `${kind === 'serverless' ? 'Workgroup' : 'Cluster'} ${result.cluster.identifier} is ${result.cluster.state} at ${result.cluster.host ?? '?'}:${result.cluster.port ?? '?'}`,
        );
        context.print(`IAM role ${result.roleArn}`);
        context.print(describeConfigStep(result.steps));
        if (plan.price.totalUsd !== undefined) {
          context.print(
            `Costs about ${usd(plan.price.totalUsd)}/hour${kind === 'serverless' ? ' while queries run' : ''} (${plan.price.source === 'price list api' ? `AWS Price List API, ${plan.price.asOf}` : `recorded list price as of ${plan.price.asOf}`}) until \`sparkify cluster delete\`.`,
          );
        }
        return 0;
      }
      case 'status': {
        if (context.args.flags.all === true) {
          const all = await getAllWarehouses(config, options);
          context.printJson(all);
          context.print(formatAllWarehouses(all));
          return 0;
        }
        const report = await getClusterStatus(config, options);
        context.printJson(report);
        context.print(formatStatus(report));
        return 0;
      }
      case 'pause': {
        context.logger.info(`Pausing ${what}: queries stop until \`sparkify cluster resume\`; compute is not billed while paused.`);
        await requireConfirmation(context, 'Pause it?', 'nothing was paused');
        const result = await pauseCluster(config, options);
        context.printJson(result);
        context.print(`Cluster ${identifier} is paused.`);
        return 0;
      }
      case 'resume': {
        context.logger.info(`Resuming ${what}: it is billed per node-hour again until paused or deleted.`);
        await requireConfirmation(context, 'Resume it?', 'nothing was resumed');
        const result = await resumeCluster(config, options);
        context.printJson(result);
        context.print(`Cluster ${identifier} is available.`);
        return 0;
      }
      case 'delete': {
        context.logger.info(`Deleting ${what} with all its data (no final snapshot), its security group and the IAM role ${config.iamRole.name}.`);
        await requireConfirmation(context, 'Delete them?', 'nothing was deleted');
        const result = await deleteCluster(config, options);
        context.printJson(result);
        const kept = result.steps.filter((step) => step.outcome === 'kept');
        context.print(
          kept.length === 0
            ? `${kind === 'serverless' ? 'Workgroup, namespace' : `Cluster ${identifier}`}, its security group and IAM role are gone.`
            : `Done; kept (not created by sparkify): ${kept.map((s) => s.resource).join(', ')}`,
        );
        context.print(describeConfigStep(result.steps));
        return 0;
      }
    }
  },
};

/** The subcommand was checked against `subcommands` before run(); this narrows it to an Action. */
function parseAction(subcommand: string | undefined): Action {
  const known = ACTIONS.find((a) => a === subcommand);
  if (!known) throw new UsageError(`an action is required: ${ACTIONS.join(', ')}`);
  return known;
}

function waiterFlag(args: ParsedArgs): ClusterOptions['waiter'] {
  const value = args.flags['poll-seconds'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value) || !(seconds > 0)) {
    throw new UsageError(`--poll-seconds must be a number of seconds > 0, got '${String(value)}'`);
  }
  return { minDelaySeconds: seconds, maxDelaySeconds: seconds * 2 };
}

async function requireConfirmation(context: CommandContext, question: string, consequence: string): Promise<void> {
  if (await context.confirm(question)) return;
  // context.confirm answers no by itself when there is no terminal to ask on.
  const reason = process.stdin.isTTY ? 'not confirmed (--yes skips the question)' : 'there is no terminal to ask for confirmation; pass --yes to confirm';
  throw new SparkifyError('NOT_CONFIRMED', `${consequence}: ${reason}`);
}

function describeConfigStep(steps: readonly StepResult[]): string {
  const step = steps.find((s) => s.step === 'config');
  if (!step) return '';
  return step.outcome === 'skipped' ? `dwh.cfg not written: ${step.detail}` : `${step.resource} ${step.outcome}: ${step.detail}`;
}
