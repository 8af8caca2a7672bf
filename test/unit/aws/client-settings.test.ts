import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { describe, expect, it } from 'vitest';
import { awsClientSettings } from '#src/aws/client-settings.ts';
import { parseConfig } from '#src/config/index.ts';

describe('AWS client settings', () => {
  it('give every client a connect and a request timeout, with or without configured keys', async () => {
    for (const text of ['', '[AWS]\nKEY = AKIAEXAMPLE\nSECRET = s3cr3t\n']) {
      const settings = awsClientSettings(parseConfig(text));
      const expected = { connectionTimeout: 10_000, requestTimeout: 120_000, socketTimeout: 120_000, throwOnRequestTimeout: true };
      expect(settings.requestHandler).toEqual(expected);
      // The SDK turns the plain object into its HTTP handler's options.
      const client = new RedshiftDataClient(settings);
      const handler = client.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
      expect(await handler.configProvider).toMatchObject(expected);
      client.destroy();
    }
  });

  it('take the timeouts from [AWS] CONNECT_TIMEOUT and REQUEST_TIMEOUT, or their SPARKIFY_AWS_* overrides', () => {
    const fromFile = awsClientSettings(parseConfig('[AWS]\nCONNECT_TIMEOUT = 3\nREQUEST_TIMEOUT = 45\n'));
    expect(fromFile.requestHandler).toEqual({ connectionTimeout: 3_000, requestTimeout: 45_000, socketTimeout: 45_000, throwOnRequestTimeout: true });
    const fromEnv = awsClientSettings(parseConfig('[AWS]\nREQUEST_TIMEOUT = 45\n', { env: { SPARKIFY_AWS_REQUEST_TIMEOUT: '7' } }));
    expect(fromEnv.requestHandler.requestTimeout).toBe(7_000);
  });

  it('refuse a timeout that is not a whole number of seconds of at least 1', () => {
    expect(() => parseConfig('[AWS]\nREQUEST_TIMEOUT = 0\n')).toThrow(/\[AWS\] REQUEST_TIMEOUT/);
    expect(() => parseConfig('[AWS]\nCONNECT_TIMEOUT = soon\n')).toThrow(/\[AWS\] CONNECT_TIMEOUT/);
  });
});
