import { paginateListObjectsV2, GetObjectCommand } from '@aws-sdk/client-s3';
import type { DwhConfig } from '../config/types.ts';
import { describeAwsCall } from '../aws/endpoint-errors.ts';
import { SourceError } from '../errors.ts';
import { createS3Access, type S3Access, type S3ClientOptions } from './s3-client.ts';
import { s3SourceObject } from './s3-object.ts';
import { DEFAULT_BODY_RETRY, type BodyRetryPolicy } from './s3-transient.ts';
import { formatS3Uri, parseS3Uri } from './s3-uri.ts';
import { collectObjects, type SourceObject, type SourceReader } from './types.ts';

export interface S3SourceOptions extends S3ClientOptions {
  /** A ready client (with how it signs), instead of one made from the config. */
  readonly access?: S3Access;
  /** Retries of a body cut off mid-read (the SDK retries requests themselves). */
  readonly bodyRetry?: BodyRetryPolicy;
}

/** One client per config (and so one socket pool and one credential decision) for every reader of a load. */
const sharedAccess = new WeakMap<DwhConfig, Promise<S3Access>>();

/**
 * `s3://bucket/prefix` sources, read as Redshift COPY reads them: the prefix matches every key that
 * starts with it (`song_data` also matches `song_data_old/x.json`; end it with `/` to mean the folder),
 * "folder" placeholder keys ending in `/` are skipped, and objects come back in key order, a page at a time.
 */
export class S3SourceReader implements SourceReader {
  readonly #config: DwhConfig;
  readonly #options: S3SourceOptions;
  #access: Promise<S3Access> | undefined;

  constructor(config: DwhConfig, options: S3SourceOptions = {}) {
    this.#config = config;
    this.#options = options;
  }

  /** The client and how it signs (decided on first use). */
  access(): Promise<S3Access> {
    this.#access ??= this.#options.access ? Promise.resolve(this.#options.access) : this.#sharedOrOwnAccess();
    return this.#access;
  }

  /**
   * Streamed page by page. S3 lists keys in UTF-8 byte order; each page is sorted again all the same
   * (an emulator may not), and a page that starts before the previous one ended is an error.
   */
  async *objects(prefix: string): AsyncGenerator<SourceObject> {
    const { bucket, key } = parseS3Uri(prefix);
    const access = await this.access();
    const retry = this.#options.bodyRetry ?? DEFAULT_BODY_RETRY;
    let previous: Buffer | undefined;
    const pages = paginateListObjectsV2({ client: access.client }, { Bucket: bucket, Prefix: key === '' ? undefined : key });
    for (;;) {
      let page;
      try {
        const next = await pages.next();
        if (next.done) return;
        page = next.value;
      } catch (error) {
        throw s3Failure(prefix, 'cannot list', error, access);
      }
      const items = (page.Contents ?? [])
        .filter((item) => item.Key && !item.Key.endsWith('/'))
        .map((item) => ({ item, sortKey: Buffer.from(item.Key!) }))
        .sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
      for (const { item, sortKey } of items) {
        if (previous && Buffer.compare(previous, sortKey) >= 0) {
          throw new SourceError(prefix, `cannot list: the server listed ${item.Key} on a page after ${previous.toString()}, out of key order`);
        }
        previous = sortKey;
        yield s3SourceObject(access.client, { bucket, key: item.Key!, size: item.Size ?? 0, etag: item.ETag }, retry);
      }
    }
  }

  list(prefix: string): Promise<SourceObject[]> {
    return collectObjects(this.objects(prefix));
  }

  async readText(uri: string): Promise<string> {
    const { bucket, key } = parseS3Uri(uri);
    const access = await this.access();
    try {
      const response = await access.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await response.Body!.transformToString('utf-8');
    } catch (error) {
      throw s3Failure(formatS3Uri(bucket, key), 'cannot read', error, access);
    }
  }

  #sharedOrOwnAccess(): Promise<S3Access> {
    const { access: _, bodyRetry: __, ...clientOptions } = this.#options;
    if (Object.keys(clientOptions).length > 0) return createS3Access(this.#config, clientOptions);
    let shared = sharedAccess.get(this.#config);
    if (!shared) {
      shared = createS3Access(this.#config);
      sharedAccess.set(this.#config, shared);
      // A failed decision is not cached: the next load asks again.
      shared.catch(() => sharedAccess.delete(this.#config));
    }
    return shared;
  }
}

/** A typed source error that says what S3 answered and, for refusals, how the request was signed. */
function s3Failure(uri: string, action: string, error: unknown, access: S3Access): SourceError {
  const name = (error as Error).name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  let detail = (error as Error).message || name;
  if (name === 'NoSuchBucket') detail = `bucket ${parseS3Uri(uri).bucket} does not exist`;
  else if (name === 'NoSuchKey') detail = 'no such object';
  else if (name === 'AccessDenied' || status === 403) {
    detail = `access denied (${access.reason}).`;
    detail +=
      access.signing === 'unsigned'
        ? ' A private bucket needs credentials: set [AWS] KEY / SECRET or an AWS profile.'
        : ' Check that these credentials may read this bucket, or set [S3] SIGNING = unsigned for a public one.';
  }
  const call = describeAwsCall(error);
  if (call && !detail.includes(call)) detail += ` (${call})`;
  return new SourceError(uri, `${action}: ${detail}`, { cause: error });
}
