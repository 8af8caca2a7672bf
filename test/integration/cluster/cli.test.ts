import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { tempConfig, USER_CONFIG } from './helpers.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/sparkify.js');

/** The user's file without [AWS] KEY/SECRET: the CLI must then use the SDK's default chain (env). */
const CONFIG = USER_CONFIG.replace(/^KEY = .*\n/m, '').replace(/^SECRET = .*\n/m, '');

/**
 * `npx sparkify cluster ...` as a user runs it against an emulator: AWS_ENDPOINT_URL and fake
 * credentials in the environment, nothing else changed.
 */
describe('sparkify cluster create|status|delete through the CLI against the stand-in', () => {
  let standIn: AwsStandIn;
  let file: string;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    standIn = await startAwsStandIn({ describesUntilAvailable: 3, describesUntilDeleted: 3 });
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

  it('create without --yes and without a terminal refuses and calls nothing', async () => {
    const result = await sparkify('create');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('$0.50/hour for 2 × dc2.large at $0.25/hour each in us-west-2 (on-demand list price as of');
    expect(result.stderr).toContain('nothing was created: there is no terminal to ask for confirmation; pass --yes to confirm');
    expect(standIn.requests).toHaveLength(0);
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
    expect(report).toMatchObject({ identifier: 'sparkify-it', exists: true, state: 'available', cluster: { nodeType: 'dc2.large', numNodes: 2, port: 5439 }, price: { totalUsd: 0.5 } });
    // Age from the cluster's creation time to the check, and the cost of that age at $0.50/hour.
    const ageSeconds = Math.round((Date.parse(report.checkedAt) - Date.parse(report.cluster.createdAt)) / 1000);
    expect(report.ageSeconds).toBe(ageSeconds);
    expect(report.costSoFarUsd).toBe(Math.round((0.5 * ageSeconds) / 36) / 100);
  });

  it('status prints a readable summary', async () => {
    const result = await sparkify('status');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^state\s+available$/m);
    expect(result.stdout).toMatch(/^nodes\s+2 × dc2\.large$/m);
  });

  it('delete --yes removes everything and leaves nothing behind in the stand-in', async () => {
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
