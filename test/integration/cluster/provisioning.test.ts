import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AwsCallError,
  createCluster,
  deleteCluster,
  getClusterStatus,
  ProvisioningError,
  ProvisioningInputError,
  type CreateClusterResult,
} from '#src/cluster/index.ts';
import { loadConfig, parseConfig, type DwhConfig } from '#src/config/index.ts';
import { startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { capturingLogger, FAST_WAITER, pointSdkAt, tempConfig, USER_CONFIG } from './helpers.ts';

const HOST = 'sparkify-it.c0standin0.us-west-2.redshift.amazonaws.com';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/sparkify-it-s3-read';
const outcomes = (result: { steps: readonly { step: string; outcome: string }[] }) => result.steps.map((s) => `${s.step}:${s.outcome}`);

describe('cluster lifecycle through the real SDK clients against the stand-in', () => {
  let standIn: AwsStandIn;
  let config: DwhConfig;
  let file: string;
  let cleanup: () => Promise<void>;
  let created: CreateClusterResult;
  const logger = capturingLogger();

  beforeAll(async () => {
    standIn = await startAwsStandIn({ describesUntilAvailable: 4, describesUntilDeleted: 3 });
    pointSdkAt({ AWS_ENDPOINT_URL: standIn.url });
    ({ file, cleanup } = await tempConfig());
    config = loadConfig({ file, env: {} });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await standIn.close();
    await cleanup();
  });

  it('create: makes the role, policy, security group, ingress rule and cluster, waiting until available', async () => {
    created = await createCluster(config, { logger, waiter: FAST_WAITER });
    expect(outcomes(created)).toEqual([
      'iam-role:created',
      'iam-policy:created',
      'security-group:created',
      'ingress:created',
      'cluster:created',
      'config:updated',
    ]);
    expect(created.cluster).toMatchObject({
      identifier: 'sparkify-it',
      state: 'available',
      host: HOST,
      port: 5439,
      nodeType: 'ra3.large',
      numNodes: 2,
      dbName: 'sparkify',
      dbUser: 'analyst',
    });
    expect(created.roleArn).toBe(ROLE_ARN);

    // The waiter really polled: the cluster answered `creating` several times before `available`.
    expect(logger.lines.filter((l) => l.includes('sparkify-it: creating (waiting for available')).length).toBe(3);
    expect(logger.lines.some((l) => l.includes('sparkify-it: available (waiting for available'))).toBe(true);

    const { state } = standIn;
    const role = state.roles.get('sparkify-it-s3-read')!;
    expect(JSON.parse(role.trustPolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(role.attachedPolicies).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    const [group] = [...state.securityGroups.values()];
    expect(group!.ingress).toEqual([{ protocol: 'tcp', fromPort: 5439, toPort: 5439, cidr: '203.0.113.7/32', description: expect.any(String) }]);
    const cluster = state.clusters.get('sparkify-it')!;
    expect(cluster).toMatchObject({
      nodeType: 'ra3.large',
      numberOfNodes: 2,
      iamRoles: [ROLE_ARN],
      vpcSecurityGroupIds: [group!.id],
      publiclyAccessible: true,
    });
    // Signed with the config's key; the secret never reached a log line.
    expect(new Set(standIn.requests.map((r) => r.accessKeyId))).toEqual(new Set(['AKIDSTANDINTEST']));
    expect(logger.lines.join('\n')).not.toContain('stand-in-secret-never-printed');
    expect(logger.lines.join('\n')).not.toContain('Str0ngPassw0rd');
  });

  it('create wrote HOST and ARN into dwh.cfg and kept everything else as the user wrote it', async () => {
    const written = await readFile(file, 'utf8');
    const expected = USER_CONFIG.replace('HOST =\n', `HOST = ${HOST}\n`).replace(
      'NAME = sparkify-it-s3-read\n',
      `NAME = sparkify-it-s3-read\nARN = ${ROLE_ARN}\n`,
    );
    expect(written).toBe(expected);
    const reread = loadConfig({ file, env: {} });
    expect(reread.cluster.host).toBe(HOST);
    expect(reread.iamRole.arn).toBe(ROLE_ARN);
  });

  it('re-create: finds everything, creates nothing, duplicates nothing', async () => {
    const before = standIn.requests.length;
    const again = await createCluster(loadConfig({ file, env: {} }), { logger, waiter: FAST_WAITER });
    expect(outcomes(again)).toEqual([
      'iam-role:already existed',
      'iam-policy:already existed',
      'security-group:already existed',
      'ingress:already existed',
      'cluster:already existed',
      'config:unchanged',
    ]);
    const actions = standIn.requests.slice(before).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith('Create') || a === 'AttachRolePolicy')).toEqual([]);
    expect(standIn.state.roles.size).toBe(1);
    expect(standIn.state.securityGroups.size).toBe(1);
    expect([...standIn.state.securityGroups.values()][0]!.ingress).toHaveLength(1);
    expect(standIn.state.clusters.size).toBe(1);
    expect(again.cluster.host).toBe(HOST);
  });

  it('status: state, endpoint, node type, nodes, age and cost so far', async () => {
    const later = () => new Date(Date.parse(created.cluster.createdAt!) + 3 * 3600 * 1000);
    const report = await getClusterStatus(config, { now: later });
    expect(report).toMatchObject({
      exists: true,
      state: 'available',
      ageSeconds: 3 * 3600,
      age: '3h 00m',
      costSoFarUsd: 3.26, // 3 h × 2 × $0.543
      cluster: { host: HOST, port: 5439, nodeType: 'ra3.large', numNodes: 2 },
    });
  });

  it('delete: removes the cluster (waiting until gone), ingress, security group, policy and role; clears dwh.cfg', async () => {
    const lines = logger.lines.length;
    const result = await deleteCluster(config, { logger, waiter: FAST_WAITER });
    expect(outcomes(result)).toEqual([
      'cluster:deleted',
      'ingress:deleted',
      'security-group:deleted',
      'iam-policy:deleted',
      'iam-role:deleted',
      'config:updated',
    ]);
    expect(logger.lines.slice(lines).filter((l) => l.includes('sparkify-it: deleting (waiting for deleted')).length).toBeGreaterThanOrEqual(2);
    expect(standIn.state.isEmpty()).toBe(true);
    const written = await readFile(file, 'utf8');
    // Back to what the user wrote, plus the ARN key that create added, now empty.
    expect(written).toBe(USER_CONFIG.replace('NAME = sparkify-it-s3-read\n', 'NAME = sparkify-it-s3-read\nARN =\n'));
  });

  it('delete again: everything reported as not found, nothing called that changes state', async () => {
    const before = standIn.requests.length;
    const result = await deleteCluster(config, { logger, waiter: FAST_WAITER });
    expect(outcomes(result)).toEqual([
      'cluster:not found',
      'ingress:not found',
      'security-group:not found',
      'iam-policy:not found',
      'iam-role:not found',
      'config:unchanged',
    ]);
    expect(
      standIn.requests
        .slice(before)
        .map((r) => r.action)
        .filter((a) => /^(Delete|Revoke|Detach)/.test(a)),
    ).toEqual([]);
  });

  it('status of a deleted cluster says not found', async () => {
    expect(await getClusterStatus(config)).toMatchObject({ exists: false, state: 'not found' });
  });
});

describe('failure half way, then a successful re-run', () => {
  let standIn: AwsStandIn;
  let file: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    standIn = await startAwsStandIn({ describesUntilAvailable: 3, describesUntilDeleted: 2 });
    pointSdkAt({ AWS_ENDPOINT_URL: standIn.url });
    ({ file, cleanup } = await tempConfig());
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await standIn.close();
    await cleanup();
  });

  it('create fails at CreateCluster, keeps the AWS error, and leaves dwh.cfg alone', async () => {
    standIn.failNext('CreateCluster', 'InsufficientClusterCapacity', { message: 'There is not enough capacity for ra3.large in us-west-2a.' });
    const error = (await createCluster(loadConfig({ file, env: {} }), { waiter: FAST_WAITER }).catch((e: unknown) => e)) as AwsCallError;
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error.step).toBe('cluster');
    expect(error.awsErrorName).toBe('InsufficientClusterCapacityFault');
    expect((error.cause as Error).name).toBe('InsufficientClusterCapacityFault');
    expect(error.completedSteps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'iam-role:created',
      'iam-policy:created',
      'security-group:created',
      'ingress:created',
    ]);
    expect(standIn.state.clusters.size).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(USER_CONFIG);
  });

  it('the re-run finds what the failed run made and creates only the cluster', async () => {
    const result = await createCluster(loadConfig({ file, env: {} }), { waiter: FAST_WAITER });
    expect(outcomes(result)).toEqual([
      'iam-role:already existed',
      'iam-policy:already existed',
      'security-group:already existed',
      'ingress:already existed',
      'cluster:created',
      'config:updated',
    ]);
    expect(standIn.state.roles.size).toBe(1);
    expect(standIn.state.securityGroups.size).toBe(1);
    expect(loadConfig({ file, env: {} }).cluster.host).toBe(HOST);
  });

  it('delete fails at DeleteRole, and the re-run finishes the job', async () => {
    standIn.failNext('DeleteRole', 'ConcurrentModification', { status: 409, message: 'Try again.' });
    const error = (await deleteCluster(loadConfig({ file, env: {} }), { waiter: FAST_WAITER }).catch((e: unknown) => e)) as ProvisioningError;
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error.step).toBe('iam-role');
    expect(error.completedSteps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'cluster:deleted',
      'ingress:deleted',
      'security-group:deleted',
      'iam-policy:deleted',
    ]);
    expect(standIn.state.roles.size).toBe(1);

    const result = await deleteCluster(loadConfig({ file, env: {} }), { waiter: FAST_WAITER });
    expect(outcomes(result)).toEqual([
      'cluster:not found',
      'ingress:not found',
      'security-group:not found',
      'iam-policy:not found',
      'iam-role:deleted',
      'config:updated',
    ]);
    expect(standIn.state.isEmpty()).toBe(true);
  });

  it('a password Redshift would refuse stops the run before any AWS call', async () => {
    const before = standIn.requests.length;
    const bad = parseConfig(USER_CONFIG.replace('Str0ngPassw0rd', 'weak'));
    await expect(createCluster(bad, { waiter: FAST_WAITER })).rejects.toBeInstanceOf(ProvisioningInputError);
    expect(standIn.requests.length).toBe(before);
  });
});
