import { describe, expect, it } from 'vitest';
import { awsCallOf, callOf, describeAwsCall, describeFailure } from '#src/aws/endpoint-errors.ts';
import { AwsEndpointError } from '#src/errors.ts';

const TIMEOUTS = { connectSeconds: 3, requestSeconds: 45 };
const CALL = callOf({ clientName: 'S3Client', commandName: 'GetObjectCommand' }, { hostname: 'bucket.s3.us-west-2.amazonaws.com', protocol: 'https:' });

/** The errors the SDK's HTTP handler and retry strategy give (their names, codes and messages as the SDK writes them). */
const withAttempts = <T extends object>(error: T, attempts: number) => Object.assign(error, { $metadata: { attempts } });

describe('naming the operation and endpoint of a failed AWS call', () => {
  it('names the service, the operation and host:port (443 or 80 when the request has no port)', () => {
    expect(CALL).toEqual({ operation: 'S3 GetObject', endpoint: 'bucket.s3.us-west-2.amazonaws.com:443' });
    expect(callOf({ clientName: 'RedshiftClient', commandName: 'DescribeClustersCommand' }, { hostname: '127.0.0.1', port: 4566, protocol: 'http:' })).toEqual({
      operation: 'Redshift DescribeClusters',
      endpoint: '127.0.0.1:4566',
    });
    expect(callOf({}, { hostname: 'localhost', protocol: 'http:' }).endpoint).toBe('localhost:80');
  });

  it('a request with no answer becomes AwsEndpointError saying why, with the attempts made', () => {
    const cases: [Error, string][] = [
      [
        withAttempts(
          Object.assign(
            new Error(
              '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.',
            ),
            {
              name: 'TimeoutError',
            },
          ),
          8,
        ),
        'no connection within 3 s ([AWS] CONNECT_TIMEOUT) (8 attempts)',
      ],
      [
        Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 45000 ms requestTimeout.'), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
        }),
        'no answer within 45 s ([AWS] REQUEST_TIMEOUT)',
      ],
      [Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' }), 'host not found'],
      [withAttempts(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 2), 'connection refused (2 attempts)'],
      [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'connection reset by the endpoint'],
    ];
    for (const [error, reason] of cases) {
      const described = describeFailure(error, CALL, TIMEOUTS);
      expect(described).toBeInstanceOf(AwsEndpointError);
      expect((described as AwsEndpointError).message).toBe(`S3 GetObject on bucket.s3.us-west-2.amazonaws.com:443: ${reason}`);
      expect((described as AwsEndpointError).code).toBe('AWS_UNREACHABLE');
      expect((described as AwsEndpointError).cause).toBe(error);
      expect(describeAwsCall(described)).toBe('S3 GetObject on bucket.s3.us-west-2.amazonaws.com:443');
    }
  });

  it('an error answer keeps its identity and name, gains the call in its message, and is named once only', () => {
    const answer = Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const described = describeFailure(answer, CALL, TIMEOUTS);
    expect(described).toBe(answer);
    expect(answer.name).toBe('AccessDenied');
    expect(answer.message).toBe('Access Denied (S3 GetObject on bucket.s3.us-west-2.amazonaws.com:443)');
    expect(awsCallOf(answer)).toEqual(CALL);
    describeFailure(answer, CALL, TIMEOUTS);
    expect(answer.message).toBe('Access Denied (S3 GetObject on bucket.s3.us-west-2.amazonaws.com:443)');
  });

  it('an error that did not come from an AWS call names nothing', () => {
    expect(describeAwsCall(new Error('x'))).toBe('');
    expect(describeAwsCall(undefined)).toBe('');
  });
});
