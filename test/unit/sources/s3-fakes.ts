import { Readable } from 'node:stream';

/**
 * A GetObject body as the SDK returns it in Node: a Readable with the SDK's transform helpers.
 * `failAfter` makes the stream break with ECONNRESET after that many chunks, as a dropped connection does.
 */
export function sdkBody(chunks: readonly string[], options: { failAfter?: number } = {}) {
  const buffers = chunks.map((c) => Buffer.from(c));
  let index = 0;
  const stream = new Readable({
    read() {
      if (options.failAfter !== undefined && index === options.failAfter) {
        this.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
        return;
      }
      this.push(index < buffers.length ? buffers[index++]! : null);
    },
  });
  const collect = async () => {
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  };
  return Object.assign(stream, {
    transformToByteArray: async () => new Uint8Array(await collect()),
    transformToString: async () => (await collect()).toString('utf8'),
    transformToWebStream: () => {
      throw new Error('not used');
    },
  });
}

/** The S3 XML error body for a status and code. */
export function s3ErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>req</RequestId></Error>`;
}

export function listXml(keys: readonly string[]): string {
  const contents = keys.map((k) => `<Contents><Key>${k}</Key><Size>10</Size><ETag>"e"</ETag></Contents>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>bkt</Name><Prefix></Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`;
}

export interface CapturedRequest {
  readonly method: string;
  readonly hostname: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/**
 * An HTTP handler for a real S3Client that answers from a script instead of the network, so the
 * SDK's own middleware (endpoints, signing, retries) runs for real.
 */
export function scriptedHandler(answers: readonly { status: number; body: string; headers?: Record<string, string> }[]) {
  const requests: CapturedRequest[] = [];
  let next = 0;
  return {
    requests,
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: CapturedRequest) {
      requests.push({ method: request.method, hostname: request.hostname, path: request.path, query: { ...request.query }, headers: { ...request.headers } });
      const answer = answers[Math.min(next++, answers.length - 1)]!;
      return {
        response: {
          statusCode: answer.status,
          headers: { 'content-type': 'application/xml', ...answer.headers },
          body: Readable.from([Buffer.from(answer.body)]),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
