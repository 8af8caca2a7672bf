import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ResumeClusterCommand,
  type Cluster,
  type RedshiftClient,
} from '@aws-sdk/client-redshift';
import type { DwhConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { awsErrorName, isAwsError } from './aws-errors.ts';
import { ClusterStateError, ClusterWaitError } from './errors.ts';
import type { StepResult } from './step-result.ts';
import { MANAGED_BY_TAG } from './tags.ts';
import { formatDuration } from '../format/duration.ts';
import { waitForCluster, type ClusterGoal, type WaiterTiming } from './waiting.ts';

export async function findCluster(redshift: RedshiftClient, identifier: string): Promise<Cluster | undefined> {
  try {
    const { Clusters } = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: identifier }));
    return Clusters?.[0];
  } catch (error) {
    if (isAwsError(error, 'clusterNotFound')) return undefined;
    throw error;
  }
}

/** States from which waiting for `available` cannot succeed without the user doing something. */
const CANNOT_BECOME_AVAILABLE: Readonly<Record<string, string>> = {
  deleting: 'wait for the delete to finish (`sparkify cluster status`), then run create again',
  'final-snapshot': 'wait for the delete to finish (`sparkify cluster status`), then run create again',
  paused: 'resume it with `sparkify cluster resume`, then run create again',
  pausing: 'let it pause, resume it with `sparkify cluster resume`, then run create again',
};

export interface EnsureClusterInput {
  readonly roleArn: string;
  readonly securityGroupId: string;
}

/** Creates the cluster unless it exists, then waits until it is available. */
export async function ensureCluster(
  redshift: RedshiftClient,
  config: DwhConfig,
  input: EnsureClusterInput,
  timing: WaiterTiming,
  logger: Logger,
): Promise<{ cluster: Cluster; result: StepResult }> {
  const { identifier, nodeType, numNodes } = config.cluster;
  const resource = `Redshift cluster ${identifier}`;
  let outcome: StepResult['outcome'];
  let detail: string;
  const existing = await findCluster(redshift, identifier);
  if (existing) {
    outcome = 'already existed';
    detail = describeExisting(existing, config, input.roleArn);
  } else {
    try {
      await redshift.send(
        new CreateClusterCommand({
          ClusterIdentifier: identifier,
          ClusterType: numNodes > 1 ? 'multi-node' : 'single-node',
          NodeType: nodeType,
          ...(numNodes > 1 ? { NumberOfNodes: numNodes } : {}),
          DBName: config.cluster.dbName,
          Port: config.cluster.dbPort,
          MasterUsername: config.cluster.dbUser,
          MasterUserPassword: config.cluster.dbPassword.reveal(),
          IamRoles: [input.roleArn],
          VpcSecurityGroupIds: [input.securityGroupId],
          // Direct access connects from the user's machine; the Data API needs no open endpoint.
          PubliclyAccessible: config.cluster.access === 'direct',
          Tags: [MANAGED_BY_TAG],
        }),
      );
      outcome = 'created';
      detail = `${numNodes} × ${nodeType}`;
    } catch (error) {
      if (!isAwsError(error, 'clusterAlreadyExists')) throw error;
      outcome = 'already existed';
      detail = 'created concurrently by another run';
    }
  }
  const state = existing?.ClusterStatus;
  if (state && state in CANNOT_BECOME_AVAILABLE) {
    throw new ClusterStateError('cluster', identifier, state, CANNOT_BECOME_AVAILABLE[state]!);
  }
  if (state !== 'available') await waitOrExplain(redshift, identifier, 'available', timing, logger);
  const cluster = await findCluster(redshift, identifier);
  if (!cluster) throw new ClusterStateError('cluster', identifier, 'gone', 'it disappeared right after becoming available; check the AWS console');
  return { cluster, result: { step: 'cluster', resource, outcome, detail } };
}

function describeExisting(cluster: Cluster, config: DwhConfig, roleArn: string): string {
  const notes = [`${cluster.NumberOfNodes ?? '?'} × ${cluster.NodeType ?? '?'}, ${cluster.ClusterStatus ?? 'unknown state'}`];
  if (cluster.NodeType !== config.cluster.nodeType || cluster.NumberOfNodes !== config.cluster.numNodes) {
    notes.push(`dwh.cfg asks for ${config.cluster.numNodes} × ${config.cluster.nodeType}; the cluster was left as it is`);
  }
  if (!cluster.IamRoles?.some((role) => role.IamRoleArn === roleArn)) notes.push(`the role ${roleArn} is not attached to it`);
  return notes.join('; ');
}

/**
 * Deletes the cluster without a final snapshot unless it is already gone, and waits until it is. A
 * pausing or resuming cluster is let settle first. A paused cluster is deleted as it is; if AWS answers
 * that it cannot be deleted in that state (InvalidClusterState), it is resumed first, then deleted.
 */
export async function removeCluster(redshift: RedshiftClient, identifier: string, timing: WaiterTiming, logger: Logger): Promise<StepResult> {
  const resource = `Redshift cluster ${identifier}`;
  const existing = await findCluster(redshift, identifier);
  if (!existing) return { step: 'cluster', resource, outcome: 'not found' };
  let state = existing.ClusterStatus ?? 'busy';
  let detail = 'no final snapshot';
  if (state === 'pausing') {
    await waitOrExplain(redshift, identifier, 'paused', timing, logger);
    state = 'paused';
  } else if (state === 'resuming') {
    await waitOrExplain(redshift, identifier, 'available', timing, logger);
    state = 'available';
  }
  if (state === 'deleting' || state === 'final-snapshot') {
    detail = 'its delete had already started';
  } else {
    const deleted = await sendDelete(redshift, identifier);
    if (deleted === 'not found') return { step: 'cluster', resource, outcome: 'not found' };
    if (deleted instanceof Error && state === 'paused') {
      logger.info(`  cluster ${identifier}: AWS will not delete it while paused; resuming it first`);
      await redshift.send(new ResumeClusterCommand({ ClusterIdentifier: identifier }));
      await waitOrExplain(redshift, identifier, 'available', timing, logger);
      const again = await sendDelete(redshift, identifier);
      if (again === 'not found') return { step: 'cluster', resource, outcome: 'not found' };
      if (again instanceof Error)
        throw new ClusterStateError('cluster', identifier, 'busy', 'AWS cannot delete it in this state; wait until it is available, then re-run the delete', {
          cause: again,
        });
      detail = 'no final snapshot; resumed first, as AWS would not delete it while paused';
    } else if (deleted instanceof Error) {
      throw new ClusterStateError('cluster', identifier, state, 'AWS cannot delete it in this state; wait until it is available, then re-run the delete', {
        cause: deleted,
      });
    } else if (state === 'paused') {
      detail = 'no final snapshot; deleted while paused';
    }
  }
  await waitOrExplain(redshift, identifier, 'deleted', timing, logger);
  return { step: 'cluster', resource, outcome: 'deleted', detail };
}

/** 'sent', 'not found', or the InvalidClusterState error AWS refused with. */
async function sendDelete(redshift: RedshiftClient, identifier: string): Promise<'sent' | 'not found' | Error> {
  try {
    await redshift.send(new DeleteClusterCommand({ ClusterIdentifier: identifier, SkipFinalClusterSnapshot: true }));
    return 'sent';
  } catch (error) {
    if (isAwsError(error, 'clusterNotFound')) return 'not found';
    if (isAwsError(error, 'invalidClusterState')) return error as Error;
    throw error;
  }
}

export async function waitOrExplain(
  redshift: RedshiftClient,
  identifier: string,
  goal: ClusterGoal,
  timing: WaiterTiming,
  logger: Logger,
  step = 'cluster',
): Promise<void> {
  try {
    await waitForCluster(redshift, identifier, goal, timing, logger);
  } catch (error) {
    if (awsErrorName(error) === 'TimeoutError') {
      throw new ClusterWaitError(
        step,
        `cluster ${identifier} did not become ${goal} within ${formatDuration(timing.maxWaitSeconds * 1000)}; run the same command again to keep waiting`,
        error,
      );
    }
    // The waiter stopped on a state it cannot succeed from; say which. Best effort: if this look-up
    // fails too, the waiter's error is still the cause of what we throw.
    const now = await findCluster(redshift, identifier).catch(() => undefined);
    throw new ClusterWaitError(step, `stopped waiting for cluster ${identifier} to become ${goal}: it is ${now?.ClusterStatus ?? 'gone'}`, error);
  }
}
