import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '#src/cli/main.ts';
import { cluster, mockEmptyAccount } from './aws-mocks.ts';

const CONFIG = `# my settings
[WAREHOUSE]
ENGINE = redshift
[CLUSTER]
DB_PASSWORD = Passw0rdX
INGRESS_CIDR = 203.0.113.7/32
[AWS]
REGION = us-west-2
KEY = AKIDUNITTEST
SECRET = not-a-real-secret
`;

let dir: string;
let file: string;
let aws: ReturnType<typeof mockEmptyAccount>;
let stderr: string;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr = '';
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  const code = await main(argv, { stdout, stdin, env: {}, cwd: dir });
  return { code, stdout: out, stderr };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sparkify-cluster-cli-'));
  file = path.join(dir, 'dwh.cfg');
  await writeFile(file, CONFIG);
  aws = mockEmptyAccount();
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  aws.restore();
  await rm(dir, { recursive: true, force: true });
});

describe('sparkify cluster', () => {
  it('create without --yes and without a terminal refuses before anything is created, after checking and pricing', async () => {
    const { code } = await run('cluster', 'create', '--config', file);
    expect(code).toBe(1);
    // No Price List API in unit tests: the recorded table, and the line says so.
    expect(stderr).toContain('$1.086/hour for 2 × ra3.large at $0.543/hour each in us-west-2 (on-demand list price as of 2025-06 from the recorded table');
    expect(stderr).toContain('the Price List API was not reachable: AccessDeniedException');
    expect(stderr).toMatch(/nothing was created: .*--yes/);
    for (const mock of [aws.iam, aws.ec2, aws.sts]) expect(mock.calls()).toHaveLength(0);
    // Only look-ups: the node-type check and the cost guard's list of tagged clusters.
    expect(
      aws.redshift
        .calls()
        .map((call) => call.args[0].constructor.name)
        .sort(),
    ).toEqual(['DescribeClustersCommand', 'DescribeOrderableClusterOptionsCommand']);
  });

  it('create --yes creates, prints the endpoint and writes HOST and ARN back', async () => {
    const { code, stdout } = await run('cluster', 'create', '--yes', '--config', file, '--poll-seconds', '0.01');
    expect(code).toBe(0);
    expect(stdout).toContain('Cluster sparkify-cluster is available at sparkify-cluster.x.us-west-2.redshift.amazonaws.com:5439');
    expect(stderr).toMatch(/created\s+Redshift cluster sparkify-cluster/);
    const written = await readFile(file, 'utf8');
    expect(written).toContain('HOST = sparkify-cluster.x.us-west-2.redshift.amazonaws.com');
    expect(written).toContain('[IAM_ROLE]\nARN = arn:aws:iam::123456789012:role/sparkify-redshift-s3-read');
    expect(
      written.startsWith('# my settings\n[WAREHOUSE]\nENGINE = redshift\n[CLUSTER]\nDB_PASSWORD = Passw0rdX\nINGRESS_CIDR = 203.0.113.7/32\nHOST = '),
    ).toBe(true);
    expect(stderr + stdout).not.toContain('Passw0rdX');
    expect(stderr + stdout).not.toContain('not-a-real-secret');
  });

  it('status --json prints one JSON document', async () => {
    aws.redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('available')] });
    const { code, stdout } = await run('cluster', 'status', '--json', '--config', file);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ identifier: 'sparkify-cluster', state: 'available', exists: true, price: { totalUsd: 1.086 } });
  });

  it('delete without --yes refuses', async () => {
    const { code } = await run('cluster', 'delete', '--config', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/nothing was deleted/);
    expect(aws.redshift.calls()).toHaveLength(0);
  });

  it.each([
    [['cluster'], /missing subcommand \(one of: create, status, pause, resume, delete\)/],
    [['cluster', 'resize'], /unknown subcommand 'resize'/],
    [['cluster', 'status', 'extra'], /unexpected argument 'extra'/],
    [['cluster', 'create', '--poll-seconds', 'soon'], /--poll-seconds must be a number/],
    [['cluster', 'pause', '--all'], /--all is not an option of 'pause'/],
  ])('%j is a usage error', async (argv, message) => {
    const { code } = await run(...argv, '--config', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('create refuses a config whose engine is not redshift', async () => {
    await writeFile(file, CONFIG.replace('ENGINE = redshift', 'ENGINE = embedded'));
    const { code } = await run('cluster', 'create', '--yes', '--config', file);
    expect(code).toBe(1);
    expect(stderr).toContain('cluster commands need ENGINE = redshift');
  });
});
