import type { DwhConfig } from '../config/types.ts';
import { silenceSdkNodeVersionWarning } from './quiet-sdk.ts';

export interface AwsClientSettings {
  readonly region: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Timeouts on every AWS call: an endpoint that never answers fails instead of hanging. */
  readonly requestHandler: { readonly connectionTimeout: number; readonly requestTimeout: number };
}

/**
 * Connect within 10 s; a request with no answer for 2 minutes fails (and the SDK retries it). Waiters
 * poll with short requests, so long operations are not cut short by these.
 */
export const AWS_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 120_000 } as const;

/**
 * The settings every AWS client of the product starts from: the region, and the key pair when
 * [AWS] KEY and SECRET are set (else the SDK's default credential chain). Endpoints, profiles and
 * retry settings are left to the SDK, which reads AWS_ENDPOINT_URL(_<SERVICE>), AWS_PROFILE and so on
 * from the environment and the shared config files; an explicit value here would override them.
 */
export function awsClientSettings(config: DwhConfig): AwsClientSettings {
  // Every AWS client of the product is built from these settings, so this is the one place to do it.
  silenceSdkNodeVersionWarning();
  const { region, key, secret } = config.aws;
  const requestHandler = { ...AWS_TIMEOUTS };
  if (key && secret) return { region, credentials: { accessKeyId: key.reveal(), secretAccessKey: secret.reveal() }, requestHandler };
  return { region, requestHandler };
}

/** True when [AWS] KEY / SECRET give the credentials (as opposed to the SDK's default chain). */
export function hasConfiguredKeys(config: DwhConfig): boolean {
  return Boolean(config.aws.key && config.aws.secret);
}
