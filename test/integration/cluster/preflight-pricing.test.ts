import { RedshiftClient } from '@aws-sdk/client-redshift';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSecretCredentials, SecretCredentialsError } from '#src/aws/secret-credentials.ts';
import { checkNodeChoice, createCluster, currentPrice, planCluster, ProvisioningInputError } from '#src/cluster/index.ts';
import { parseConfig } from '#src/config/index.ts';
import { silentLogger } from '#src/logger.ts';
import { openWarehouse } from '#src/warehouse/open.ts';
import { priceListProduct, startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { capturingLogger, FAST_WAITER, pointSdkAt, USER_CONFIG } from './helpers.ts';

const config = (cluster: string) => parseConfig(USER_CONFIG.replace('NODE_TYPE = ra3.large\nNUM_NODES = 2\n', cluster));

describe('before anything is created: node choice, price and cost guard, through the real SDK against the stand-in', () => {
  let standIn: AwsStandIn;
  let redshift: RedshiftClient;
  const logger = capturingLogger();

  beforeAll(async () => {
    standIn = await startAwsStandIn();
    pointSdkAt({ AWS_ENDPOINT_URL: standIn.url });
    redshift = new RedshiftClient({ region: 'us-west-2', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  });
  beforeEach(() => {
    standIn.requests.length = 0;
  });
  afterAll(async () => {
    redshift.destroy();
    vi.unstubAllEnvs();
    await standIn.close();
  });

  it('a config that names no node type gets 2 × ra3.large, which the region sells', async () => {
    const defaults = parseConfig(USER_CONFIG.replace('NODE_TYPE = ra3.large\nNUM_NODES = 2\n', ''));
    expect(defaults.cluster).toMatchObject({ nodeType: 'ra3.large', numNodes: 2, kind: 'provisioned', baseCapacity: 4 });
    expect(await checkNodeChoice(redshift, defaults, logger)).toEqual({ basis: 'recorded rules and DescribeOrderableClusterOptions' });
  });

  it.each([
    ['NODE_TYPE = ds2.xlarge\nNUM_NODES = 2\n', "[CLUSTER] NODE_TYPE 'ds2.xlarge': AWS no longer creates ds2 clusters"],
    ['NODE_TYPE = ra3.4xlarge\nNUM_NODES = 1\n', 'sells ra3.4xlarge only as multi-node'],
    ['NODE_TYPE = ra3.4xlarge\nNUM_NODES = 40\n', '[CLUSTER] NUM_NODES 40: a multi-node ra3.4xlarge cluster takes 2 to 32 nodes'],
    ['NODE_TYPE = ra3.mega\nNUM_NODES = 2\n', "[CLUSTER] NODE_TYPE 'ra3.mega' cannot be ordered in us-west-2"],
  ])('refuses %j by name, and createCluster creates nothing', async (cluster, message) => {
    const bad = config(cluster);
    const error = await createCluster(bad, { waiter: FAST_WAITER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningInputError);
    expect((error as Error).message).toContain(message);
    expect(standIn.calls().filter((c) => !/:Describe/.test(c))).toEqual([]);
    expect(standIn.state.isEmpty()).toBe(true);
  });

  it('refuses a port RA3 does not take, before any AWS call', async () => {
    const error = await createCluster(parseConfig(USER_CONFIG.replace('DB_PORT = 5439', 'DB_PORT = 5500')), { waiter: FAST_WAITER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningInputError);
    expect((error as Error).message).toContain('[CLUSTER] DB_PORT 5500: RA3 clusters listen on a port from 5431-5455 or 8191-8215');
    expect(standIn.requests).toHaveLength(0);
  });

  it.each(['ra3.large', 'ra3.xlplus'])('accepts a single-node %s, which the region sells single-node', async (nodeType) => {
    await expect(checkNodeChoice(redshift, config(`NODE_TYPE = ${nodeType}\nNUM_NODES = 1\n`), logger)).resolves.toMatchObject({
      basis: expect.stringContaining('DescribeOrderableClusterOptions'),
    });
  });

  it('refuses a single-node ra3.large where the region does not list it single-node, and creates nothing', async () => {
    const sold = standIn.state.orderable;
    standIn.state.orderable = sold.filter((o) => !(o.nodeType === 'ra3.large' && o.clusterType === 'single-node'));
    try {
      const error = await createCluster(config('NODE_TYPE = ra3.large\nNUM_NODES = 1\n'), { waiter: FAST_WAITER }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisioningInputError);
      expect((error as Error).message).toContain('sells ra3.large only as multi-node');
      expect(standIn.state.isEmpty()).toBe(true);
    } finally {
      standIn.state.orderable = sold;
    }
  });

  it('accepts a type this tool does not know once the region lists it (a type AWS adds later)', async () => {
    standIn.state.orderable.push({ nodeType: 'rg.xlarge', clusterType: 'multi-node' });
    await expect(checkNodeChoice(redshift, config('NODE_TYPE = rg.xlarge\nNUM_NODES = 2\n'), logger)).resolves.toBeDefined();
    standIn.state.orderable.pop();
  });

  it('when DescribeOrderableClusterOptions fails, goes by the recorded rules (and says so), and an unknown type is refused', async () => {
    standIn.failNext('DescribeOrderableClusterOptions', 'InternalFailure', { status: 400 });
    const check = await checkNodeChoice(redshift, config('NODE_TYPE = ra3.large\nNUM_NODES = 2\n'), logger);
    expect(check.basis).toBe('recorded rules (DescribeOrderableClusterOptions: InternalFailure)');
    standIn.failNext('DescribeOrderableClusterOptions', 'InternalFailure', { status: 400 });
    await expect(checkNodeChoice(redshift, config('NODE_TYPE = ra3.mega\nNUM_NODES = 2\n'), logger)).rejects.toThrow(/not a type this tool knows/);
    // The recorded rules: ra3.large and ra3.xlplus may be one node, the larger types may not.
    standIn.failNext('DescribeOrderableClusterOptions', 'InternalFailure', { status: 400 });
    await expect(checkNodeChoice(redshift, config('NODE_TYPE = ra3.large\nNUM_NODES = 1\n'), logger)).resolves.toMatchObject({
      basis: expect.stringContaining('recorded rules'),
    });
    standIn.failNext('DescribeOrderableClusterOptions', 'InternalFailure', { status: 400 });
    await expect(checkNodeChoice(redshift, config('NODE_TYPE = ra3.16xlarge\nNUM_NODES = 1\n'), logger)).rejects.toThrow(
      '[CLUSTER] NUM_NODES 1: ra3.16xlarge has no single-node clusters; it takes 2 to 128 nodes',
    );
    // The re-run, with the API answering again, decides on the region's answer.
    await expect(checkNodeChoice(redshift, config('NODE_TYPE = ra3.4xlarge\nNUM_NODES = 1\n'), logger)).rejects.toThrow(/only as multi-node/);
  });

  it('prices live from the Price List API where it answers, else from the dated table, and the line says which', async () => {
    const ra3 = config('NODE_TYPE = ra3.large\nNUM_NODES = 2\n');
    const table = await currentPrice(ra3, logger);
    expect(table).toMatchObject({ source: 'recorded table', totalUsd: 1.086 });
    expect(table.description).toContain('from the recorded table');
    expect(table.description).toContain('the Price List API gave no single price');
    expect(standIn.requests.find((r) => r.action === 'GetProducts')!.params.get('ServiceCode')).toBe('AmazonRedshift');

    standIn.state.priceList.push(priceListProduct({ instanceType: 'ra3.large', regionCode: 'us-west-2' }, '0.6000000000'));
    standIn.state.priceList.push(
      priceListProduct({ regionCode: 'us-west-2', usagetype: 'USW2-Redshift:ServerlessUsage' }, '0.4000000000', 'RPU-Hr', 'Redshift Serverless'),
    );
    const live = await currentPrice(ra3, logger, undefined, new Date('2026-12-01T00:00:00Z'));
    expect(live).toMatchObject({ source: 'price list api', perNodeUsd: 0.6, totalUsd: 1.2, asOf: '2026-12-01' });
    expect(live.description).toBe('$1.20/hour for 2 × ra3.large at $0.60/hour each in us-west-2 (on-demand price from the AWS Price List API, 2026-12-01)');
    const serverless = await currentPrice(parseConfig(USER_CONFIG.replace('NUM_NODES = 2\n', 'NUM_NODES = 2\nKIND = serverless\nBASE_CAPACITY = 8\n')), logger);
    expect(serverless).toMatchObject({ source: 'price list api', nodeType: 'serverless', numNodes: 8, totalUsd: 3.2 });

    standIn.failNext('GetProducts', 'ThrottlingException', { status: 400, times: 10 });
    const fallback = await currentPrice(ra3, logger);
    expect(fallback).toMatchObject({ source: 'recorded table', totalUsd: 1.086 });
    expect(fallback.description).toContain('the Price List API was not reachable: ThrottlingException');
    standIn.state.failures.length = 0;
  });

  it('cost guard: lists the clusters this tool tagged here, not one someone else made', async () => {
    const other = parseConfig(USER_CONFIG.replace('IDENTIFIER = sparkify-it', 'IDENTIFIER = sparkify-old'));
    await createCluster(other, { waiter: FAST_WAITER, writeBack: false });
    standIn.state.clusters.set('someone-elses', { ...standIn.state.clusters.get('sparkify-old')!, identifier: 'someone-elses', tags: [] });
    const plan = await planCluster(config('NODE_TYPE = ra3.large\nNUM_NODES = 2\n'), { logger, waiter: FAST_WAITER });
    expect(plan.alreadyRunning.map((w) => [w.kind, w.summary.identifier, w.summary.state, w.price.totalUsd])).toEqual([
      ['provisioned', 'sparkify-old', 'available', 1.086],
    ]);
    expect(plan.nodeCheck).toBe('recorded rules and DescribeOrderableClusterOptions');
  });
});

describe('Secrets Manager credentials through the real SDK against the stand-in', () => {
  let standIn: AwsStandIn;
  const arn = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:sparkify-admin-AbCdEf';

  beforeAll(async () => {
    standIn = await startAwsStandIn();
    pointSdkAt({ AWS_ENDPOINT_URL: standIn.url });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await standIn.close();
  });

  it('reads username and password from the secret, and never puts the password in an error', async () => {
    const cfg = parseConfig(USER_CONFIG);
    await expect(readSecretCredentials(cfg, arn)).rejects.toBeInstanceOf(SecretCredentialsError);
    standIn.state.secrets.set(arn, { arn, name: 'sparkify-admin', secretString: '{"username": "admin", "password": "S3cretFromVault"}' });
    expect(await readSecretCredentials(cfg, arn)).toEqual({ username: 'admin', password: 'S3cretFromVault' });
    standIn.state.secrets.set(arn, { arn, name: 'sparkify-admin', secretString: 'S3cretFromVault' });
    const error = (await readSecretCredentials(cfg, arn).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SecretCredentialsError);
    expect(error.message).toBe(`[CLUSTER] SECRET_ARN ${arn}: the secret is not JSON with username and password`);
    expect(error.message).not.toContain('S3cretFromVault');
  });

  it("the direct engine logs in with the secret's user when SECRET_ARN is set (no DB_PASSWORD needed)", async () => {
    standIn.state.secrets.set(arn, { arn, name: 'sparkify-admin', secretString: '{"username": "admin", "password": "S3cretFromVault"}' });
    const cfg = parseConfig(
      `[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nHOST = sparkify-it.c0standin0.us-west-2.redshift.amazonaws.com\nSECRET_ARN = ${arn}\n[AWS]\nREGION = us-west-2\nKEY = AKIDTEST\nSECRET = x\n`,
    );
    const warehouse = await openWarehouse(cfg, { logger: silentLogger });
    expect(warehouse.description).toBe(
      'Amazon Redshift admin@sparkify-it.c0standin0.us-west-2.redshift.amazonaws.com:5439/dev (TLS) (credentials from Secrets Manager)',
    );
    expect(standIn.calls()).toContain('secretsmanager:GetSecretValue');
    await warehouse.close();
  });
});
