import type { DwhConfig } from '../config/types.ts';
import { silenceSdkNodeVersionWarning } from './quiet-sdk.ts';

export interface AwsClientSettings {
  readonly region: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

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
  if (key && secret) return { region, credentials: { accessKeyId: key.reveal(), secretAccessKey: secret.reveal() } };
  return { region };
}

/** True when [AWS] KEY / SECRET give the credentials (as opposed to the SDK's default chain). */
export function hasConfiguredKeys(config: DwhConfig): boolean {
  return Boolean(config.aws.key && config.aws.secret);
}
