import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { SourceObject } from './types.ts';
import { formatS3Uri } from './s3-uri.ts';
import { backoff, isTransientReadError, type BodyRetryPolicy } from './s3-transient.ts';

export interface S3ObjectInfo {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** From the listing: a resumed read asks for this exact version (If-Match), never a newer one. */
  readonly etag: string | undefined;
}

/**
 * One listed object. `read()` fetches it whole (small objects, the common case); `open()` streams it
 * and, when the connection drops half way, carries on with a Range request from the last byte received.
 */
export function s3SourceObject(client: S3Client, info: S3ObjectInfo, retry: BodyRetryPolicy): SourceObject {
  const get = (range?: { from: number }): Promise<GetObjectCommandOutput> =>
    client.send(
      new GetObjectCommand({
        Bucket: info.bucket,
        Key: info.key,
        ...(range ? { Range: `bytes=${range.from}-`, IfMatch: info.etag } : {}),
      }),
    );

  return {
    uri: formatS3Uri(info.bucket, info.key),
    size: info.size,
    ...(info.etag === undefined ? {} : { version: info.etag }),
    async read() {
      for (let attempt = 1; ; attempt++) {
        const response = await get();
        try {
          const bytes = await response.Body!.transformToByteArray();
          return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        } catch (error) {
          if (attempt >= retry.attempts || !isTransientReadError(error)) throw error;
          await backoff(retry, attempt);
        }
      }
    },
    async readSmall(limit: number) {
      return info.size <= limit ? this.read() : undefined;
    },
    open() {
      return Readable.from(resumableBody(get, info.size, retry), { objectMode: false });
    },
  };
}

async function* resumableBody(
  get: (range?: { from: number }) => Promise<GetObjectCommandOutput>,
  size: number,
  retry: BodyRetryPolicy,
): AsyncGenerator<Buffer> {
  let received = 0;
  let failures = 0;
  while (true) {
    const response = await get(received > 0 ? { from: received } : undefined);
    const body = response.Body as Readable;
    const before = received;
    try {
      for await (const chunk of body) {
        received += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      return;
    } catch (error) {
      body.destroy();
      if (!isTransientReadError(error)) throw error;
      if (received >= size) return;
      // A stream that made progress before it broke starts a fresh count: only stalls use attempts up.
      failures = received > before ? 1 : failures + 1;
      if (failures >= retry.attempts) throw error;
      await backoff(retry, failures);
    }
  }
}
