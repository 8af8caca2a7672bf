import { state as sdkVersionWarning } from '@aws-sdk/core/client';
import { describe, expect, it } from 'vitest';
import { awsClientSettings } from '#src/aws/client-settings.ts';
import { parseConfig } from '#src/config/index.ts';

describe("the AWS SDK's NodeVersionSupportWarning", () => {
  it('is marked as already emitted by the settings every AWS client is built from, and nothing else about warnings changes', () => {
    const emitWarning = process.emitWarning;
    sdkVersionWarning.warningEmitted = false;
    awsClientSettings(parseConfig('[AWS]\nREGION = eu-west-1\n'));
    expect(sdkVersionWarning.warningEmitted).toBe(true);
    expect(process.emitWarning).toBe(emitWarning);
    expect(process.listenerCount('warning')).toBeLessThanOrEqual(1);
  });
});
