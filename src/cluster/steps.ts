import type { Logger } from '../logger.ts';
import { classifyAwsError } from './aws-errors.ts';
import type { StepResult } from './step-result.ts';

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
