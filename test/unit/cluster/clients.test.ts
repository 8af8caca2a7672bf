import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsClients, type AwsClients } from '#src/cluster/index.ts';
import { parseConfig } from '#src/config/index.ts';
import { testConfig } from './aws-mocks.ts';

interface Sent {
  url: string;
  authorization: string;
}

class Captured extends Error {
  constructor(readonly sent: Sent) {
    super('captured');
  }
}

/** Sends one request per service, stopping each just before it would leave the process. */
async function whereRequestsGo(clients: AwsClients): Promise<Record<string, Sent>> {
  const out: Record<string, Sent> = {};
  const calls = {
    iam: () => clients.iam.send(new GetRoleCommand({ RoleName: 'x' })),
    ec2: () => clients.ec2.send(new DescribeVpcsCommand({})),
    redshift: () => clients.redshift.send(new DescribeClustersCommand({})),
    sts: () => clients.sts.send(new GetCallerIdentityCommand({})),
  };
  for (const client of [clients.iam, clients.ec2, clients.redshift, clients.sts]) {
    // Innermost deserialize middleware: runs after signing, where the HTTP handler would send.
    (client.middlewareStack as { add: (mw: unknown, options: unknown) => void }).add(
      () => async (args: { request: { protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string> } }) => {
        const { protocol, hostname, port, path, headers } = args.request;
        throw new Captured({ url: `${protocol}//${hostname}${port ? `:${port}` : ''}${path}`, authorization: headers.authorization ?? '' });
      },
      { step: 'deserialize', priority: 'low', name: 'capture-request' },
    );
  }
  for (const [service, call] of Object.entries(calls)) {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof Captured)) throw new Error(`${service}: expected the request to be captured, got ${String(error)}`);
    out[service] = error.sent;
  }
  return out;
}

const ENDPOINT_VARS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_ENDPOINT_URL_REDSHIFT',
  'AWS_ENDPOINT_URL_STS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
];

beforeEach(() => {
  for (const name of ENDPOINT_VARS) vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');
  vi.stubEnv('AWS_PROFILE', undefined);
});
afterEach(() => vi.unstubAllEnvs());

describe('createAwsClients', () => {
  it('talks to the real AWS endpoints of the configured region by default, signing with [AWS] KEY', async () => {
    const clients = createAwsClients(testConfig());
    const sent = await whereRequestsGo(clients);
    clients.destroy();
    expect(sent.iam!.url).toBe('https://iam.amazonaws.com/');
    expect(sent.ec2!.url).toBe('https://ec2.us-west-2.amazonaws.com/');
    expect(sent.redshift!.url).toBe('https://redshift.us-west-2.amazonaws.com/');
    expect(sent.sts!.url).toBe('https://sts.us-west-2.amazonaws.com/');
    for (const request of Object.values(sent)) expect(request.authorization).toContain('Credential=AKIDUNITTEST/');
  });

  it('leaves AWS_ENDPOINT_URL to the SDK: every service goes there', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    const clients = createAwsClients(testConfig());
    const sent = await whereRequestsGo(clients);
    clients.destroy();
    expect(Object.values(sent).map((r) => r.url)).toEqual(Array(4).fill('http://127.0.0.1:4566/'));
  });

  it('leaves AWS_ENDPOINT_URL_<SERVICE> to the SDK: only that service moves', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_REDSHIFT', 'http://127.0.0.1:5000');
    vi.stubEnv('AWS_ENDPOINT_URL_IAM', 'http://127.0.0.1:5001');
    const clients = createAwsClients(testConfig());
    const sent = await whereRequestsGo(clients);
    clients.destroy();
    expect(sent.redshift!.url).toBe('http://127.0.0.1:5000/');
    expect(sent.iam!.url).toBe('http://127.0.0.1:5001/');
    expect(sent.ec2!.url).toBe('https://ec2.us-west-2.amazonaws.com/');
  });

  it("uses the SDK's default credential chain when [AWS] KEY is not set", async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENVIRONMENT');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-real-secret');
    const clients = createAwsClients(parseConfig('[AWS]\nREGION = eu-west-1\n'));
    const sent = await whereRequestsGo(clients);
    clients.destroy();
    expect(sent.redshift!.url).toBe('https://redshift.eu-west-1.amazonaws.com/');
    expect(sent.redshift!.authorization).toContain('Credential=AKIDFROMENVIRONMENT/');
  });
});
