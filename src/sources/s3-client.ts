import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { awsClient, awsClientSettings, hasConfiguredKeys } from '../aws/client-settings.ts';
import type { DwhConfig, S3Signing } from '../config/types.ts';

export interface S3ClientOptions {
  /** Overrides [S3] SIGNING. */
  readonly signing?: S3Signing;
  /** Sockets per host; at least the loader's concurrency (it reads that many objects at once). */
  readonly maxSockets?: number;
  /** Attempts per request, throttling and transient errors included (default 8, or AWS_MAX_ATTEMPTS). */
  readonly maxAttempts?: number;
  /** Path-style URLs; default: on when AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL points at an emulator. */
  readonly forcePathStyle?: boolean;
  /** Where AWS_* variables are read for the decisions above (the SDK itself reads process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** The HTTP handler, or its options (tests inject a fake one). */
  readonly requestHandler?: S3ClientConfig['requestHandler'];
}

export interface S3Access {
  readonly client: S3Client;
  readonly signing: 'signed' | 'unsigned';
  /** Why, for messages: e.g. "no AWS credentials found (...)". */
  readonly reason: string;
}

export const DEFAULT_MAX_SOCKETS = 64;
export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Unsigned requests, as `aws s3 --no-sign-request` sends them: the "no auth" scheme replaces SigV4,
 * so no credentials are looked up and no Authorization header is sent. Public buckets allow these.
 */
const UNSIGNED: Pick<S3ClientConfig, 'httpAuthSchemes' | 'httpAuthSchemeProvider'> = {
  httpAuthSchemes: [{ schemeId: 'smithy.api#noAuth', identityProvider: () => async () => ({}), signer: { sign: async (request) => request } }],
  httpAuthSchemeProvider: () => [{ schemeId: 'smithy.api#noAuth' }],
};

/**
 * An S3 client for reading sources, and whether it signs its requests:
 * - [S3] SIGNING = signed / unsigned (or the `signing` option) decides outright;
 * - else [AWS] KEY / SECRET sign;
 * - else the SDK's default credential chain is asked once (environment, profiles and SSO, web
 *   identity, container and instance roles): credentials found sign; none found means unsigned
 *   requests, for public buckets such as s3://udacity-dend. The chain's only slow link, the EC2
 *   instance-metadata probe, is reached only when nothing else is configured; it is bounded by the
 *   SDK's one-second timeout, and AWS_EC2_METADATA_DISABLED=true or [S3] SIGNING skip it.
 */
export async function createS3Access(config: DwhConfig, options: S3ClientOptions = {}): Promise<S3Access> {
  const requested = options.signing ?? config.s3.signing;
  if (requested !== 'auto') return { client: buildS3Client(config, requested, options), signing: requested, reason: `[S3] SIGNING = ${requested}` };
  if (hasConfiguredKeys(config)) return { client: buildS3Client(config, 'signed', options), signing: 'signed', reason: 'credentials from [AWS] KEY / SECRET' };
  const signed = buildS3Client(config, 'signed', options);
  const found = await findDefaultCredentials(() => signed.config.credentials());
  if (found.ok) return { client: signed, signing: 'signed', reason: "credentials from the SDK's default chain" };
  signed.destroy();
  return {
    client: buildS3Client(config, 'unsigned', options),
    signing: 'unsigned',
    reason: `no AWS credentials found (${found.reason}), so requests are unsigned`,
  };
}

/** Asks a credential provider once; a provider that finds nothing is an answer, not an error. */
export async function findDefaultCredentials(resolve: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await resolve();
    return { ok: true };
  } catch (error) {
    // Every link of the default chain reports "nothing here" as CredentialsProviderError; anything
    // else (a bug, a crash) is not a reason to fall back to anonymous access.
    if ((error as Error).name !== 'CredentialsProviderError') throw error;
    return { ok: false, reason: (error as Error).message };
  }
}

export function buildS3Client(config: DwhConfig, signing: 'signed' | 'unsigned', options: S3ClientOptions = {}): S3Client {
  const env = options.env ?? process.env;
  const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
  const settings = awsClientSettings(config);
  return awsClient(
    config,
    new S3Client({
      region: settings.region,
      ...(signing === 'signed' && settings.credentials ? { credentials: settings.credentials } : {}),
      ...(signing === 'unsigned' ? UNSIGNED : {}),
      // A bucket in another region than [AWS] REGION answers with a redirect; follow it as COPY does.
      followRegionRedirects: true,
      forcePathStyle: options.forcePathStyle ?? hasConfiguredEndpoint(env),
      // More attempts than the SDK's 3, adaptive (client-side rate limiting on throttling), unless the
      // user chose otherwise through AWS_MAX_ATTEMPTS / AWS_RETRY_MODE or the shared config file.
      maxAttempts: options.maxAttempts ?? (env.AWS_MAX_ATTEMPTS ? undefined : DEFAULT_MAX_ATTEMPTS),
      retryMode: env.AWS_RETRY_MODE ? undefined : 'adaptive',
      requestHandler: options.requestHandler ?? {
        ...settings.requestHandler,
        httpAgent: { keepAlive: true, maxSockets },
        httpsAgent: { keepAlive: true, maxSockets },
      },
    }),
  );
}

/**
 * True when the SDK will send S3 requests to a custom endpoint (an emulator such as s3rver or
 * MinIO), which serve buckets as paths rather than host names. The endpoint itself is left to the SDK.
 */
export function hasConfiguredEndpoint(env: NodeJS.ProcessEnv): boolean {
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return false;
  return Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
}
