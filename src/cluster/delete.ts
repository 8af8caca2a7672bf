import type { DwhConfig } from '../config/index.ts';
import { withOptions, type ClusterOptions } from './options.ts';
import { removeCluster } from './redshift-cluster.ts';
import { removeNamespace, removeWorkgroup } from './serverless/resources.ts';
import { removeRole, s3ReadOnlyPolicyArn } from './role.ts';
import { removeSecurityGroup, securityGroupName } from './security-group.ts';
import type { StepResult } from './step-result.ts';
import { StepRunner } from './steps.ts';
import { writeBackStep } from './write-back-step.ts';
import type { ConfigUpdates } from '../config/write-back.ts';

export interface DeleteClusterResult {
  readonly steps: readonly StepResult[];
}

/**
 * Tears down what `createCluster` made, in dependency order: the cluster (no final snapshot; a paused
 * one is resumed first if AWS will not delete it paused; waits until it is gone) or the serverless
 * workgroup and then its namespace, the ingress rules and security group, the policy attachment and the role; then
 * clears HOST and ARN in dwh.cfg. Missing pieces are reported as `not found`, so it is safe to
 * re-run after a failure. A role or security group without sparkify's tag is left alone.
 */
export async function deleteCluster(config: DwhConfig, options: ClusterOptions = {}): Promise<DeleteClusterResult> {
  return withOptions(config, options, async ({ logger, clients, timing, writeBack }) => {
    const runner = new StepRunner(logger);
    const record = (result: StepResult) => runner.record(result);
    const { identifier } = config.cluster;
    if (config.cluster.kind === 'serverless') {
      await runner.run('workgroup', async () => record(await removeWorkgroup(clients.serverless, identifier, timing, logger)));
      await runner.run('namespace', async () => record(await removeNamespace(clients.serverless, identifier, timing, logger)));
    } else {
      await runner.run('cluster', async () => record(await removeCluster(clients.redshift, identifier, timing, logger)));
    }
    await runner.run('security-group', () => removeSecurityGroup(clients.ec2, securityGroupName(config.cluster.identifier), config.cluster.dbPort, record));
    const roleGone = await runner.run('iam-role', () => removeRole(clients.iam, config.iamRole.name, s3ReadOnlyPolicyArn(config.aws.region), record));
    const updates: ConfigUpdates = { CLUSTER: { HOST: '' }, ...(roleGone ? { IAM_ROLE: { ARN: '' } } : {}) };
    await runner.run('config', async () => record(await writeBackStep(config, writeBack, updates)));
    return { steps: runner.steps };
  });
}
