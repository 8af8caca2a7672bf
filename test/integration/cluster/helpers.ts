import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import type { ClusterOptions } from '#src/cluster/index.ts';
import type { Logger } from '#src/logger.ts';

/** A user's dwh.cfg, with comments and keys the write-back must keep. */
export const USER_CONFIG = `# Sparkify on Redshift — my settings
; (semicolon comments too)

[WAREHOUSE]
ENGINE = redshift

[CLUSTER]
# HOST is filled in by \`sparkify cluster create\`
HOST =
DB_NAME = sparkify
DB_USER = analyst
DB_PASSWORD = Str0ngPassw0rd
DB_PORT = 5439
IDENTIFIER = sparkify-it
NODE_TYPE = ra3.large
NUM_NODES = 2
INGRESS_CIDR = 203.0.113.7/32   ; my office

[IAM_ROLE]
NAME = sparkify-it-s3-read

[S3]
LOG_DATA = s3://udacity-dend/log_data
SONG_DATA = s3://udacity-dend/song_data
LOG_JSONPATH = s3://udacity-dend/log_json_path.json

[AWS]
REGION = us-west-2
KEY = AKIDSTANDINTEST
SECRET = stand-in-secret-never-printed
`;

/** Fast polling for the stand-in, whose clusters change state after a few DescribeClusters calls. */
export const FAST_WAITER: ClusterOptions['waiter'] = { minDelaySeconds: 0.02, maxDelaySeconds: 0.05, maxWaitSeconds: 20 };

export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

export async function tempConfig(text = USER_CONFIG): Promise<{ dir: string; file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sparkify-cluster-it-'));
  const file = path.join(dir, 'dwh.cfg');
  await writeFile(file, text);
  return { dir, file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const ENDPOINT_VARS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL_REDSHIFT', 'AWS_ENDPOINT_URL_STS'];

/**
 * Points the SDK at the stand-in the way a user would point it at an emulator: environment only.
 * Shared config files are hidden so a developer's ~/.aws cannot redirect or sign the calls.
 */
export function pointSdkAt(
  endpoints: Partial<
    Record<'AWS_ENDPOINT_URL' | 'AWS_ENDPOINT_URL_IAM' | 'AWS_ENDPOINT_URL_EC2' | 'AWS_ENDPOINT_URL_REDSHIFT' | 'AWS_ENDPOINT_URL_STS', string>
  >,
): void {
  for (const name of ENDPOINT_VARS) vi.stubEnv(name, endpoints[name as keyof typeof endpoints]);
  vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');
  vi.stubEnv('AWS_PROFILE', undefined);
}
