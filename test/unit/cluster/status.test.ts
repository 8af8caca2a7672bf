import { DescribeClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsAccessDeniedError, formatStatus, getClusterStatus } from '#src/cluster/index.ts';
import { cluster, clusterNotFound, ec2Error, testConfig } from './aws-mocks.ts';

const redshift = mockClient(RedshiftClient);
afterEach(() => redshift.reset());
const now = () => new Date('2026-01-01T02:30:00Z');

describe('getClusterStatus', () => {
  it('reports state, endpoint, size, age and cost so far from the cluster itself', async () => {
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('available', { NumberOfNodes: 2 })] });
    const report = await getClusterStatus(testConfig(), { now });
    expect(report).toMatchObject({
      exists: true,
      state: 'available',
      ageSeconds: 9000,
      age: '2h 30m',
      costSoFarUsd: 2.72, // 2.5 h × 2 nodes × $0.543
      cluster: { host: 'sparkify-cluster.x.us-west-2.redshift.amazonaws.com', port: 5439, nodeType: 'ra3.large', numNodes: 2 },
    });
    expect(formatStatus(report)).toBe(
      [
        'cluster    sparkify-cluster (us-west-2)',
        'state      available',
        'endpoint   sparkify-cluster.x.us-west-2.redshift.amazonaws.com:5439',
        'nodes      2 × ra3.large',
        'database   dev (user awsuser)',
        'age        2h 30m (created 2026-01-01T00:00:00.000Z)',
        'cost       up to $2.72 so far at $1.086/hour (on-demand list price as of 2025-06; paused hours are not billed; excludes storage and data transfer)',
        'iam roles  arn:aws:iam::123456789012:role/sparkify-redshift-s3-read',
      ].join('\n'),
    );
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ state: 'available', costSoFarUsd: 2.72 });
  });

  it('shows a paused cluster as paused, with what is billed while paused', async () => {
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('paused')] });
    const report = await getClusterStatus(testConfig(), { now });
    expect(report).toMatchObject({ state: 'paused', billing: expect.stringContaining('compute is not billed while paused') });
    expect(formatStatus(report)).toMatch(/^state\s+paused$/m);
    expect(formatStatus(report)).toMatch(/^billing\s+paused: compute is not billed while paused \(storage still is\)/m);
  });

  it('reports a missing cluster as not found', async () => {
    redshift.on(DescribeClustersCommand).rejects(clusterNotFound());
    const report = await getClusterStatus(testConfig(), { now });
    expect(report).toMatchObject({ exists: false, state: 'not found', cluster: undefined });
    expect(formatStatus(report)).toBe('cluster  sparkify-cluster (us-west-2)\nstate    not found');
  });

  it('raises a typed error on access denied', async () => {
    redshift.on(DescribeClustersCommand).rejects(ec2Error('AccessDenied'));
    await expect(getClusterStatus(testConfig(), { now })).rejects.toBeInstanceOf(AwsAccessDeniedError);
  });
});
