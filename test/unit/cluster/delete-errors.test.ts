import {
  DeleteConflictException,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { DeleteClusterCommand, DescribeClustersCommand, InvalidClusterStateFault, RedshiftClient } from '@aws-sdk/client-redshift';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsAccessDeniedError, ClusterStateError, deleteCluster, ResourceInUseError } from '#src/cluster/index.ts';
import { $metadata, cluster, clusterNotFound, ec2Error, FAST, iamAccessDenied, noSuchEntity, role, testConfig } from './aws-mocks.ts';

const POLICY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const group = {
  GroupId: 'sg-1',
  GroupName: 'sparkify-cluster-access',
  Tags: [{ Key: 'managed-by', Value: 'sparkify' }],
  IpPermissions: [
    { IpProtocol: 'tcp', FromPort: 5439, ToPort: 5439, IpRanges: [{ CidrIp: '203.0.113.7/32' }, { CidrIp: '198.51.100.1/32' }] },
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
  ],
};

function mockProvisionedAccount() {
  const iam = mockClient(IAMClient);
  const ec2 = mockClient(EC2Client);
  const redshift = mockClient(RedshiftClient);
  redshift
    .on(DescribeClustersCommand)
    .resolvesOnce({ Clusters: [cluster('available')] })
    .resolvesOnce({ Clusters: [cluster('deleting')] })
    .rejects(clusterNotFound());
  redshift.on(DeleteClusterCommand).resolves({ Cluster: cluster('deleting') });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [group] });
  ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
  ec2.on(DeleteSecurityGroupCommand).resolves({ Return: true });
  iam.on(GetRoleCommand).resolves({ Role: role });
  iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyArn: POLICY, PolicyName: 'AmazonS3ReadOnlyAccess' }] });
  iam.on(DetachRolePolicyCommand).resolves({});
  iam.on(DeleteRoleCommand).resolves({});
  return { iam, ec2, redshift, restore: () => [iam, ec2, redshift].forEach((m) => m.restore()) };
}

let aws: ReturnType<typeof mockProvisionedAccount>;
beforeEach(() => {
  aws = mockProvisionedAccount();
});
afterEach(() => aws.restore());

describe('deleteCluster against mocked AWS', () => {
  it('deletes the cluster without a final snapshot, revokes every rule on the port, then the group and role', async () => {
    const { steps } = await deleteCluster(testConfig(), FAST);
    expect(steps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'cluster:deleted',
      'ingress:deleted',
      'ingress:deleted',
      'security-group:deleted',
      'iam-policy:deleted',
      'iam-role:deleted',
      'config:skipped',
    ]);
    expect(aws.redshift.commandCalls(DeleteClusterCommand)[0]!.args[0].input).toEqual({
      ClusterIdentifier: 'sparkify-cluster',
      SkipFinalClusterSnapshot: true,
    });
    const revoked = aws.ec2.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input.IpPermissions![0]!.IpRanges![0]!.CidrIp);
    expect(revoked).toEqual(['203.0.113.7/32', '198.51.100.1/32']); // not the port-22 rule
    expect(aws.iam.commandCalls(DetachRolePolicyCommand)[0]!.args[0].input).toEqual({ RoleName: 'sparkify-redshift-s3-read', PolicyArn: POLICY });
  });

  it('reports everything as not found in an empty account', async () => {
    aws.redshift.on(DescribeClustersCommand).rejects(clusterNotFound());
    aws.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    aws.iam.on(GetRoleCommand).rejects(noSuchEntity());
    const { steps } = await deleteCluster(testConfig(), FAST);
    expect(steps.filter((s) => s.step !== 'config').every((s) => s.outcome === 'not found')).toBe(true);
    expect(aws.redshift.commandCalls(DeleteClusterCommand)).toHaveLength(0);
  });

  it('treats InvalidPermission.NotFound and a revoke answered with unknown permissions as not found', async () => {
    aws.ec2
      .on(RevokeSecurityGroupIngressCommand)
      .rejectsOnce(ec2Error('InvalidPermission.NotFound'))
      .resolves({ Return: true, UnknownIpPermissions: [{ IpProtocol: 'tcp', FromPort: 5439, ToPort: 5439 }] });
    const { steps } = await deleteCluster(testConfig(), FAST);
    expect(steps.filter((s) => s.step === 'ingress').map((s) => s.outcome)).toEqual(['not found', 'not found']);
  });

  it('waits for a cluster whose delete already started instead of deleting it again', async () => {
    aws.redshift
      .on(DescribeClustersCommand)
      .resolvesOnce({ Clusters: [cluster('deleting')] })
      .rejects(clusterNotFound());
    const { steps } = await deleteCluster(testConfig(), FAST);
    expect(aws.redshift.commandCalls(DeleteClusterCommand)).toHaveLength(0);
    expect(steps[0]).toMatchObject({ step: 'cluster', outcome: 'deleted', detail: 'its delete had already started' });
  });

  it('turns InvalidClusterState into ClusterStateError with the cause kept', async () => {
    const busy = new InvalidClusterStateFault({ message: 'There is an operation running on the Cluster.', $metadata });
    aws.redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('modifying')] });
    aws.redshift.on(DeleteClusterCommand).rejects(busy);
    const error = (await deleteCluster(testConfig(), FAST).catch((e: unknown) => e)) as ClusterStateError;
    expect(error).toBeInstanceOf(ClusterStateError);
    expect(error.cause).toBe(busy);
    expect(aws.ec2.calls()).toHaveLength(0);
  });

  it('turns DependencyViolation on the security group into ResourceInUseError, after the cluster step', async () => {
    aws.ec2.on(DeleteSecurityGroupCommand).rejects(ec2Error('DependencyViolation'));
    const error = (await deleteCluster(testConfig(), FAST).catch((e: unknown) => e)) as ResourceInUseError;
    expect(error).toBeInstanceOf(ResourceInUseError);
    expect(error.step).toBe('security-group');
    expect(error.completedSteps.map((s) => `${s.step}:${s.outcome}`)).toEqual(['cluster:deleted', 'ingress:deleted', 'ingress:deleted']);
  });

  it('turns DeleteConflict on the role into ResourceInUseError', async () => {
    aws.iam.on(DeleteRoleCommand).rejects(new DeleteConflictException({ message: 'Cannot delete entity, must detach all policies first.', $metadata }));
    const error = (await deleteCluster(testConfig(), FAST).catch((e: unknown) => e)) as ResourceInUseError;
    expect(error).toBeInstanceOf(ResourceInUseError);
    expect(error.completedSteps.at(-1)).toMatchObject({ step: 'iam-policy', outcome: 'deleted' });
  });

  it('turns AccessDenied on DeleteRole into AwsAccessDeniedError', async () => {
    aws.iam.on(DeleteRoleCommand).rejects(iamAccessDenied());
    await expect(deleteCluster(testConfig(), FAST)).rejects.toBeInstanceOf(AwsAccessDeniedError);
  });

  it('keeps a role and a security group that sparkify did not create', async () => {
    aws.iam.on(GetRoleCommand).resolves({ Role: { ...role, Tags: [] } });
    aws.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ ...group, Tags: [{ Key: 'team', Value: 'data' }] }] });
    const { steps } = await deleteCluster(testConfig(), FAST);
    expect(steps.filter((s) => s.outcome === 'kept').map((s) => s.step)).toEqual(['ingress', 'security-group', 'iam-policy', 'iam-role']);
    expect(aws.iam.commandCalls(DeleteRoleCommand)).toHaveLength(0);
    expect(aws.ec2.commandCalls(DeleteSecurityGroupCommand)).toHaveLength(0);
    expect(aws.ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });
});
