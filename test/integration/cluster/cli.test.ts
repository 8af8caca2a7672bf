import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceListProduct, startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { tempConfig, USER_CONFIG } from './helpers.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/sparkify.js');

/** The user's file without [AWS] KEY/SECRET: the CLI must then use the SDK's default chain (env). */
const CONFIG = USER_CONFIG.replace(/^KEY = .*\n/m, '').replace(/^SECRET = .*\n/m, '');

/**
 * `npx sparkify cluster ...` as a user runs it against an emulator: AWS_ENDPOINT_URL and fake
 * credentials in the environment, nothing else changed.
 */
describe('sparkify cluster create|status|pause|resume|delete through the CLI against the stand-in', () => {
  let standIn: AwsStandIn;
  let file: string;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    standIn = await startAwsStandIn({ describesUntilAvailable: 3, describesUntilDeleted: 3 });
    // The stand-in's Price List API knows today's price of ra3.large in us-west-2 (not the recorded one).
    standIn.state.priceList.push(priceListProduct({ instanceType: 'ra3.large', regionCode: 'us-west-2', usagetype: 'USW2-Node:ra3.large' }, '0.5500000000'));
    ({ file, dir, cleanup } = await tempConfig(CONFIG));
  });
  afterAll(async () => {
    await standIn.close();
    await cleanup();
  });

  function sparkify(...args: string[]) {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ENDPOINT_URL: standIn.url,
      AWS_ACCESS_KEY_ID: 'AKIDFROMENVIRONMENT',
      AWS_SECRET_ACCESS_KEY: 'env-secret-never-printed',
      AWS_CONFIG_FILE: path.join(dir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-aws-credentials'),
    };
    return run(process.execPath, [BIN, 'cluster', ...args, '--config', file], { cwd: dir, env, timeout: 120_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
  }

  it('create without --yes and without a terminal checks and prices, then refuses, creating nothing', async () => {
    const result = await sparkify('create');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /\$1\.10\/hour for 2 × ra3\.large at \$0\.55\/hour each in us-west-2 \(on-demand price from the AWS Price List API, \d{4}-\d{2}-\d{2}\)/,
    );
    expect(result.stderr).toContain('nothing was created: there is no terminal to ask for confirmation; pass --yes to confirm');
    expect(standIn.calls().sort()).toEqual([
      'pricing:GetProducts',
      'redshift-serverless:ListWorkgroups',
      'redshift:DescribeClusters',
      'redshift:DescribeOrderableClusterOptions',
    ]);
    expect(standIn.state.isEmpty()).toBe(true);
    // Node 20 here: the SDK would print its NodeVersionSupportWarning; the user never sees it.
    expect(result.stderr).not.toContain('NodeVersionSupportWarning');
  });

  it('create with a retired node type is refused by name before anything exists', async () => {
    const before = standIn.requests.length;
    await writeFile(file, CONFIG.replace('NODE_TYPE = ra3.large', 'NODE_TYPE = dc2.large'));
    const result = await sparkify('create', '--yes');
    await writeFile(file, CONFIG);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[CLUSTER] NODE_TYPE 'dc2.large': AWS no longer creates dc2 clusters");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(standIn.requests.length).toBe(before);
    expect(standIn.state.isEmpty()).toBe(true);
  });

  it('create --yes provisions everything, waits, and writes HOST and ARN back', async () => {
    const result = await sparkify('create', '--yes', '--poll-seconds', '0.05');
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Cluster sparkify-it is available at sparkify-it.c0standin0.us-west-2.redshift.amazonaws.com:5439');
    expect(result.stderr).toMatch(/sparkify-it: creating \(waiting for available/);
    expect(result.stderr).toMatch(/created\s+Redshift cluster sparkify-it/);
    expect(new Set(standIn.requests.map((r) => r.accessKeyId))).toEqual(new Set(['AKIDFROMENVIRONMENT']));
    const written = await readFile(file, 'utf8');
    expect(written).toContain('HOST = sparkify-it.c0standin0.us-west-2.redshift.amazonaws.com\n');
    expect(written).toContain('ARN = arn:aws:iam::123456789012:role/sparkify-it-s3-read\n');
    expect(written).toContain('INGRESS_CIDR = 203.0.113.7/32   ; my office\n');
    for (const secret of ['Str0ngPassw0rd', 'env-secret-never-printed']) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('status --json reports the running cluster', async () => {
    const result = await sparkify('status', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      identifier: 'sparkify-it',
      exists: true,
      state: 'available',
      cluster: { nodeType: 'ra3.large', numNodes: 2, port: 5439 },
      price: { totalUsd: 1.086 },
    });
    // Age from the cluster's creation time to the check, and the cost of that age at $1.086/hour.
    const ageSeconds = Math.round((Date.parse(report.checkedAt) - Date.parse(report.cluster.createdAt)) / 1000);
    expect(report.ageSeconds).toBe(ageSeconds);
    expect(report.costSoFarUsd).toBe(Math.round((1.086 * ageSeconds) / 36) / 100);
  });

  it('status prints a readable summary', async () => {
    const result = await sparkify('status');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^state\s+available$/m);
    expect(result.stdout).toMatch(/^nodes\s+2 × ra3\.large$/m);
  });

  it('pause without --yes refuses; pause --yes waits until paused; status shows it', async () => {
    expect((await sparkify('pause')).stderr).toContain('nothing was paused');
    expect(standIn.state.clusters.get('sparkify-it')!.status).toBe('available');
    const result = await sparkify('pause', '--yes', '--poll-seconds', '0.05');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/sparkify-it: pausing \(waiting for paused/);
    expect(result.stdout).toContain('Cluster sparkify-it is paused.');
    const status = await sparkify('status');
    expect(status.stdout).toMatch(/^state\s+paused$/m);
    expect(status.stdout).toMatch(/^billing\s+paused: compute is not billed while paused/m);
  });

  it('status --all lists every tagged cluster with its hourly cost, paused ones as not billing', async () => {
    const result = await sparkify('status', '--all');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sparkify-it\s+paused\s+2 × ra3\.large\s+\$1\.086\/hour \(not billing now\)$/m);
    expect(result.stdout).toContain('total while running: $0.00/hour in us-west-2');
  });

  it('resume without --yes refuses; resume --yes waits until available', async () => {
    expect((await sparkify('resume')).stderr).toContain('nothing was resumed');
    expect(standIn.state.clusters.get('sparkify-it')!.status).toBe('paused');
    const result = await sparkify('resume', '--yes', '--poll-seconds', '0.05');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/sparkify-it: resuming \(waiting for available/);
    expect(standIn.state.clusters.get('sparkify-it')!.status).toBe('available');
  });

  it('delete of a paused cluster: AWS refuses it paused, so it is resumed, then deleted', async () => {
    expect((await sparkify('pause', '--yes', '--poll-seconds', '0.05')).code).toBe(0);
    const before = standIn.requests.length;
    const result = await sparkify('delete', '--yes', '--poll-seconds', '0.05');
    expect(result.code).toBe(0);
    const actions = standIn.requests
      .slice(before)
      .map((r) => `${r.action}${r.errorCode ? `:${r.errorCode}` : ''}`)
      .filter((a) => /^(Delete|Resume)Cluster/.test(a));
    expect(actions).toEqual(['DeleteCluster:InvalidClusterState', 'ResumeCluster', 'DeleteCluster']);
    expect(standIn.state.isEmpty()).toBe(true);
  });

  it('delete --yes again finds nothing and leaves dwh.cfg cleared', async () => {
    const result = await sparkify('delete', '--yes', '--poll-seconds', '0.05');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Cluster sparkify-it, its security group and IAM role are gone.');
    expect(standIn.state.isEmpty()).toBe(true);
    const written = await readFile(file, 'utf8');
    expect(written).toContain('HOST =\n');
    expect(written).toContain('ARN =\n');
  });

  it('status after delete says not found', async () => {
    const result = await sparkify('status', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ exists: false, state: 'not found' });
  });
});
