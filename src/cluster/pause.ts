import { PauseClusterCommand, ResumeClusterCommand, type RedshiftClient } from '@aws-sdk/client-redshift';
import type { DwhConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { isAwsError } from './aws-errors.ts';
import { ClusterStateError, ProvisioningInputError } from './errors.ts';
import { withOptions, type ClusterOptions } from './options.ts';
import { findCluster, waitOrExplain } from './redshift-cluster.ts';
import type { StepResult } from './step-result.ts';
import { StepRunner } from './steps.ts';
import type { WaiterTiming } from './waiting.ts';

export interface PauseResumeResult {
  readonly steps: readonly StepResult[];
  /** The cluster's state at the end: `paused` or `available`. */
  readonly state: string;
}

/**
 * Pauses the cluster (compute is not billed while paused; storage still is) and waits until it is
 * paused. Already paused: nothing is called. Pausing: waits. Only an `available` cluster can be paused
 * (PauseCluster answers InvalidClusterState otherwise), so other states are explained, not retried.
 */
export async function pauseCluster(config: DwhConfig, options: ClusterOptions = {}): Promise<PauseResumeResult> {
  requireProvisioned(config, 'pause');
  return withOptions(config, options, async ({ logger, clients, timing }) => {
    const runner = new StepRunner(logger);
    await runner.run('pause', async () => runner.record(await ensurePaused(clients.redshift, config.cluster.identifier, timing, logger)));
    return { steps: runner.steps, state: 'paused' };
  });
}

/** Resumes a paused cluster and waits until it is available (a pausing one is let pause first). */
export async function resumeCluster(config: DwhConfig, options: ClusterOptions = {}): Promise<PauseResumeResult> {
  requireProvisioned(config, 'resume');
  return withOptions(config, options, async ({ logger, clients, timing }) => {
    const runner = new StepRunner(logger);
    await runner.run('resume', async () => runner.record(await ensureAvailable(clients.redshift, config.cluster.identifier, timing, logger)));
    return { steps: runner.steps, state: 'available' };
  });
}

function requireProvisioned(config: DwhConfig, action: string): void {
  if (config.cluster.kind === 'serverless') {
    throw new ProvisioningInputError(
      action,
      `[CLUSTER] KIND = serverless has nothing to ${action}: a serverless workgroup bills compute only while queries run`,
    );
  }
}

export async function ensurePaused(redshift: RedshiftClient, identifier: string, timing: WaiterTiming, logger: Logger): Promise<StepResult> {
  const resource = `Redshift cluster ${identifier}`;
  const cluster = await findCluster(redshift, identifier);
  if (!cluster) throw new ClusterStateError('pause', identifier, 'not found', 'there is nothing to pause (`sparkify cluster create` makes it)');
  const state = cluster.ClusterStatus ?? 'unknown';
  if (state === 'paused') return { step: 'pause', resource, outcome: 'unchanged', detail: 'already paused' };
  if (state !== 'pausing') {
    if (state !== 'available')
      throw new ClusterStateError('pause', identifier, state, 'only an available cluster can be paused; wait until it is available, then re-run');
    try {
      await redshift.send(new PauseClusterCommand({ ClusterIdentifier: identifier }));
    } catch (error) {
      if (!isAwsError(error, 'invalidClusterState')) throw error;
      throw new ClusterStateError(
        'pause',
        identifier,
        'busy',
        'AWS refused to pause it in its current state (an operation is running); re-run in a few minutes',
        { cause: error },
      );
    }
  }
  await waitOrExplain(redshift, identifier, 'paused', timing, logger, 'pause');
  return {
    step: 'pause',
    resource,
    outcome: 'paused',
    detail: state === 'pausing' ? 'its pause had already started' : 'compute is not billed while paused; storage still is',
  };
}

export async function ensureAvailable(redshift: RedshiftClient, identifier: string, timing: WaiterTiming, logger: Logger): Promise<StepResult> {
  const resource = `Redshift cluster ${identifier}`;
  const cluster = await findCluster(redshift, identifier);
  if (!cluster) throw new ClusterStateError('resume', identifier, 'not found', 'there is nothing to resume (`sparkify cluster create` makes it)');
  let state = cluster.ClusterStatus ?? 'unknown';
  if (state === 'available') return { step: 'resume', resource, outcome: 'unchanged', detail: 'already available' };
  if (state === 'pausing') {
    await waitOrExplain(redshift, identifier, 'paused', timing, logger, 'resume');
    state = 'paused';
  }
  if (state === 'paused') {
    try {
      await redshift.send(new ResumeClusterCommand({ ClusterIdentifier: identifier }));
    } catch (error) {
      if (!isAwsError(error, 'invalidClusterState')) throw error;
      throw new ClusterStateError('resume', identifier, 'busy', 'AWS refused to resume it in its current state; re-run in a few minutes', { cause: error });
    }
  } else if (state !== 'resuming') {
    throw new ClusterStateError('resume', identifier, state, 'only a paused cluster can be resumed');
  }
  await waitOrExplain(redshift, identifier, 'available', timing, logger, 'resume');
  return { step: 'resume', resource, outcome: 'resumed', detail: state === 'resuming' ? 'its resume had already started' : 'billed per node-hour again' };
}
