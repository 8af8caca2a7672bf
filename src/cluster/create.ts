import type { DwhConfig } from '../config/index.ts';
import type { ClusterOptions } from './options.ts';
import { withOptions } from './options.ts';
import { whoAmI, type CallerIdentity } from './identity.ts';
import { checkClusterSettings } from './preflight.ts';
import { checkNodeChoice } from './orderable-options.ts';
import { hourlyPrice, serverlessHourlyPrice, type HourlyPrice } from './pricing.ts';
import { resolveIngressCidr } from './public-ip.ts';
import { ensureCluster } from './redshift-cluster.ts';
import { ensurePolicyAttached, ensureRole, s3ReadOnlyPolicyArn } from './role.ts';
import { ensureIngress, ensureSecurityGroup, securityGroupName } from './security-group.ts';
import type { StepResult } from './step-result.ts';
import { StepRunner } from './steps.ts';
import { ensureNamespace, ensureWorkgroup, findNamespace } from './serverless/resources.ts';
import { summarizeCluster, summarizeWorkgroup, type ClusterSummary } from './summary.ts';
import { writeBackStep } from './write-back-step.ts';

export interface CreateClusterResult {
  readonly steps: readonly StepResult[];
  readonly identity: CallerIdentity;
  readonly roleArn: string;
  readonly securityGroupId: string;
  /** Undefined with [CLUSTER] ACCESS = data-api: no port is opened. */
  readonly ingressCidr: string | undefined;
  readonly cluster: ClusterSummary;
  readonly price: HourlyPrice;
}

/**
 * Provisions everything the redshift engine needs, in order: the IAM role Redshift assumes to read
 * S3 (with AmazonS3ReadOnlyAccess), a security group with the cluster port open to the caller only,
 * the cluster (KIND = provisioned; NODE_TYPE × NUM_NODES checked first against the recorded rules and
 * DescribeOrderableClusterOptions) or a serverless namespace with the role associated and its
 * workgroup (KIND = serverless), waiting until available; then writes HOST and the role ARN into dwh.cfg.
 * Every step first looks for what exists, so a re-run after a failure continues where it stopped.
 * Confirming the cost is the caller's job (see `hourlyPrice`); this function creates.
 */
export async function createCluster(config: DwhConfig, options: ClusterOptions = {}): Promise<CreateClusterResult> {
  checkClusterSettings(config);
  return withOptions(config, options, async ({ logger, clients, discoverPublicIp, timing, writeBack }) => {
    const runner = new StepRunner(logger);
    const serverless = config.cluster.kind === 'serverless';
    // Before anything exists: a node type AWS would refuse stops the run here, with nothing created.
    if (!serverless) await runner.run('preflight', () => checkNodeChoice(clients.redshift, config, logger));
    const direct = config.cluster.access === 'direct';
    const ingressCidr = direct ? await resolveIngressCidr(config.cluster.ingressCidr, discoverPublicIp) : undefined;
    const identity = await runner.run('identity', () => whoAmI(clients.sts));
    logger.info(`AWS account ${identity.account} as ${identity.arn}, region ${config.aws.region}`);

    const roleName = config.iamRole.name;
    const policyArn = s3ReadOnlyPolicyArn(config.aws.region);
    const roleArn = await runner.run('iam-role', async () => {
      const { arn, result } = await ensureRole(clients.iam, roleName);
      runner.record(result);
      return arn;
    });
    await runner.run('iam-policy', async () => runner.record(await ensurePolicyAttached(clients.iam, roleName, policyArn)));

    const groupName = securityGroupName(config.cluster.identifier);
    const securityGroupId = await runner.run('security-group', async () => {
      const { groupId, result } = await ensureSecurityGroup(clients.ec2, groupName);
      runner.record(result);
      return groupId;
    });
    await runner.run('ingress', async () => {
      if (ingressCidr === undefined) {
        runner.record({
          step: 'ingress',
          resource: `ingress tcp/${config.cluster.dbPort}`,
          outcome: 'skipped',
          detail: 'ACCESS = data-api needs no open port',
        });
      } else {
        runner.record(await ensureIngress(clients.ec2, securityGroupId, config.cluster.dbPort, ingressCidr));
      }
    });

    const cluster = serverless
      ? await runner.run('workgroup', async () => {
          runner.record(await ensureNamespace(clients.serverless, config, roleArn, timing, logger));
          const { workgroup, result } = await ensureWorkgroup(clients.serverless, config, securityGroupId, timing, logger);
          runner.record(result);
          return summarizeWorkgroup(workgroup, await findNamespace(clients.serverless, config.cluster.identifier));
        })
      : await runner.run('cluster', async () => {
          const { cluster: created, result } = await ensureCluster(clients.redshift, config, { roleArn, securityGroupId }, timing, logger);
          runner.record(result);
          return summarizeCluster(created);
        });

    await runner.run('config', async () => {
      runner.record(await writeBackStep(config, writeBack, { CLUSTER: { HOST: cluster.host ?? '' }, IAM_ROLE: { ARN: roleArn } }));
    });

    const price = serverless
      ? serverlessHourlyPrice(cluster.numNodes ?? config.cluster.baseCapacity, config.aws.region)
      : hourlyPrice(cluster.nodeType ?? config.cluster.nodeType, cluster.numNodes ?? config.cluster.numNodes, config.aws.region);
    return { steps: runner.steps, identity, roleArn, securityGroupId, ingressCidr, cluster, price };
  });
}
