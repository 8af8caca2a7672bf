/** What one idempotent step found and did. */
export type StepOutcome = 'created' | 'already existed' | 'deleted' | 'not found' | 'updated' | 'unchanged' | 'skipped' | 'kept' | 'paused' | 'resumed';

export interface StepResult {
  /** Stable step name, e.g. `iam-role`, `ingress`, `cluster`. */
  readonly step: string;
  /** The AWS resource or file the step acted on, in words a user recognises. */
  readonly resource: string;
  readonly outcome: StepOutcome;
  readonly detail?: string;
}
