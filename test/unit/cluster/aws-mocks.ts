import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  IAMServiceException,
  ListAttachedRolePoliciesCommand,
  NoSuchEntityException,
  type Role,
} from '@aws-sdk/client-iam';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import {
  ClusterNotFoundFault,
  CreateClusterCommand,
  DescribeClustersCommand,
  DescribeOrderableClusterOptionsCommand,
  RedshiftClient,
  type Cluster,
} from '@aws-sdk/client-redshift';
import { ListWorkgroupsCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { GetProductsCommand, PricingClient, PricingServiceException } from '@aws-sdk/client-pricing';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { parseConfig, type DwhConfig } from '#src/config/index.ts';
import type { ClusterOptions } from '#src/cluster/index.ts';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read';
export const $metadata = { httpStatusCode: 400, requestId: 'test' };

export function testConfig(extra = ''): DwhConfig {
  return parseConfig(
    `[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nDB_PASSWORD = Passw0rdX\nINGRESS_CIDR = 203.0.113.7/32\n${extra}\n[AWS]\nREGION = us-west-2\nKEY = AKIDUNITTEST\nSECRET = not-a-real-secret\n`,
  );
}

/** Fast waiters: the mocks answer at once. */
export const FAST: ClusterOptions = { waiter: { minDelaySeconds: 0.01, maxDelaySeconds: 0.02, maxWaitSeconds: 2 } };

export const role: Role = {
  Path: '/',
  RoleName: 'sparkify-redshift-s3-read',
  RoleId: 'AROATEST',
  Arn: ROLE_ARN,
  CreateDate: new Date(),
  Tags: [{ Key: 'managed-by', Value: 'sparkify' }],
};

export function cluster(status: string, overrides: Partial<Cluster> = {}): Cluster {
  return {
    ClusterIdentifier: 'sparkify-cluster',
    ClusterStatus: status,
    NodeType: 'ra3.large',
    NumberOfNodes: 2,
    DBName: 'dev',
    MasterUsername: 'awsuser',
    ClusterCreateTime: new Date('2026-01-01T00:00:00Z'),
    IamRoles: [{ IamRoleArn: ROLE_ARN }],
    ...(status === 'available' ? { Endpoint: { Address: 'sparkify-cluster.x.us-west-2.redshift.amazonaws.com', Port: 5439 } } : {}),
    ...overrides,
  };
}

export const noSuchEntity = () => new NoSuchEntityException({ message: 'The role cannot be found.', $metadata });
export const clusterNotFound = () => new ClusterNotFoundFault({ message: 'Cluster sparkify-cluster not found.', $metadata });
/** IAM answers AccessDenied without a modelled exception class: the SDK names the error by its code. */
export const iamAccessDenied = () =>
  new IAMServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata,
    message: 'User: arn:aws:iam::123456789012:user/test is not authorized to perform: iam:CreateRole',
  });
export const ec2Error = (code: string) => new EC2ServiceException({ name: code, $fault: 'client', $metadata, message: `${code} (test)` });

/** Mocks for an empty account in which every create succeeds. Tests override single commands. */
export function mockEmptyAccount() {
  const iam = mockClient(IAMClient);
  const ec2 = mockClient(EC2Client);
  const redshift = mockClient(RedshiftClient);
  const sts = mockClient(STSClient);
  const serverless = mockClient(RedshiftServerlessClient);
  const pricing = mockClient(PricingClient);
  // No network in unit tests: the Price List API "is not reachable", so prices come from the table.
  pricing
    .on(GetProductsCommand)
    .rejects(new PricingServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata, message: 'not in unit tests' }));
  serverless.on(ListWorkgroupsCommand).resolves({ workgroups: [] });
  redshift.on(DescribeOrderableClusterOptionsCommand).resolves({
    OrderableClusterOptions: [
      { NodeType: 'ra3.large', ClusterType: 'single-node' },
      { NodeType: 'ra3.large', ClusterType: 'multi-node' },
      { NodeType: 'ra3.xlplus', ClusterType: 'single-node' },
      { NodeType: 'ra3.xlplus', ClusterType: 'multi-node' },
    ].filter(() => true),
  });
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/test' });
  iam.on(GetRoleCommand).rejects(noSuchEntity());
  iam.on(CreateRoleCommand).resolves({ Role: role });
  iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
  iam.on(AttachRolePolicyCommand).resolves({});
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', IsDefault: true }] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-1' });
  ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
  // Not found, then creating, then available; the cost guard's look-up (by tag) finds nothing running.
  const answers = [() => Promise.reject(clusterNotFound()), () => Promise.resolve({ Clusters: [cluster('creating')] })];
  redshift.on(DescribeClustersCommand).callsFake((input: { TagKeys?: string[] }) => {
    if (input.TagKeys) return Promise.resolve({ Clusters: [] });
    return (answers.shift() ?? (() => Promise.resolve({ Clusters: [cluster('available')] })))();
  });
  redshift.on(CreateClusterCommand).resolves({ Cluster: cluster('creating') });
  return {
    iam,
    ec2,
    redshift,
    serverless,
    pricing,
    sts,
    restore() {
      for (const mock of [iam, ec2, redshift, serverless, pricing, sts]) mock.restore();
    },
  };
}
