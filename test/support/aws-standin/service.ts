import type { Dialect, Params, Xml } from './protocol.ts';
import type { StandInState } from './state.ts';

export interface ActionContext {
  readonly params: Params;
  readonly state: StandInState;
  /** From the SigV4 credential scope of the request. */
  readonly region: string;
  readonly accessKeyId: string | undefined;
}

/** Returns the action's output (the inside of `<ActionResult>`), or undefined for no output. */
export type ActionHandler = (context: ActionContext) => Xml | undefined;

export type ServiceName = 'iam' | 'ec2' | 'redshift' | 'sts';

export interface ServiceDefinition {
  readonly name: ServiceName;
  /** The `Version` form field the SDK sends for this service's API. */
  readonly version: string;
  readonly namespace: string;
  readonly dialect: Dialect;
  readonly actions: Record<string, ActionHandler>;
}
