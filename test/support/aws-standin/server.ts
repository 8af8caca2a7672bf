import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ec2Actions } from './ec2.ts';
import { iamActions } from './iam.ts';
import { AwsFault, errorBody, successBody } from './protocol.ts';
import { redshiftActions } from './redshift.ts';
import type { ServiceDefinition, ServiceName } from './service.ts';
import { StandInState } from './state.ts';
import { stsActions } from './sts.ts';
import type { JsonServiceDefinition, JsonServiceName } from './json-service.ts';
import { pricingActions } from './pricing.ts';
import { secretsActions } from './secrets.ts';
import { serverlessActions } from './serverless.ts';

/**
 * A small local AWS for the provisioning tests: answers the IAM, EC2, Redshift and STS query
 * protocols (form-encoded POST, XML answers) and the Redshift Serverless, Secrets Manager and Price
 * List JSON 1.1 protocols (X-Amz-Target, JSON answers) over HTTP on 127.0.0.1, keeps state, and lets
 * a test inject failures. The real SDK clients reach it only through AWS_ENDPOINT_URL(_<SERVICE>).
 */
export const SERVICES: readonly ServiceDefinition[] = [
  { name: 'iam', version: '2010-05-08', namespace: 'https://iam.amazonaws.com/doc/2010-05-08/', dialect: 'query', actions: iamActions },
  { name: 'ec2', version: '2016-11-15', namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/', dialect: 'ec2', actions: ec2Actions },
  { name: 'redshift', version: '2012-12-01', namespace: 'http://redshift.amazonaws.com/doc/2012-12-01/', dialect: 'query', actions: redshiftActions },
  { name: 'sts', version: '2011-06-15', namespace: 'https://sts.amazonaws.com/doc/2011-06-15/', dialect: 'query', actions: stsActions },
];

export const JSON_SERVICES: readonly JsonServiceDefinition[] = [
  { name: 'redshift-serverless', targetPrefix: 'RedshiftServerless', actions: serverlessActions },
  { name: 'secretsmanager', targetPrefix: 'secretsmanager', actions: secretsActions },
  { name: 'pricing', targetPrefix: 'AWSPriceListService', actions: pricingActions },
];

export interface RecordedRequest {
  readonly service: ServiceName | JsonServiceName | 'unknown';
  readonly action: string;
  readonly params: ReadonlyMap<string, string>;
  /** The access key id and service from the SigV4 Authorization header. */
  readonly accessKeyId: string | undefined;
  readonly signedService: string | undefined;
  readonly status: number;
  readonly errorCode: string | undefined;
}

export interface AwsStandIn {
  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL should be. */
  readonly url: string;
  readonly state: StandInState;
  readonly requests: RecordedRequest[];
  /** Answer the next `times` calls of `action` with this AWS error instead of running them. */
  failNext(action: string, code: string, options?: { status?: number; message?: string; times?: number }): void;
  /** Actions called, in order (e.g. `redshift:CreateCluster`). */
  calls(): string[];
  close(): Promise<void>;
}

export interface StandInOptions {
  /** Share state with another stand-in (to serve some services from a second endpoint). */
  readonly state?: StandInState;
  readonly describesUntilAvailable?: number;
  readonly describesUntilDeleted?: number;
}

export async function startAwsStandIn(options: StandInOptions = {}): Promise<AwsStandIn> {
  const state = options.state ?? new StandInState();
  if (options.describesUntilAvailable !== undefined) state.describesUntilAvailable = options.describesUntilAvailable;
  if (options.describesUntilDeleted !== undefined) state.describesUntilDeleted = options.describesUntilDeleted;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    void handle(request, response, state, requests).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    failNext(action, code, failure = {}) {
      state.failures.push({ action, code, status: failure.status ?? 400, message: failure.message ?? `injected ${code}`, times: failure.times ?? 1 });
    },
    calls: () => requests.map((r) => `${r.service}:${r.action}`),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, state: StandInState, requests: RecordedRequest[]): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return handleJson(request, response, target, Buffer.concat(chunks).toString('utf8'), state, requests);
  const params = new Map(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(request.headers.authorization ?? '');
  const [accessKeyId, region, signedService] = scope ? [scope[1], scope[2]!, scope[3]] : [undefined, 'us-east-1', undefined];
  const action = params.get('Action') ?? '';
  const service = SERVICES.find((s) => s.version === params.get('Version'));
  const requestId = randomUUID();
  let status = 200;
  let body: string;
  let errorCode: string | undefined;
  if (request.method !== 'POST' || !service) {
    status = 400;
    errorCode = 'InvalidAction';
    body = errorBody('query', '', new AwsFault('InvalidAction', `stand-in: no service for Version=${params.get('Version')}`), requestId);
  } else {
    try {
      const injected = state.takeFailure(action);
      if (injected) throw new AwsFault(injected.code, injected.message, injected.status);
      const handler = service.actions[action];
      if (!handler) throw new AwsFault('InvalidAction', `stand-in ${service.name} does not implement ${action}`);
      body = successBody(service.dialect, service.namespace, action, requestId, handler({ params, state, region, accessKeyId }));
    } catch (error) {
      if (!(error instanceof AwsFault)) throw error;
      status = error.status;
      errorCode = error.code;
      body = errorBody(service.dialect, service.namespace, error, requestId);
    }
  }
  requests.push({ service: service?.name ?? 'unknown', action, params, accessKeyId, signedService, status, errorCode });
  response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  response.end(body);
}

async function handleJson(
  request: IncomingMessage,
  response: ServerResponse,
  target: string,
  text: string,
  state: StandInState,
  requests: RecordedRequest[],
): Promise<void> {
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(request.headers.authorization ?? '');
  const [accessKeyId, region, signedService] = scope ? [scope[1], scope[2]!, scope[3]] : [undefined, 'us-east-1', undefined];
  const [prefix, action = ''] = target.split('.');
  const service = JSON_SERVICES.find((s) => s.targetPrefix === prefix);
  const requestId = randomUUID();
  let status = 200;
  let body: Record<string, unknown>;
  let errorCode: string | undefined;
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!service) throw new AwsFault('UnknownOperationException', `stand-in: no service for X-Amz-Target ${target}`);
    const injected = state.takeFailure(action);
    if (injected) throw new AwsFault(injected.code, injected.message, injected.status);
    const handler = service.actions[action];
    if (!handler) throw new AwsFault('UnknownOperationException', `stand-in ${service.name} does not implement ${action}`);
    body = handler({ body: parsed, state, region, accessKeyId });
  } catch (error) {
    if (!(error instanceof AwsFault)) throw error;
    status = error.status;
    errorCode = error.code;
    body = { __type: error.code, message: error.message };
  }
  requests.push({
    service: service?.name ?? 'unknown',
    action,
    params: new Map(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
    accessKeyId,
    signedService,
    status,
    errorCode,
  });
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': requestId,
    ...(errorCode ? { 'x-amzn-errortype': errorCode } : {}),
  });
  response.end(JSON.stringify(body));
}
