import { assertConfigFor } from '../../config/index.ts';
import {
  checkClusterSettings,
  createCluster,
  deleteCluster,
  formatStatus,
  getClusterStatus,
  hourlyPrice,
  PRICE_LIST,
  usd,
  type ClusterOptions,
  type StepResult,
} from '../../cluster/index.ts';
import { SparkifyError } from '../../errors.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import type { CommandContext, CommandModule } from '../context.ts';

const ACTIONS = ['create', 'status', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

export const command: CommandModule = {
  summary: 'create, inspect or delete the Redshift cluster, its IAM role and security group',
  usage: [
    'usage: sparkify cluster create|status|delete [--config dwh.cfg] [--yes] [--json] [--poll-seconds N]',
    '',
    '  create   IAM role (S3 read-only), security group open to your address on the cluster port,',
    '           the cluster; waits until available; writes [CLUSTER] HOST and [IAM_ROLE] ARN to dwh.cfg.',
    '           Shows the hourly price and asks first: the cluster costs money until deleted.',
    '  status   state, endpoint, node type, age and cost so far',
    '  delete   the cluster (no final snapshot), its ingress rule and security group, the role;',
    '           waits until the cluster is gone; clears HOST and ARN in dwh.cfg',
    '',
    'Each step says what it found or did; re-running after a failure continues where it stopped.',
    'AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> point the AWS calls elsewhere (e.g. an emulator).',
    '',
    '  --yes             do not ask (scripts); without a terminal, create and delete refuse unless given',
    '  --json            one JSON document on stdout',
    '  --poll-seconds N  seconds between status checks while waiting (default 30)',
  ].join('\n'),
  subcommands: {
    create: {
      summary: 'IAM role, security group and cluster; waits; writes HOST and ARN to dwh.cfg (asks first: it costs money)',
      usage: [
        'usage: sparkify cluster create [--yes] [--poll-seconds N] [--config dwh.cfg] [--json]',
        '',
        'Creates the IAM role Redshift assumes (S3 read-only), a security group open to your address on the',
        'cluster port, and the cluster; waits until it is available; writes [CLUSTER] HOST and [IAM_ROLE] ARN',
        'back to dwh.cfg. Shows the hourly price and asks first. Re-running continues where it stopped.',
        '',
        '  --yes             do not ask (scripts); without a terminal it refuses unless given',
        '  --poll-seconds N  seconds between status checks while waiting (default 30)',
      ].join('\n'),
      flags: { values: ['poll-seconds'] },
    },
    status: {
      summary: 'state, endpoint, node type, age and cost so far',
      usage: 'usage: sparkify cluster status [--config dwh.cfg] [--json]\n\nThe cluster\'s state, endpoint, node type and count, age and cost so far.',
    },
    delete: {
      summary: 'the cluster (no final snapshot), its security group and role; waits; clears HOST and ARN',
      usage: [
        'usage: sparkify cluster delete [--yes] [--poll-seconds N] [--config dwh.cfg] [--json]',
        '',
        'Deletes the cluster with all its data (no final snapshot), its ingress rule and security group, and',
        'the IAM role and its policy (only those tagged managed-by=sparkify); waits until the cluster is gone;',
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
    const config = context.config();
    const options: ClusterOptions = { logger: context.logger, waiter: waiterFlag(context.args) };
    switch (action) {
      case 'create': {
        assertConfigFor(config, 'provision');
        checkClusterSettings(config);
        const { identifier, nodeType, numNodes } = config.cluster;
        const price = hourlyPrice(nodeType, numNodes, config.aws.region);
        context.logger.info(`Creating Redshift cluster '${identifier}': ${price.description}.`);
        context.logger.info('It is billed until you run `sparkify cluster delete`.');
        await requireConfirmation(context, 'Create it?', 'nothing was created');
        const result = await createCluster(config, options);
        context.printJson(result);
        context.print(`Cluster ${result.cluster.identifier} is ${result.cluster.state} at ${result.cluster.host ?? '?'}:${result.cluster.port ?? '?'}`);
        context.print(`IAM role ${result.roleArn}`);
        context.print(describeConfigStep(result.steps));
        if (result.price.totalUsd !== undefined) {
          context.print(`Costs about ${usd(result.price.totalUsd)}/hour (list price as of ${PRICE_LIST.asOf}) until \`sparkify cluster delete\`.`);
        }
        return 0;
      }
      case 'status': {
        const report = await getClusterStatus(config, options);
        context.printJson(report);
        context.print(formatStatus(report));
        return 0;
      }
      case 'delete': {
        const { identifier } = config.cluster;
        context.logger.info(`Deleting Redshift cluster '${identifier}' with all its data (no final snapshot), its security group and the IAM role ${config.iamRole.name}.`);
        await requireConfirmation(context, 'Delete them?', 'nothing was deleted');
        const result = await deleteCluster(config, options);
        context.printJson(result);
        const kept = result.steps.filter((step) => step.outcome === 'kept');
        context.print(kept.length === 0 ? `Cluster ${identifier}, its security group and IAM role are gone.` : `Done; kept (not created by sparkify): ${kept.map((s) => s.resource).join(', ')}`);
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
