import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ClusterStateError,
  createCluster,
  deleteCluster,
  getClusterStatus,
  pauseCluster,
  ProvisioningError,
  ProvisioningInputError,
  resumeCluster,
} from '#src/cluster/index.ts';
import { loadConfig, parseConfig, type DwhConfig } from '#src/config/index.ts';
import { startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { capturingLogger, FAST_WAITER, pointSdkAt, tempConfig, USER_CONFIG } from './helpers.ts';

describe('pause and resume through the real SDK clients against the stand-in', () => {
  let standIn: AwsStandIn;
  let config: DwhConfig;
  let cleanup: () => Promise<void>;
  const logger = capturingLogger();

  beforeAll(async () => {
    standIn = await startAwsStandIn({ describesUntilAvailable: 2, describesUntilDeleted: 2 });
    pointSdkAt({ AWS_ENDPOINT_URL: standIn.url });
    let file: string;
    ({ file, cleanup } = await tempConfig());
    config = loadConfig({ file, env: {} });
    await createCluster(config, { waiter: FAST_WAITER, writeBack: false });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await standIn.close();
    await cleanup();
  });

  it('pause fails half way (PauseCluster refused as busy): a typed error, the cluster still available; the re-run pauses and waits', async () => {
    standIn.failNext('PauseCluster', 'InvalidClusterState', { message: 'There is an operation running on the Cluster.' });
    const error = await pauseCluster(config, { logger, waiter: FAST_WAITER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterStateError);
    expect((error as ClusterStateError).step).toBe('pause');
    expect(standIn.state.clusters.get('sparkify-it')!.status).toBe('available');

    const result = await pauseCluster(config, { logger, waiter: FAST_WAITER });
    expect(result.steps).toEqual([
      { step: 'pause', resource: 'Redshift cluster sparkify-it', outcome: 'paused', detail: expect.stringContaining('not billed') },
    ]);
    expect(standIn.state.clusters.get('sparkify-it')!.status).toBe('paused');
    expect(logger.lines.some((l) => l.includes('sparkify-it: pausing (waiting for paused'))).toBe(true);
  });

  it('pause again changes nothing; status shows paused', async () => {
    const before = standIn.requests.length;
    const result = await pauseCluster(config, { waiter: FAST_WAITER });
    expect(result.steps[0]).toMatchObject({ outcome: 'unchanged', detail: 'already paused' });
    expect(standIn.requests.slice(before).map((r) => r.action)).toEqual(['DescribeClusters']);
    expect(await getClusterStatus(config)).toMatchObject({ state: 'paused', billing: expect.stringContaining('not billed while paused') });
  });

  it('resume fails half way (the waiter times out while resuming), and the re-run keeps waiting until available', async () => {
    standIn.state.describesUntilResumed = 50;
    const error = (await resumeCluster(config, { waiter: { minDelaySeconds: 0.01, maxDelaySeconds: 0.01, maxWaitSeconds: 0.05 } }).catch(
      (e: unknown) => e,
    )) as ProvisioningError;
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error.code).toBe('CLUSTER_WAIT');
    expect(error.message).toContain('did not become available');
    expect(standIn.state.clusters.get('sparkify-it')!.status).toBe('resuming');
    standIn.state.clusters.get('sparkify-it')!.describesLeft = 2;
    const result = await resumeCluster(config, { logger, waiter: FAST_WAITER });
    expect(result.steps[0]).toMatchObject({ outcome: 'resumed', detail: 'its resume had already started' });
    expect(standIn.state.clusters.get('sparkify-it')!.status).toBe('available');
  });

  it('resume of an available cluster changes nothing', async () => {
    expect((await resumeCluster(config, { waiter: FAST_WAITER })).steps[0]).toMatchObject({ outcome: 'unchanged' });
  });

  it('pause on a serverless config is refused: nothing to pause', async () => {
    const serverless = parseConfig(USER_CONFIG.replace('NUM_NODES = 2\n', 'NUM_NODES = 2\nKIND = serverless\n'));
    await expect(pauseCluster(serverless)).rejects.toBeInstanceOf(ProvisioningInputError);
  });

  it('delete of a paused cluster resumes it first where AWS refuses, and leaves nothing behind', async () => {
    await pauseCluster(config, { waiter: FAST_WAITER });
    const result = await deleteCluster(config, { logger, waiter: FAST_WAITER, writeBack: false });
    expect(result.steps[0]).toMatchObject({
      step: 'cluster',
      outcome: 'deleted',
      detail: 'no final snapshot; resumed first, as AWS would not delete it while paused',
    });
    expect(standIn.state.isEmpty()).toBe(true);
  });
});
