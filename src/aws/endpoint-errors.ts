import { AwsEndpointError } from '../errors.ts';

/** The AWS timeouts in force, for messages (seconds). */
export interface AwsTimeoutsSeconds {
  readonly connectSeconds: number;
  readonly requestSeconds: number;
}

/** What an AWS call was: `S3 ListObjectsV2`, `Redshift DescribeClusters`, and where it went (`host:port`). */
export interface AwsCall {
  readonly operation: string;
  readonly endpoint: string;
}

/** The smallest view of an SDK v3 client this module needs (every client has a middleware stack and `send`). */
export interface ClientWithMiddleware {
  readonly middlewareStack: { add(middleware: unknown, options: { step: 'build'; name: string; override?: boolean }): void };
  // The SDK's own signature is overloaded; this module only wraps it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send: (...args: any[]) => Promise<any>;
}

const MIDDLEWARE_NAME = 'sparkifyNameEndpointOnFailure';
const CALL = Symbol.for('sparkify.awsCall');

/** errno codes of a request that got no HTTP answer, and how to say so. */
const NETWORK_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the endpoint',
  EPIPE: 'connection closed by the endpoint',
  ECONNABORTED: 'connection aborted',
};

/**
 * Makes every failure of this client's calls name the operation and the endpoint: a request that got
 * no HTTP answer (refused, unknown host, timed out) becomes one AwsEndpointError saying which and why;
 * an answer with an error (AccessDenied, NoSuchBucket, ...) keeps its type and name, for callers that
 * branch on them, and gets `(S3 GetObject on host:port)` added to its message. Added in the build
 * step, outside the SDK's retries: this sees the last attempt's failure.
 */
export function nameEndpointOnFailure<T extends ClientWithMiddleware>(client: T, timeouts: AwsTimeoutsSeconds): T {
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) =>
    async (args: { request?: unknown }): Promise<unknown> => {
      try {
        return await next(args);
      } catch (error) {
        throw describeFailure(error, callOf(context, args.request), timeouts);
      }
    };
  client.middlewareStack.add(middleware, { step: 'build', name: MIDDLEWARE_NAME, override: true });
  return withCallDeadline(client, timeouts);
}

/**
 * Each call as a whole, the SDK's retries included, gets as long as one attempt may take (CONNECT_TIMEOUT
 * + REQUEST_TIMEOUT): without it an endpoint that never answers costs every attempt's timeout plus
 * the backoff between them (8 x 120 s for the S3 reader) before anything is said. Retries of quick
 * failures (throttling, a 500) still happen within that time. The deadline aborts the call through
 * the SDK's abortSignal (no retry follows an abort) and is cleared as soon as the call settles, so
 * the body of a large object is never cut by it. A caller's own abortSignal still works.
 */
function withCallDeadline<T extends ClientWithMiddleware>(client: T, timeouts: AwsTimeoutsSeconds): T {
  const send = client.send.bind(client);
  const deadlineSeconds = timeouts.connectSeconds + timeouts.requestSeconds;
  client.send = async (command: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof options === 'function') return send(command, options, ...rest); // the callback form
    const given = (options ?? {}) as { abortSignal?: AbortSignal };
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineSeconds * 1000);
    const abortSignal = given.abortSignal ? AbortSignal.any([given.abortSignal, deadline.signal]) : deadline.signal;
    try {
      return await send(command, { ...given, abortSignal });
    } catch (error) {
      const call = awsCallOf(error);
      if (!deadline.signal.aborted || !call || error instanceof AwsEndpointError) throw error;
      const reason = `no answer within ${deadlineSeconds} s, retries included ([AWS] CONNECT_TIMEOUT + REQUEST_TIMEOUT)`;
      throw new AwsEndpointError(call.operation, call.endpoint, reason, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
  return client;
}

/** The call a failure came from, when it went through nameEndpointOnFailure. */
export function awsCallOf(error: unknown): AwsCall | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (error instanceof AwsEndpointError) return { operation: error.operation, endpoint: error.endpoint };
  return (error as { [CALL]?: AwsCall })[CALL];
}

/** `S3 GetObject on host:port`, or '' for an error that did not come from an AWS call. */
export function describeAwsCall(error: unknown): string {
  const call = awsCallOf(error);
  return call ? `${call.operation} on ${call.endpoint}` : '';
}

export function callOf(context: { clientName?: string; commandName?: string }, request: unknown): AwsCall {
  const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
  const operation = (context.commandName ?? 'request').replace(/Command$/, '');
  return { operation: `${service} ${operation}`, endpoint: endpointOf(request) };
}

function endpointOf(request: unknown): string {
  const { hostname, port, protocol } = (request ?? {}) as { hostname?: string; port?: number; protocol?: string };
  if (!hostname) return 'an unresolved endpoint';
  return `${hostname}:${port ?? (protocol === 'http:' ? 80 : 443)}`;
}

export function describeFailure(error: unknown, call: AwsCall, timeouts: AwsTimeoutsSeconds): unknown {
  if (typeof error !== 'object' || error === null || awsCallOf(error)) return error;
  const reason = networkReason(error as Error & { code?: string; $metadata?: { httpStatusCode?: number; attempts?: number } }, timeouts);
  if (reason !== undefined) {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts;
    const tries = attempts && attempts > 1 ? ` (${attempts} attempts)` : '';
    return new AwsEndpointError(call.operation, call.endpoint, `${reason}${tries}`, { cause: error });
  }
  try {
    Object.defineProperty(error, CALL, { value: call, enumerable: false });
    (error as Error).message = `${(error as Error).message || (error as Error).name} (${call.operation} on ${call.endpoint})`;
  } catch {
    // A frozen error keeps its message; the call is still known to awsCallOf when the property held.
  }
  return error;
}

/** Why a request got no HTTP answer, or undefined when it got one (or failed before it was sent). */
function networkReason(error: Error & { code?: string; $metadata?: { httpStatusCode?: number } }, timeouts: AwsTimeoutsSeconds): string | undefined {
  if (error.$metadata?.httpStatusCode !== undefined) return undefined;
  if (error.name === 'TimeoutError') {
    return /establish a connection/.test(error.message)
      ? `no connection within ${timeouts.connectSeconds} s ([AWS] CONNECT_TIMEOUT)`
      : `no answer within ${timeouts.requestSeconds} s ([AWS] REQUEST_TIMEOUT)`;
  }
  const known = error.code ? NETWORK_FAILURES[error.code] : undefined;
  if (known) return known;
  if (error.code === 'ETIMEDOUT') return `no answer within ${timeouts.requestSeconds} s ([AWS] REQUEST_TIMEOUT)`;
  return undefined;
}
