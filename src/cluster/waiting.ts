import { DescribeClustersCommand, waitUntilClusterAvailable, waitUntilClusterDeleted, type Cluster, type RedshiftClient } from '@aws-sdk/client-redshift';
import { checkExceptions, createWaiter, WaiterState, type WaiterResult } from '@smithy/core/client';
import type { Logger } from '../logger.ts';
import { formatDuration } from '../format/duration.ts';

/**
 * How the SDK waiters poll. Redshift takes minutes to create or delete a cluster; the defaults
 * poll every 30-60 s for up to 45 minutes. Tests against the local stand-in use fractions of a
 * second.
 */
export interface WaiterTiming {
  readonly minDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly maxWaitSeconds: number;
}

export const DEFAULT_WAITER_TIMING: WaiterTiming = Object.freeze({ minDelaySeconds: 30, maxDelaySeconds: 60, maxWaitSeconds: 45 * 60 });

export function waiterTiming(overrides: Partial<WaiterTiming> = {}): WaiterTiming {
  const timing = { ...DEFAULT_WAITER_TIMING, ...overrides };
  // The SDK rejects maxDelay < minDelay and maxWait <= minDelay; keep a short minDelay usable alone.
  const maxDelaySeconds = Math.max(timing.maxDelaySeconds, timing.minDelaySeconds);
  return { minDelaySeconds: timing.minDelaySeconds, maxDelaySeconds, maxWaitSeconds: Math.max(timing.maxWaitSeconds, maxDelaySeconds * 2) };
}

export type ClusterGoal = 'available' | 'deleted' | 'paused';

/**
 * Waits with the SDK's own waiter and, while it polls, logs a status line from each DescribeClusters
 * answer it gets (state and time waited). The line comes from a middleware on the client for the
 * duration of the wait, so the waiter's own acceptors decide success and failure.
 */
export async function waitForCluster(redshift: RedshiftClient, identifier: string, goal: ClusterGoal, timing: WaiterTiming, logger: Logger): Promise<void> {
  const started = Date.now();
  const name = `sparkify-wait-progress-${identifier}-${goal}`;
  redshift.middlewareStack.add(
    (next, context) => async (args) => {
      const elapsed = formatDuration(Date.now() - started);
      try {
        const output = await next(args);
        if (context.commandName === 'DescribeClustersCommand') {
          const clusters = (output.output as { Clusters?: Cluster[] }).Clusters ?? [];
          const state = clusters[0]?.ClusterStatus ?? 'unknown';
          logger.info(`  cluster ${identifier}: ${state} (waiting for ${goal}, ${elapsed})`);
        }
        return output;
      } catch (error) {
        if (context.commandName === 'DescribeClustersCommand') logger.info(`  cluster ${identifier}: gone (waiting for ${goal}, ${elapsed})`);
        throw error;
      }
    },
    { step: 'initialize', name, override: true },
  );
  try {
    const params = { client: redshift, minDelay: timing.minDelaySeconds, maxDelay: timing.maxDelaySeconds, maxWaitTime: timing.maxWaitSeconds };
    const input = { ClusterIdentifier: identifier };
    if (goal === 'available') await waitUntilClusterAvailable(params, input);
    else if (goal === 'deleted') await waitUntilClusterDeleted(params, input);
    else await waitUntilClusterPaused(params, input);
  } finally {
    redshift.middlewareStack.remove(name);
  }
}

/**
 * The SDK has waiters for available, deleted and restored but none for paused; this one is built the
 * way the SDK builds its own (createWaiter and acceptors on DescribeClusters): success when every
 * cluster answered is `paused`, failure on `deleting` or when the cluster is gone.
 */
export async function waitUntilClusterPaused(
  params: { client: RedshiftClient; minDelay: number; maxDelay: number; maxWaitTime: number },
  input: { ClusterIdentifier: string },
): Promise<WaiterResult> {
  const result = await createWaiter(params, input, async (client: RedshiftClient, args: { ClusterIdentifier: string }): Promise<WaiterResult> => {
    try {
      const { Clusters = [] } = await client.send(new DescribeClustersCommand(args));
      const states = Clusters.map((cluster) => cluster.ClusterStatus);
      if (states.length > 0 && states.every((state) => state === 'paused')) return { state: WaiterState.SUCCESS, reason: Clusters };
      if (states.includes('deleting')) return { state: WaiterState.FAILURE, reason: Clusters };
      return { state: WaiterState.RETRY, reason: Clusters };
    } catch (error) {
      if ((error as { name?: string }).name === 'ClusterNotFoundFault') return { state: WaiterState.FAILURE, reason: error };
      return { state: WaiterState.RETRY, reason: error };
    }
  });
  return checkExceptions(result);
}
