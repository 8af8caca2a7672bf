import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCluster, deleteCluster, getClusterStatus } from '#src/cluster/index.ts';
import { loadConfig } from '#src/config/index.ts';
import { StandInState, startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { FAST_WAITER, pointSdkAt, tempConfig } from './helpers.ts';

/**
 * The product sets no endpoint itself; the SDK's AWS_ENDPOINT_URL_<SERVICE> variables move each
 * service. Two stand-ins share one account state: IAM is served by one, everything else by the
 * other, and each must see only its own services' calls.
 */
describe('AWS_ENDPOINT_URL_<SERVICE> routes each service with no code change', () => {
  let iamEndpoint: AwsStandIn;
  let otherEndpoint: AwsStandIn;
  let cleanup: () => Promise<void>;
  let file: string;

  beforeAll(async () => {
    const state = new StandInState();
    iamEndpoint = await startAwsStandIn({ state, describesUntilAvailable: 2, describesUntilDeleted: 2 });
    otherEndpoint = await startAwsStandIn({ state });
    pointSdkAt({
      AWS_ENDPOINT_URL_IAM: iamEndpoint.url,
      AWS_ENDPOINT_URL_EC2: otherEndpoint.url,
      AWS_ENDPOINT_URL_REDSHIFT: otherEndpoint.url,
      AWS_ENDPOINT_URL_STS: otherEndpoint.url,
    });
    ({ file, cleanup } = await tempConfig());
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all([iamEndpoint.close(), otherEndpoint.close(), cleanup()]);
  });

  it('create, status and delete run through, each service reaching only its own endpoint', async () => {
    const config = loadConfig({ file, env: {} });
    await createCluster(config, { waiter: FAST_WAITER });
    expect((await getClusterStatus(config)).state).toBe('available');
    await deleteCluster(config, { waiter: FAST_WAITER });
    expect(iamEndpoint.state.isEmpty()).toBe(true);

    expect(new Set(iamEndpoint.requests.map((r) => r.service))).toEqual(new Set(['iam']));
    expect(new Set(otherEndpoint.requests.map((r) => r.service))).toEqual(new Set(['ec2', 'redshift', 'sts']));
    // The SigV4 scope matches the service that answered: the SDK signed for the real service.
    for (const request of [...iamEndpoint.requests, ...otherEndpoint.requests]) expect(request.signedService).toBe(request.service);
  });
});
