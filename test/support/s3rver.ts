import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Not frozen: the SDK tags the credential objects it is given.
/** s3rver accepts requests signed with this key pair (and unsigned ones). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3rverHandle {
  /** http://127.0.0.1:<port>, for AWS_ENDPOINT_URL_S3. */
  readonly endpoint: string;
  /** A client for the test's own setup (uploads): signed, path-style, pointed at the server. */
  readonly client: S3Client;
  stop(): Promise<void>;
}

const S3RVER_BIN = createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');

/**
 * A real S3-protocol server (s3rver) on 127.0.0.1, random port, objects in a fresh temp folder.
 *
 * It runs in its own Node process with --openssl-legacy-provider: s3rver 3.7 encrypts ListObjectsV2
 * continuation tokens with DES, which OpenSSL 3 (Node >= 17) offers only from its legacy provider,
 * so without it every listing longer than one page (1,000 keys) fails with InternalError.
 */
export async function startS3rver(): Promise<S3rverHandle> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sparkify-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', S3RVER_BIN, '--silent', '-a', '127.0.0.1', '-p', '0', '-d', directory], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /S3rver listening on [\d.]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before listening:\n${output}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ region: 'us-west-2', endpoint, forcePathStyle: true, credentials: { ...S3RVER_CREDENTIALS } });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export async function createBucket(client: S3Client, bucket: string): Promise<void> {
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** Uploads every file under `folder` as `<prefix><relative path>`, many at once; returns the count. */
export async function uploadFolder(client: S3Client, bucket: string, folder: string, prefix = '', concurrency = 32): Promise<number> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
  }
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const key = prefix + path.relative(folder, file).split(path.sep).join('/');
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: await readFile(file) }));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return files.length;
}

export async function putText(client: S3Client, bucket: string, key: string, text: string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(text) }));
}
