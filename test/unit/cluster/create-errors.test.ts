import { CreateRoleCommand, EntityAlreadyExistsException, GetRoleCommand } from '@aws-sdk/client-iam';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { ClusterAlreadyExistsFault, ClusterQuotaExceededFault, CreateClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AwsAccessDeniedError,
  AwsCallError,
  AwsCredentialsError,
  ClusterQuotaExceededError,
  ClusterStateError,
  ClusterWaitError,
  createCluster,
  ProvisioningError,
  ProvisioningInputError,
} from '#src/cluster/index.ts';
import { parseConfig } from '#src/config/index.ts';
import { SparkifyError } from '#src/errors.ts';
import {
  $metadata,
  cluster,
  clusterNotFound,
  ec2Error,
  FAST,
  iamAccessDenied,
  mockEmptyAccount,
  noSuchEntity,
  role,
  ROLE_ARN,
  testConfig,
} from './aws-mocks.ts';

let aws: ReturnType<typeof mockEmptyAccount>;
beforeEach(() => {
  aws = mockEmptyAccount();
});
afterEach(() => aws.restore());

describe('createCluster against mocked AWS', () => {
  it('creates role, policy, security group, ingress and cluster in an empty account', async () => {
    const result = await createCluster(testConfig(), FAST);
    expect(result.steps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'iam-role:created',
      'iam-policy:created',
      'security-group:created',
      'ingress:created',
      'cluster:created',
      'config:skipped',
    ]);
    const create = aws.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input;
    expect(create).toMatchObject({
      ClusterIdentifier: 'sparkify-cluster',
      ClusterType: 'multi-node',
      NumberOfNodes: 2,
      NodeType: 'ra3.large',
      IamRoles: [ROLE_ARN],
      VpcSecurityGroupIds: ['sg-1'],
      PubliclyAccessible: true,
      MasterUserPassword: 'Passw0rdX',
    });
    const trust = JSON.parse(aws.iam.commandCalls(CreateRoleCommand)[0]!.args[0].input.AssumeRolePolicyDocument!);
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const ingress = aws.ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]!.args[0].input;
    expect(ingress.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 5439, ToPort: 5439, IpRanges: [{ CidrIp: '203.0.113.7/32', Description: expect.any(String) }] },
    ]);
    expect(result.cluster.host).toBe('sparkify-cluster.x.us-west-2.redshift.amazonaws.com');
  });

  it('asks for NumberOfNodes and multi-node when NUM_NODES > 1', async () => {
    await createCluster(testConfig('NUM_NODES = 4\nNODE_TYPE = ra3.xlplus'), FAST);
    expect(aws.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input).toMatchObject({
      ClusterType: 'multi-node',
      NumberOfNodes: 4,
      NodeType: 'ra3.xlplus',
    });
  });

  it('turns IAM AccessDenied into AwsAccessDeniedError with the SDK error as cause, and stops there', async () => {
    const denied = iamAccessDenied();
    aws.iam.on(CreateRoleCommand).rejects(denied);
    const error = await createCluster(testConfig(), FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error).toBeInstanceOf(SparkifyError);
    expect((error as AwsAccessDeniedError).code).toBe('AWS_ACCESS_DENIED');
    expect((error as AwsAccessDeniedError).step).toBe('iam-role');
    expect((error as AwsAccessDeniedError).cause).toBe(denied);
    expect((error as Error).message).toContain('iam:CreateRole');
    expect(aws.ec2.calls()).toHaveLength(0);
    // Only the node-type check ran on Redshift, before the role.
    expect(aws.redshift.calls().map((call) => call.args[0].constructor.name)).toEqual(['DescribeOrderableClusterOptionsCommand']);
  });

  it('turns EC2 UnauthorizedOperation into AwsAccessDeniedError and lists the steps that completed', async () => {
    aws.ec2.on(CreateSecurityGroupCommand).rejects(ec2Error('UnauthorizedOperation'));
    const error = (await createCluster(testConfig(), FAST).catch((e: unknown) => e)) as AwsAccessDeniedError;
    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.step).toBe('security-group');
    expect(error.completedSteps.map((s) => `${s.step}:${s.outcome}`)).toEqual(['iam-role:created', 'iam-policy:created']);
  });

  it('turns rejected credentials into AwsCredentialsError before touching anything', async () => {
    aws.sts.on(GetCallerIdentityCommand).rejects(
      new STSServiceException({
        name: 'InvalidClientTokenId',
        $fault: 'client',
        $metadata,
        message: 'The security token included in the request is invalid.',
      }),
    );
    const error = await createCluster(testConfig(), FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCredentialsError);
    expect(aws.iam.calls()).toHaveLength(0);
  });

  it('turns ClusterQuotaExceeded into ClusterQuotaExceededError after the free resources exist', async () => {
    const quota = new ClusterQuotaExceededFault({ message: 'The request would exceed the allowed number of cluster instances for this account.', $metadata });
    aws.redshift.on(CreateClusterCommand).rejects(quota);
    const error = (await createCluster(testConfig(), FAST).catch((e: unknown) => e)) as ClusterQuotaExceededError;
    expect(error).toBeInstanceOf(ClusterQuotaExceededError);
    expect(error.code).toBe('CLUSTER_QUOTA_EXCEEDED');
    expect(error.cause).toBe(quota);
    expect(error.step).toBe('cluster');
    expect(error.completedSteps.map((s) => s.step)).toEqual(['iam-role', 'iam-policy', 'security-group', 'ingress']);
  });

  it('treats ClusterAlreadyExists from CreateCluster (a concurrent create) as already existed and waits for it', async () => {
    aws.redshift.on(CreateClusterCommand).rejects(new ClusterAlreadyExistsFault({ message: 'Cluster already exists', $metadata }));
    const result = await createCluster(testConfig(), FAST);
    expect(result.steps.find((s) => s.step === 'cluster')).toMatchObject({ outcome: 'already existed' });
    expect(result.cluster.state).toBe('available');
  });

  it('finds an existing cluster without calling CreateCluster and notes a different size', async () => {
    aws.redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('available', { NodeType: 'ra3.xlplus', NumberOfNodes: 3 })] });
    const result = await createCluster(testConfig(), FAST);
    expect(aws.redshift.commandCalls(CreateClusterCommand)).toHaveLength(0);
    const step = result.steps.find((s) => s.step === 'cluster')!;
    expect(step.outcome).toBe('already existed');
    expect(step.detail).toContain('dwh.cfg asks for 2 × ra3.large');
  });

  it('treats EntityAlreadyExists from CreateRole (a concurrent create) as already existed', async () => {
    aws.iam.on(GetRoleCommand).rejectsOnce(noSuchEntity()).resolves({ Role: role });
    aws.iam.on(CreateRoleCommand).rejects(new EntityAlreadyExistsException({ message: 'Role with name sparkify-redshift-s3-read already exists.', $metadata }));
    const result = await createCluster(testConfig(), FAST);
    expect(result.steps[0]).toMatchObject({ step: 'iam-role', outcome: 'already existed', detail: ROLE_ARN });
    expect(result.roleArn).toBe(ROLE_ARN);
  });

  it('reports a role that exists as already existed without creating it', async () => {
    aws.iam.on(GetRoleCommand).resolves({ Role: role });
    const result = await createCluster(testConfig(), FAST);
    expect(aws.iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
    expect(result.steps[0]).toMatchObject({ step: 'iam-role', outcome: 'already existed' });
  });

  it('treats InvalidPermission.Duplicate as an ingress rule that already existed', async () => {
    aws.ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('InvalidPermission.Duplicate'));
    const result = await createCluster(testConfig(), FAST);
    expect(result.steps.find((s) => s.step === 'ingress')).toMatchObject({ outcome: 'already existed' });
  });

  it('refuses to wait for a cluster that is being deleted', async () => {
    aws.redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('deleting')] });
    const error = (await createCluster(testConfig(), FAST).catch((e: unknown) => e)) as ClusterStateError;
    expect(error).toBeInstanceOf(ClusterStateError);
    expect(error.state).toBe('deleting');
  });

  it('raises ClusterWaitError when the waiter times out', async () => {
    aws.redshift
      .on(DescribeClustersCommand)
      .rejectsOnce(clusterNotFound())
      .resolves({ Clusters: [cluster('creating')] });
    const error = (await createCluster(testConfig(), { waiter: { minDelaySeconds: 0.05, maxDelaySeconds: 0.05, maxWaitSeconds: 0.3 } }).catch(
      (e: unknown) => e,
    )) as ClusterWaitError;
    expect(error).toBeInstanceOf(ClusterWaitError);
    expect(error.message).toContain('run the same command again');
    expect((error.cause as Error).name).toBe('TimeoutError');
  });

  it('keeps other AWS errors typed, with their SDK name for branching', async () => {
    aws.redshift.on(CreateClusterCommand).rejects(ec2Error('InsufficientClusterCapacity'));
    const error = (await createCluster(testConfig(), FAST).catch((e: unknown) => e)) as AwsCallError;
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error.awsErrorName).toBe('InsufficientClusterCapacity');
  });

  it('rejects a password Redshift would refuse before making any AWS call, without echoing it', async () => {
    const bad = parseConfig('[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nDB_PASSWORD = alllowercase1\nINGRESS_CIDR = 203.0.113.7/32\n');
    const error = (await createCluster(bad, FAST).catch((e: unknown) => e)) as ProvisioningInputError;
    expect(error).toBeInstanceOf(ProvisioningInputError);
    expect(error.message).toContain('DB_PASSWORD');
    expect(error.message).not.toContain('alllowercase1');
    expect(aws.sts.calls()).toHaveLength(0);
  });

  it('uses the discovered public address as a /32 when INGRESS_CIDR is not set', async () => {
    const config = parseConfig('[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nDB_PASSWORD = Passw0rdX\n');
    const result = await createCluster(config, { ...FAST, discoverPublicIp: async () => '198.51.100.23' });
    expect(result.ingressCidr).toBe('198.51.100.23/32');
    expect(aws.ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]!.args[0].input.IpPermissions![0]!.IpRanges![0]!.CidrIp).toBe('198.51.100.23/32');
  });

  it('opens no port and makes the cluster private with ACCESS = data-api', async () => {
    const result = await createCluster(testConfig('ACCESS = data-api'), FAST);
    expect(aws.ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(result.steps.find((s) => s.step === 'ingress')).toMatchObject({ outcome: 'skipped' });
    expect(aws.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input.PubliclyAccessible).toBe(false);
  });
});
