import { createServer } from 'node:net';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '#src/cluster/clients.ts';
import { parseConfig } from '#src/config/index.ts';
import { AwsEndpointError } from '#src/errors.ts';
import { startAwsStandIn, type AwsStandIn } from '../../support/aws-standin/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { failureLines, scratchDir, startCli, startSilentServer, type SilentServer } from './helpers.ts';

/**
 * AWS endpoints that fail: one that accepts TCP connections and never answers, one that refuses
 * them, one that answers with an error. Each failure is one line naming the operation and host:port,
 * within the configured [AWS] timeouts.
 */
describe('AWS endpoints that never answer, refuse, or answer with an error', () => {
  let silent: SilentServer;
  let silentPort: number;
  let refusedPort: number;
  let db: TestDatabase;
  let dir: string;
  let standIn: AwsStandIn;

  beforeAll(async () => {
    silent = await startSilentServer();
    silentPort = silent.port;
    // A port that was just free and is closed again: connections to it are refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    refusedPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    db = await createTestDatabase();
    dir = await scratchDir('aws-endpoints');
    standIn = await startAwsStandIn();
  });
  afterAll(async () => {
    await silent?.close();
    await standIn?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const s3Sources = '[S3]\nLOG_DATA = s3://sparkify-in/log_data\nLOG_JSONPATH = auto\nSONG_DATA = s3://sparkify-in/song_data\nSIGNING = unsigned\n';
  const awsSection = '[AWS]\nREGION = us-west-2\nCONNECT_TIMEOUT = 1\nREQUEST_TIMEOUT = 1\n';

  /** `sparkify etl` reading S3 at 127.0.0.1:port, with the S3 reader's own retries (8 attempts) unless `attempts` is given. */
  async function etlAgainst(port: number, attempts?: number) {
    await writeFile(path.join(dir, 'dwh.cfg'), db.configText(`${s3Sources}${awsSection}`));
    const run = startCli(['etl'], {
      cwd: dir,
      env: {
        ...db.env,
        AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
        ...(attempts === undefined ? {} : { AWS_MAX_ATTEMPTS: String(attempts) }),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    return { exit: await run.exited, lines: failureLines(run.stderr()), stderr: run.stderr() };
  }

  it('S3 that accepts and never answers: etl fails at the call deadline (CONNECT_TIMEOUT + REQUEST_TIMEOUT, retries included), naming the operation and host:port', async () => {
    // Eight attempts of 1 s each cannot fit in the 2 s deadline: the deadline ends the call, not the last attempt.
    const { exit, lines, stderr } = await etlAgainst(silentPort);
    expect(exit.code).toBe(1);
    // Both prefixes are listed at once: whichever fails first is the one named.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^error: s3://sparkify-in/(log|song)_data: cannot list: S3 ListObjectsV2 on 127\\.0\\.0\\.1:${silentPort}: no answer within 2 s, retries included \\(\\[AWS\\] CONNECT_TIMEOUT \\+ REQUEST_TIMEOUT\\)$`,
      ),
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('S3 that refuses connections: one line saying so', async () => {
    const { exit, lines, stderr } = await etlAgainst(refusedPort, 2);
    expect(exit.code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^error: s3://sparkify-in/(log|song)_data: cannot list: S3 ListObjectsV2 on 127\\.0\\.0\\.1:${refusedPort}: connection refused \\(2 attempts\\)$`,
      ),
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a control-plane call to an endpoint that never answers fails as AwsEndpointError naming it', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_REDSHIFT;
    process.env.AWS_ENDPOINT_URL_REDSHIFT = `http://127.0.0.1:${silentPort}`;
    const clients = createAwsClients(parseConfig(`${awsSection}KEY = AKIDEXAMPLE\nSECRET = example\n`));
    try {
      const failure = await clients.redshift.send(new DescribeClustersCommand({}), {}).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AwsEndpointError);
      expect((failure as Error).message).toMatch(
        new RegExp(
          `^Redshift DescribeClusters on 127\\.0\\.0\\.1:${silentPort}: no answer within 2 s, retries included \\(\\[AWS\\] CONNECT_TIMEOUT \\+ REQUEST_TIMEOUT\\)$`,
        ),
      );
    } finally {
      clients.destroy();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_REDSHIFT;
      else process.env.AWS_ENDPOINT_URL_REDSHIFT = previous;
    }
  });

  it('an error answer keeps its AWS name and gains the operation and endpoint in its message', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_REDSHIFT;
    process.env.AWS_ENDPOINT_URL_REDSHIFT = standIn.url;
    const clients = createAwsClients(parseConfig(`${awsSection}KEY = AKIDEXAMPLE\nSECRET = example\n`));
    try {
      const failure = await clients.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'no-such-cluster' })).then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure?.name).toBe('ClusterNotFoundFault');
      const { hostname: host, port } = new URL(standIn.url);
      expect(failure?.message).toMatch(new RegExp(`\\(Redshift DescribeClusters on ${host.replace(/\./g, '\\.')}:${port}\\)$`));
    } finally {
      clients.destroy();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_REDSHIFT;
      else process.env.AWS_ENDPOINT_URL_REDSHIFT = previous;
    }
  });
});
