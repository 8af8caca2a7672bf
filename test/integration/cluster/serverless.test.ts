import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCluster, deleteCluster, getClusterStatus, ProvisioningError, ProvisioningInputError, type CreateClusterResult } from '#src/cluster/index.ts';
import { loadConfig, parseConfig } from '#src/config/index.ts';
import { startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { capturingLogger, FAST_WAITER, pointSdkAt, tempConfig, USER_CONFIG } from './helpers.ts';

const SERVERLESS_CONFIG = USER_CONFIG.replace('NUM_NODES = 2\n', 'NUM_NODES = 2\nKIND = serverless\n');
const HOST = 'sparkify-it.123456789012.us-west-2.redshift-serverless.amazonaws.com';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/sparkify-it-s3-read';
const outcomes = (result: { steps: readonly { step: string; outcome: string }[] }) => result.steps.map((s) => `${s.step}:${s.outcome}`);

describe('Redshift Serverless through the real SDK clients against the stand-in', () => {
  let standIn: AwsStandIn;
  let file: string;
  let cleanup: () => Promise<void>;
  let created: CreateClusterResult;
  const logger = capturingLogger();

  beforeAll(async () => {
    standIn = await startAwsStandIn();
    pointSdkAt({ AWS_ENDPOINT_URL: standIn.url });
    ({ file, cleanup } = await tempConfig(SERVERLESS_CONFIG));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await standIn.close();
    await cleanup();
  });

  it('a base capacity Serverless does not take is refused before any AWS call', async () => {
    const bad = parseConfig(SERVERLESS_CONFIG.replace('KIND = serverless', 'KIND = serverless\nBASE_CAPACITY = 12'));
    const error = await createCluster(bad, { waiter: FAST_WAITER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningInputError);
    expect((error as Error).message).toContain('[CLUSTER] BASE_CAPACITY 12');
    expect(standIn.requests).toHaveLength(0);
  });

  it('create fails half way (CreateWorkgroup refused): the namespace exists, dwh.cfg is untouched', async () => {
    standIn.failNext('CreateWorkgroup', 'ServiceQuotaExceededException', { message: 'The account has reached its workgroup quota.' });
    const error = (await createCluster(loadConfig({ file, env: {} }), { logger, waiter: FAST_WAITER }).catch((e: unknown) => e)) as ProvisioningError;
    expect(standIn.requests.filter((r) => r.action === 'CreateWorkgroup').map((r) => `${r.status}:${r.errorCode}`)).toEqual([
      '400:ServiceQuotaExceededException',
    ]);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error.step).toBe('workgroup');
    expect(error.completedSteps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'iam-role:created',
      'iam-policy:created',
      'security-group:created',
      'ingress:created',
      'namespace:created',
    ]);
    expect(standIn.state.namespaces.size).toBe(1);
    expect(standIn.state.workgroups.size).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(SERVERLESS_CONFIG);
  });

  it('the re-run finds what exists and creates the workgroup: minimum base capacity, role associated, caller-only group, endpoint written back', async () => {
    created = await createCluster(loadConfig({ file, env: {} }), { logger, waiter: FAST_WAITER });
    expect(outcomes(created)).toEqual([
      'iam-role:already existed',
      'iam-policy:already existed',
      'security-group:already existed',
      'ingress:already existed',
      'namespace:already existed',
      'workgroup:created',
      'config:updated',
    ]);
    expect(created.cluster).toMatchObject({
      identifier: 'sparkify-it',
      state: 'available',
      host: HOST,
      port: 5439,
      nodeType: 'serverless',
      numNodes: 4,
      dbName: 'sparkify',
      dbUser: 'analyst',
      iamRoleArns: [ROLE_ARN],
    });
    expect(logger.lines.filter((l) => l.includes('workgroup sparkify-it: CREATING (waiting for AVAILABLE')).length).toBeGreaterThanOrEqual(2);
    const namespace = standIn.state.namespaces.get('sparkify-it')!;
    expect(namespace).toMatchObject({
      dbName: 'sparkify',
      adminUsername: 'analyst',
      iamRoles: [ROLE_ARN],
      defaultIamRoleArn: ROLE_ARN,
      tags: [{ key: 'managed-by', value: 'sparkify' }],
    });
    const [group] = [...standIn.state.securityGroups.values()];
    expect(group!.ingress.map((r) => r.cidr)).toEqual(['203.0.113.7/32']);
    expect(standIn.state.workgroups.get('sparkify-it')).toMatchObject({
      namespaceName: 'sparkify-it',
      baseCapacity: 4,
      securityGroupIds: [group!.id],
      publiclyAccessible: true,
    });
    expect(standIn.state.clusters.size).toBe(0);
    const written = loadConfig({ file, env: {} });
    expect(written.cluster.host).toBe(HOST);
    expect(written.iamRole.arn).toBe(ROLE_ARN);
    expect(created.price.description).toMatch(/^\$1\.50\/hour while queries run at the base capacity of 4 RPUs/);
    expect(logger.lines.join('\n')).not.toContain('Str0ngPassw0rd');
  });

  it('status reports the workgroup, its capacity and that compute is billed only while queries run', async () => {
    const report = await getClusterStatus(loadConfig({ file, env: {} }));
    expect(report).toMatchObject({ kind: 'serverless', exists: true, state: 'available', cluster: { host: HOST, numNodes: 4 }, costSoFarUsd: undefined });
    expect(report.billing).toContain('nothing while idle');
  });

  it('delete fails half way (DeleteNamespace refused), then the re-run finishes and leaves nothing behind', async () => {
    standIn.failNext('DeleteNamespace', 'ConflictException', { message: 'Namespace is being modified.' });
    const error = (await deleteCluster(loadConfig({ file, env: {} }), { logger, waiter: FAST_WAITER }).catch((e: unknown) => e)) as ProvisioningError;
    expect(error.step).toBe('namespace');
    expect(error.completedSteps.map((s) => `${s.step}:${s.outcome}`)).toEqual(['workgroup:deleted']);
    expect(standIn.state.workgroups.size).toBe(0);
    expect(standIn.state.namespaces.size).toBe(1);
    const result = await deleteCluster(loadConfig({ file, env: {} }), { logger, waiter: FAST_WAITER });
    expect(outcomes(result)).toEqual([
      'workgroup:not found',
      'namespace:deleted',
      'ingress:deleted',
      'security-group:deleted',
      'iam-policy:deleted',
      'iam-role:deleted',
      'config:updated',
    ]);
    expect(standIn.state.isEmpty()).toBe(true);
    expect(loadConfig({ file, env: {} }).cluster.host).toBeUndefined();
  });
});
