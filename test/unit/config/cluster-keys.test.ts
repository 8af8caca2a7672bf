import { describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';

describe('[CLUSTER] provisioning keys', () => {
  it('defaults to a provisioned 2 x ra3.large, a 4-RPU serverless base capacity, and no secret', () => {
    expect(parseConfig('').cluster).toMatchObject({ kind: 'provisioned', nodeType: 'ra3.large', numNodes: 2, baseCapacity: 4, secretArn: undefined });
  });

  it('reads KIND, BASE_CAPACITY and SECRET_ARN, also from the environment', () => {
    const config = parseConfig('[CLUSTER]\nKIND = serverless\nBASE_CAPACITY = 16\n', {
      env: { SPARKIFY_CLUSTER_SECRET_ARN: 'arn:aws:secretsmanager:us-west-2:1:secret:x' },
    });
    expect(config.cluster).toMatchObject({ kind: 'serverless', baseCapacity: 16, secretArn: 'arn:aws:secretsmanager:us-west-2:1:secret:x' });
  });

  it('lists a wrong KIND and BASE_CAPACITY together, naming section and key', () => {
    expect(() => parseConfig('[CLUSTER]\nKIND = hybrid\nBASE_CAPACITY = lots\n')).toThrow(
      /\[CLUSTER\] KIND: 'hybrid' is not one of provisioned, serverless[\s\S]*\[CLUSTER\] BASE_CAPACITY: 'lots' is not a whole number/,
    );
  });
});
