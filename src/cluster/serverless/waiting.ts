import { GetNamespaceCommand, GetWorkgroupCommand, type RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { checkExceptions, createWaiter, WaiterState, type WaiterResult } from '@smithy/core/client';
import type { Logger } from '../../logger.ts';
import { awsErrorName } from '../aws-errors.ts';
import { ClusterWaitError } from '../errors.ts';
import { formatDuration } from '../../format/duration.ts';
import type { WaiterTiming } from '../waiting.ts';

export type ServerlessResource = 'workgroup' | 'namespace';
export type ServerlessGoal = 'AVAILABLE' | 'gone';

/**
 * The serverless client has no waiters; these are built the way the SDK builds its own (createWaiter
 * with acceptors on GetWorkgroup / GetNamespace): AVAILABLE succeeds, `gone` succeeds on
 * ResourceNotFoundException, DELETING fails a wait for AVAILABLE. Each answer is logged as a status line.
 */
export async function waitForServerless(
  client: RedshiftServerlessClient,
  resource: ServerlessResource,
  name: string,
  goal: ServerlessGoal,
  timing: WaiterTiming,
  logger: Logger,
): Promise<void> {
  const started = Date.now();
  const check = async (c: RedshiftServerlessClient): Promise<WaiterResult> => {
    const elapsed = formatDuration(Date.now() - started);
    try {
      const status =
        resource === 'workgroup'
          ? (await c.send(new GetWorkgroupCommand({ workgroupName: name }))).workgroup?.status
          : (await c.send(new GetNamespaceCommand({ namespaceName: name }))).namespace?.status;
      logger.info(`  ${resource} ${name}: ${status ?? 'unknown'} (waiting for ${goal}, ${elapsed})`);
      if (goal === 'AVAILABLE' && status === 'AVAILABLE') return { state: WaiterState.SUCCESS, reason: status };
      if (goal === 'AVAILABLE' && status === 'DELETING') return { state: WaiterState.FAILURE, reason: status };
      return { state: WaiterState.RETRY, reason: status };
    } catch (error) {
      if (awsErrorName(error) === 'ResourceNotFoundException') {
        logger.info(`  ${resource} ${name}: gone (waiting for ${goal}, ${elapsed})`);
        return { state: goal === 'gone' ? WaiterState.SUCCESS : WaiterState.FAILURE, reason: error };
      }
      return { state: WaiterState.RETRY, reason: error };
    }
  };
  try {
    const result = await createWaiter(
      { client, minDelay: timing.minDelaySeconds, maxDelay: timing.maxDelaySeconds, maxWaitTime: timing.maxWaitSeconds },
      {},
      check,
    );
    checkExceptions(result);
  } catch (error) {
    const timedOut = awsErrorName(error) === 'TimeoutError';
    const message = timedOut
      ? `${resource} ${name} did not become ${goal} within ${formatDuration(timing.maxWaitSeconds * 1000)}; run the same command again to keep waiting`
      : `stopped waiting for ${resource} ${name} to become ${goal}`;
    throw new ClusterWaitError(resource, message, error);
  }
}
