import { setTimeout as sleep } from 'node:timers/promises';

/** Network failures that a fresh request may not meet (connections reset or cut mid-body). */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** S3 error codes that mean "try again" (throttling and server-side trouble). */
const TRANSIENT_S3_ERRORS = new Set(['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable', 'ThrottlingException', 'TimeoutError']);

/**
 * Whether an error reading an object body is worth another attempt. The SDK's retry strategy covers
 * a request until its response headers arrive; a body cut off half way reaches the caller as a plain
 * stream error, and only the caller can retry it (with a Range request from where it stopped).
 */
export function isTransientReadError(error: unknown): boolean {
  const e = error as { code?: string; name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!e) return false;
  if (e.code && TRANSIENT_NETWORK_CODES.has(e.code)) return true;
  if (e.name && TRANSIENT_S3_ERRORS.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status === 429 || (status !== undefined && status >= 500);
}

export interface BodyRetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BODY_RETRY: BodyRetryPolicy = Object.freeze({ attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 });

/** Full-jitter exponential backoff before attempt `attempt + 1`. */
export function backoff(policy: BodyRetryPolicy, attempt: number): Promise<void> {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return sleep(Math.round(Math.random() * ceiling));
}
