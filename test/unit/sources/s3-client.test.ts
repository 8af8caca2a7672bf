import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '#src/config/index.ts';
import { S3SourceReader } from '#src/sources/s3.ts';
import { createS3Access, DEFAULT_MAX_SOCKETS, findDefaultCredentials, hasConfiguredEndpoint } from '#src/sources/s3-client.ts';
import { listXml, s3ErrorXml, scriptedHandler } from './s3-fakes.ts';

const PUBLIC = parseConfig('[S3]\nSIGNING = unsigned\n[AWS]\nREGION = us-west-2\n');
const WITH_KEYS = parseConfig('[AWS]\nREGION = us-west-2\nKEY = AKIAEXAMPLEKEY\nSECRET = example-secret\n');

afterEach(() => vi.unstubAllEnvs());

describe('the S3 client: retries', () => {
  it('retries throttling and server errors with the SDK strategy, more times than the default 3', async () => {
    const handler = scriptedHandler([
      { status: 503, body: s3ErrorXml('SlowDown', 'Please reduce your request rate.') },
      { status: 500, body: s3ErrorXml('InternalError', 'We encountered an internal error.') },
      { status: 503, body: s3ErrorXml('SlowDown', 'Please reduce your request rate.') },
      { status: 200, body: listXml(['log_data/a.json']) },
    ]);
    const objects = await new S3SourceReader(WITH_KEYS, { requestHandler: handler }).list('s3://bkt/log_data');
    expect(objects.map((o) => o.uri)).toEqual(['s3://bkt/log_data/a.json']);
    expect(handler.requests).toHaveLength(4);
    expect(handler.requests.map((r) => r.headers['amz-sdk-request'])).toEqual(['attempt=1; max=8', 'attempt=2; max=8', 'attempt=3; max=8', 'attempt=4; max=8']);
  }, 30_000);

  it('stops after maxAttempts and reports the last answer', async () => {
    const handler = scriptedHandler([{ status: 503, body: s3ErrorXml('SlowDown', 'Please reduce your request rate.') }]);
    const failure = await new S3SourceReader(WITH_KEYS, { requestHandler: handler, maxAttempts: 2 }).list('s3://bkt/x').catch((e: unknown) => e);
    expect(handler.requests).toHaveLength(2);
    expect((failure as Error).message).toBe(
      's3://bkt/x: cannot list: Please reduce your request rate. (S3 ListObjectsV2 on bkt.s3.us-west-2.amazonaws.com:443)',
    );
  });

  it('leaves the retry settings to AWS_MAX_ATTEMPTS when the user set it', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
    const handler = scriptedHandler([{ status: 500, body: s3ErrorXml('InternalError', 'boom') }]);
    await expect(new S3SourceReader(WITH_KEYS, { requestHandler: handler }).list('s3://bkt/x')).rejects.toThrow(/boom/);
    expect(handler.requests).toHaveLength(2);
  });
});

describe('the S3 client: signing', () => {
  it('sends unsigned requests for public buckets: no Authorization header, no credentials looked up', async () => {
    const handler = scriptedHandler([{ status: 200, body: listXml([]) }]);
    const reader = new S3SourceReader(PUBLIC, { requestHandler: handler });
    await reader.list('s3://udacity-dend/song_data');
    expect((await reader.access()).signing).toBe('unsigned');
    expect(handler.requests[0]!.headers.authorization).toBeUndefined();
    expect(handler.requests[0]!.hostname).toBe('udacity-dend.s3.us-west-2.amazonaws.com');
    expect(handler.requests[0]!.query).toMatchObject({ 'list-type': '2', prefix: 'song_data' });
  });

  it('signs with [AWS] KEY / SECRET when they are set', async () => {
    const handler = scriptedHandler([{ status: 200, body: listXml([]) }]);
    const reader = new S3SourceReader(WITH_KEYS, { requestHandler: handler });
    await reader.list('s3://bkt/x');
    expect(await reader.access()).toMatchObject({ signing: 'signed', reason: 'credentials from [AWS] KEY / SECRET' });
    expect(handler.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEKEY\/\d{8}\/us-west-2\/s3\/aws4_request/);
  });

  it("in auto mode, signs when the SDK's default chain finds credentials and goes unsigned when it finds none", async () => {
    const config = parseConfig('[AWS]\nREGION = us-west-2\n');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAFROMENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'from-env');
    expect(await createS3Access(config)).toMatchObject({ signing: 'signed', reason: "credentials from the SDK's default chain" });

    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const access = await createS3Access(config);
    expect(access.signing).toBe('unsigned');
    expect(access.reason).toMatch(/^no AWS credentials found \(.+\), so requests are unsigned$/);
  });

  it('treats only "no credentials here" as a reason for unsigned requests', async () => {
    expect(await findDefaultCredentials(async () => ({ accessKeyId: 'a' }))).toEqual({ ok: true });
    const none = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(await findDefaultCredentials(async () => Promise.reject(none))).toEqual({ ok: false, reason: 'Could not load credentials from any providers' });
    await expect(findDefaultCredentials(async () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});

describe('the S3 client: endpoints', () => {
  it("uses path-style URLs when the SDK's AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL points at an emulator", async () => {
    expect(hasConfiguredEndpoint({})).toBe(false);
    expect(hasConfiguredEndpoint({ AWS_ENDPOINT_URL: 'http://localhost:4566' })).toBe(true);
    expect(hasConfiguredEndpoint({ AWS_ENDPOINT_URL_S3: 'http://localhost:9000' })).toBe(true);
    expect(hasConfiguredEndpoint({ AWS_ENDPOINT_URL_S3: 'http://localhost:9000', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBe(false);

    vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://localhost:9000');
    const handler = scriptedHandler([{ status: 200, body: listXml([]) }]);
    await new S3SourceReader(PUBLIC, { requestHandler: handler }).list('s3://sparkify/log_data');
    expect(handler.requests[0]).toMatchObject({ hostname: 'localhost', path: '/sparkify/' });
  });
});

describe('the S3 client: sockets', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it(`keeps ${DEFAULT_MAX_SOCKETS} requests in flight at once (the SDK's own default is 50)`, async () => {
    let open = 0;
    let peak = 0;
    const waiting: (() => void)[] = [];
    server = createServer((request, response) => {
      open++;
      peak = Math.max(peak, open);
      const answer = () => {
        open--;
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '2' }).end('{}');
      };
      waiting.push(answer);
      // Hold every answer until all requests are in, or until it is clear no more will come.
      if (waiting.length === DEFAULT_MAX_SOCKETS) waiting.splice(0).forEach((f) => f());
      else setTimeout(() => waiting.splice(0).forEach((f) => f()), 1500);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    vi.stubEnv('AWS_ENDPOINT_URL_S3', `http://127.0.0.1:${port}`);
    const access = await createS3Access(PUBLIC);
    const objects = Array.from({ length: DEFAULT_MAX_SOCKETS }, (_, i) => i);
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    await Promise.all(objects.map((i) => access.client.send(new GetObjectCommand({ Bucket: 'bkt', Key: `k${i}` })).then((r) => r.Body!.transformToString())));
    expect(peak).toBe(DEFAULT_MAX_SOCKETS);
    access.client.destroy();
  });
});
