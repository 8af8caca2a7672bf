import { GetObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { SourceError } from '#src/errors.ts';
import { S3SourceReader } from '#src/sources/s3.ts';
import type { S3Access } from '#src/sources/s3-client.ts';
import { sdkBody } from './s3-fakes.ts';

const client = new S3Client({ region: 'us-west-2' });
const s3 = mockClient(client);
const config = parseConfig('[S3]\nLOG_DATA = s3://bkt/log_data\nLOG_JSONPATH = s3://bkt/log_json_path.json\nSONG_DATA = s3://bkt/song_data\n');
const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

function reader(signing: S3Access['signing'] = 'signed') {
  return new S3SourceReader(config, {
    access: { client, signing, reason: signing === 'signed' ? 'credentials from test' : 'no AWS credentials found (test), so requests are unsigned' },
    bodyRetry: fastRetry,
  });
}

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });
}

afterEach(() => s3.reset());

describe('S3SourceReader.list', () => {
  it('sends the key prefix as is and follows every page', async () => {
    const inputs: unknown[] = [];
    s3.on(ListObjectsV2Command).callsFake((input: { ContinuationToken?: string }) => {
      inputs.push({ ...input });
      return input.ContinuationToken === undefined
        ? {
            Contents: [
              { Key: 'song_data/B/b.json', Size: 2 },
              { Key: 'song_data/A/a.json', Size: 1 },
            ],
            IsTruncated: true,
            NextContinuationToken: 'page-2',
          }
        : { Contents: [{ Key: 'song_data_extra.json', Size: 3 }], IsTruncated: false };
    });
    const objects = await reader().list('s3://bkt/song_data');
    expect(inputs).toEqual([
      { Bucket: 'bkt', Prefix: 'song_data' },
      { Bucket: 'bkt', Prefix: 'song_data', ContinuationToken: 'page-2' },
    ]);
    // Prefix matching as Redshift does it: song_data_extra.json matches s3://bkt/song_data too.
    expect(objects.map((o) => [o.uri, o.size])).toEqual([
      ['s3://bkt/song_data/A/a.json', 1],
      ['s3://bkt/song_data/B/b.json', 2],
      ['s3://bkt/song_data_extra.json', 3],
    ]);
  });

  it('sorts by key in byte order and skips folder placeholder keys', async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: 'p/b', Size: 1 },
        { Key: 'p/', Size: 0 },
        { Key: 'p/B', Size: 1 },
        { Key: 'p/sub/', Size: 0 },
        { Key: 'p/a', Size: 1 },
        { Key: 'p/é', Size: 1 },
        { Key: 'p/z', Size: 1 },
      ],
    });
    const objects = await reader().list('s3://bkt/p/');
    expect(objects.map((o) => o.uri)).toEqual(['s3://bkt/p/B', 's3://bkt/p/a', 's3://bkt/p/b', 's3://bkt/p/z', 's3://bkt/p/é']);
  });

  it('streams the listing: a page is requested only when the objects before it are taken', async () => {
    s3.on(ListObjectsV2Command).callsFake((input: { ContinuationToken?: string }) => {
      const page = Number(input.ContinuationToken ?? 0);
      const keys = Array.from({ length: 1000 }, (_, i) => ({ Key: `p/${String(page).padStart(4, '0')}/${String(i).padStart(4, '0')}`, Size: 1 }));
      return page < 199 ? { Contents: keys, IsTruncated: true, NextContinuationToken: String(page + 1) } : { Contents: keys, IsTruncated: false };
    });
    const listing = reader().objects('s3://bkt/p/')[Symbol.asyncIterator]();
    expect((await listing.next()).value?.uri).toBe('s3://bkt/p/0000/0000');
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(1);
    let count = 1;
    for (let next = await listing.next(); !next.done; next = await listing.next()) count++;
    // 200,000 keys, more than a spread argument takes, listed a page at a time.
    expect(count).toBe(200_000);
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(200);
  });

  it('refuses a listing whose pages are out of key order', async () => {
    s3.on(ListObjectsV2Command).callsFake((input: { ContinuationToken?: string }) =>
      input.ContinuationToken === undefined
        ? { Contents: [{ Key: 'p/b', Size: 1 }], IsTruncated: true, NextContinuationToken: 'next' }
        : { Contents: [{ Key: 'p/a', Size: 1 }], IsTruncated: false },
    );
    await expect(reader().list('s3://bkt/p/')).rejects.toThrow('s3://bkt/p/: cannot list: the server listed p/a on a page after p/b, out of key order');
  });

  it('lists a whole bucket without a Prefix, and an empty match as no objects', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    expect(await reader().list('s3://bkt')).toEqual([]);
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toEqual({ Bucket: 'bkt' });
  });

  it('reports a missing bucket, and a refusal with how the request was signed', async () => {
    s3.on(ListObjectsV2Command).rejectsOnce(s3Error('NoSuchBucket', 404)).rejects(s3Error('AccessDenied', 403));
    await expect(reader().list('s3://bkt/x')).rejects.toThrow('s3://bkt/x: cannot list: bucket bkt does not exist');
    const refused = await reader('unsigned')
      .list('s3://bkt/x')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SourceError);
    expect((refused as Error).message).toMatch(
      /access denied \(no AWS credentials found \(test\), so requests are unsigned\)\. A private bucket needs credentials/,
    );
    expect((refused as Error).cause).toMatchObject({ name: 'AccessDenied' });
  });
});

describe('S3 objects', () => {
  it('read() fetches the whole object, retrying a body cut off half way', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'k.json', Size: 12, ETag: '"v1"' }] });
    s3.on(GetObjectCommand)
      .resolvesOnce({ Body: sdkBody(['{"a":', '1}\n{"a":2}'], { failAfter: 1 }) as never })
      .resolves({ Body: sdkBody(['{"a":', '1}\n{"a":2}']) as never });
    const [object] = await reader().list('s3://bkt/k');
    expect((await object!.read()).toString()).toBe('{"a":1}\n{"a":2}');
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'bkt', Key: 'k.json' },
      { Bucket: 'bkt', Key: 'k.json' },
    ]);
  });

  it('read() gives up after the policy attempts and on errors that are not transient', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'k.json', Size: 12 }] });
    s3.on(GetObjectCommand).callsFake(() => ({ Body: sdkBody(['x', 'y'], { failAfter: 1 }) }));
    const [object] = await reader().list('s3://bkt/k');
    await expect(object!.read()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(3);
  });

  it('open() streams, and resumes a dropped stream with a Range request for the same version', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'big.json', Size: 9, ETag: '"v1"' }] });
    // The first response breaks after two chunks; bytes the consumer had not taken yet are lost with it.
    s3.on(GetObjectCommand).callsFake((input: { Range?: string }) => {
      if (input.Range === undefined) return { Body: sdkBody(['abc', 'def', 'ghi'], { failAfter: 2 }) };
      const from = Number(/^bytes=(\d+)-$/.exec(input.Range)![1]);
      return { Body: sdkBody(['abcdefghi'.slice(from)]) };
    });
    const [object] = await reader().list('s3://bkt/big');
    const chunks: Buffer[] = [];
    for await (const chunk of object!.open()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('abcdefghi');
    const [first, resumed] = s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input);
    expect(first).toEqual({ Bucket: 'bkt', Key: 'big.json' });
    expect(resumed).toEqual({ Bucket: 'bkt', Key: 'big.json', Range: `bytes=${chunks[0]!.length}-`, IfMatch: '"v1"' });
  });

  it('readText() reads one small object, and names a missing one', async () => {
    s3.on(GetObjectCommand, { Key: 'log_json_path.json' }).resolves({ Body: sdkBody(['{"jsonpaths":', '[]}']) as never });
    s3.on(GetObjectCommand, { Key: 'nope.json' }).rejects(s3Error('NoSuchKey', 404));
    expect(await reader().readText('s3://bkt/log_json_path.json')).toBe('{"jsonpaths":[]}');
    await expect(reader().readText('s3://bkt/nope.json')).rejects.toThrow('s3://bkt/nope.json: cannot read: no such object');
  });
});
