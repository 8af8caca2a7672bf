import type { Logger } from '../logger.ts';
import { classifyAwsError } from './aws-errors.ts';

/** What one idempotent step found and did. */
export type StepOutcome =
  | 'created'
  | 'already existed'
  | 'deleted'
  | 'not found'
  | 'updated'
  | 'unchanged'
  | 'skipped'
  | 'kept'
  | 'paused'
  | 'resumed';

export interface StepResult {
  /** Stable step name, e.g. `iam-role`, `ingress`, `cluster`. */
  readonly step: string;
  /** The AWS resource or file the step acted on, in words a user recognises. */
  readonly resource: string;
  readonly outcome: StepOutcome;
  readonly detail?: string;
}

/**
 * Runs steps in order, reports each as it completes, and on failure turns the error into a typed
 * ProvisioningError that names the step and lists what had completed before it.
 */
export class StepRunner {
  readonly #steps: StepResult[] = [];
  constructor(private readonly logger: Logger) {}

  get steps(): readonly StepResult[] {
    return [...this.#steps];
  }

  async run<T>(step: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const typed = classifyAwsError(step, error);
      typed.completedSteps = this.steps;
      throw typed;
    }
  }

  record(result: StepResult): void {
    this.#steps.push(result);
    this.logger.info(formatStep(result));
  }
}

export function formatStep(result: StepResult): string {
  return `${result.outcome.padEnd(15)} ${result.resource}${result.detail ? ` — ${result.detail}` : ''}`;
}
