import type { StandInState } from './state.ts';

/**
 * The AWS JSON 1.1 protocol as the SDK v3 speaks it (@aws-sdk/core AwsJson1_1Protocol): POST / with
 * `X-Amz-Target: <Prefix>.<Action>` and a JSON body; answers are JSON; errors carry the error's name in
 * `__type` (and the x-amzn-errortype header) with a `message`.
 */
export interface JsonContext {
  readonly body: Record<string, unknown>;
  readonly state: StandInState;
  readonly region: string;
  readonly accessKeyId: string | undefined;
}

export type JsonHandler = (context: JsonContext) => Record<string, unknown>;

export type JsonServiceName = 'redshift-serverless' | 'secretsmanager' | 'pricing';

export interface JsonServiceDefinition {
  readonly name: JsonServiceName;
  /** The part of X-Amz-Target before the dot. */
  readonly targetPrefix: string;
  readonly actions: Record<string, JsonHandler>;
}

export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
