import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { describe, expect, it } from 'vitest';
import { AWS_TIMEOUTS, awsClientSettings } from '#src/aws/client-settings.ts';
import { parseConfig } from '#src/config/index.ts';

describe('AWS client settings', () => {
  it('give every client a connect and a request timeout, with or without configured keys', async () => {
    for (const text of ['', '[AWS]\nKEY = AKIAEXAMPLE\nSECRET = s3cr3t\n']) {
      const settings = awsClientSettings(parseConfig(text));
      expect(settings.requestHandler).toEqual({ connectionTimeout: 10_000, requestTimeout: 120_000 });
      // The SDK turns the plain object into its HTTP handler's options.
      const client = new RedshiftDataClient(settings);
      const handler = client.config.requestHandler as unknown as { configProvider: Promise<{ connectionTimeout: number; requestTimeout: number }> };
      expect(await handler.configProvider).toMatchObject(AWS_TIMEOUTS);
      client.destroy();
    }
  });
});
