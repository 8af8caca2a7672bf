import type { DwhConfig } from '../config/types.ts';
import { nameEndpointOnFailure, type AwsTimeoutsSeconds, type ClientWithMiddleware } from './endpoint-errors.ts';
import { silenceSdkNodeVersionWarning } from './quiet-sdk.ts';

/**
 * The HTTP handler's timeouts (milliseconds): `connectionTimeout` to establish the connection;
 * `requestTimeout` until the answer starts (an error only with `throwOnRequestTimeout`: without it the
 * SDK merely prints a warning and waits on); `socketTimeout` for a response that stalls half way.
 */
export interface AwsRequestTimeouts {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  readonly socketTimeout: number;
  readonly throwOnRequestTimeout: true;
}

export interface AwsClientSettings {
  readonly region: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Timeouts on every AWS call: an endpoint that never answers fails instead of hanging. */
  readonly requestHandler: AwsRequestTimeouts;
}

/** [AWS] CONNECT_TIMEOUT and REQUEST_TIMEOUT as the SDK's handler options (each attempt; the SDK retries). */
export function awsRequestTimeouts(config: DwhConfig): AwsRequestTimeouts {
  const { connectTimeoutSeconds, requestTimeoutSeconds } = config.aws;
  return {
    connectionTimeout: connectTimeoutSeconds * 1000,
    requestTimeout: requestTimeoutSeconds * 1000,
    socketTimeout: requestTimeoutSeconds * 1000,
    throwOnRequestTimeout: true,
  };
}

export function awsTimeoutsSeconds(config: DwhConfig): AwsTimeoutsSeconds {
  return { connectSeconds: config.aws.connectTimeoutSeconds, requestSeconds: config.aws.requestTimeoutSeconds };
}

/**
 * The settings every AWS client of the product starts from: the region, the timeouts, and the key
 * pair when [AWS] KEY and SECRET are set (else the SDK's default credential chain). Endpoints,
 * profiles and retry settings are left to the SDK, which reads AWS_ENDPOINT_URL(_<SERVICE>),
 * AWS_PROFILE and so on from the environment and the shared config files; an explicit value here
 * would override them. Build clients with `awsClient` so that their failures name the endpoint.
 */
export function awsClientSettings(config: DwhConfig): AwsClientSettings {
  // Every AWS client of the product is built from these settings, so this is the one place to do it.
  silenceSdkNodeVersionWarning();
  const { region, key, secret } = config.aws;
  const requestHandler = awsRequestTimeouts(config);
  if (key && secret) return { region, credentials: { accessKeyId: key.reveal(), secretAccessKey: secret.reveal() }, requestHandler };
  return { region, requestHandler };
}

/** A new client of the product: every failure of its calls names the operation and the endpoint (aws/endpoint-errors.ts). */
export function awsClient<T extends ClientWithMiddleware>(config: DwhConfig, client: T): T {
  return nameEndpointOnFailure(client, awsTimeoutsSeconds(config));
}

/** True when [AWS] KEY / SECRET give the credentials (as opposed to the SDK's default chain). */
export function hasConfiguredKeys(config: DwhConfig): boolean {
  return Boolean(config.aws.key && config.aws.secret);
}
