import { SparkifyError } from '../errors.ts';
import type { StepResult } from './step-result.ts';

/**
 * Errors raised while provisioning. Each one names the step that failed, keeps the AWS SDK error as
 * its `cause`, and carries the steps that had already completed, so a caller can show what exists
 * now; re-running the same command continues from there because every step is idempotent.
 */
export class ProvisioningError extends SparkifyError {
  readonly step: string;
  /** Steps that completed before this failure (filled in by the step runner). */
  completedSteps: readonly StepResult[] = [];
  constructor(code: string, step: string, message: string, options?: { cause?: unknown }) {
    super(code, `${step}: ${message}`, options);
    this.step = step;
  }
}

/** The AWS identity in use may not do this (IAM AccessDenied / EC2 UnauthorizedOperation). */
export class AwsAccessDeniedError extends ProvisioningError {
  constructor(step: string, cause: unknown) {
    super('AWS_ACCESS_DENIED', step, `access denied: ${messageOf(cause)} (the AWS identity in use needs this permission)`, { cause });
  }
}

/** No usable credentials, or AWS rejected them. */
export class AwsCredentialsError extends ProvisioningError {
  constructor(step: string, cause: unknown) {
    super(
      'AWS_CREDENTIALS',
      step,
      'no valid AWS credentials: set [AWS] KEY and SECRET in dwh.cfg, or configure the default credential chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...)',
      { cause },
    );
  }
}

/** The account's limit on clusters or nodes is reached. */
export class ClusterQuotaExceededError extends ProvisioningError {
  constructor(step: string, cause: unknown) {
    super(
      'CLUSTER_QUOTA_EXCEEDED',
      step,
      'the account has reached its Redshift cluster or node quota in this region; delete an unused cluster or ask AWS for a higher limit',
      { cause },
    );
  }
}

/** The cluster exists but is in a state this command cannot continue from (deleting, paused, ...). */
export class ClusterStateError extends ProvisioningError {
  readonly state: string;
  constructor(step: string, identifier: string, state: string, advice: string, options?: { cause?: unknown }) {
    super('CLUSTER_STATE', step, `cluster '${identifier}' is ${state}; ${advice}`, options);
    this.state = state;
  }
}

/** A waiter gave up (timeout) or saw a state it cannot succeed from. */
export class ClusterWaitError extends ProvisioningError {
  constructor(step: string, message: string, cause: unknown) {
    super('CLUSTER_WAIT', step, message, { cause });
  }
}

/** A resource cannot be removed because something else still uses it (IAM DeleteConflict, EC2 DependencyViolation). */
export class ResourceInUseError extends ProvisioningError {
  constructor(step: string, message: string, cause: unknown) {
    super('RESOURCE_IN_USE', step, message, { cause });
  }
}

/** Settings AWS would reject, found before anything is created. */
export class ProvisioningInputError extends ProvisioningError {
  constructor(step: string, message: string, options?: { cause?: unknown }) {
    super('PROVISIONING_INPUT', step, message, options);
  }
}

/** Any other AWS failure: the SDK error name is kept for callers that want to branch on it. */
export class AwsCallError extends ProvisioningError {
  readonly awsErrorName: string;
  constructor(step: string, awsErrorName: string, cause: unknown) {
    super('AWS_CALL_FAILED', step, `${awsErrorName}: ${messageOf(cause)}`, { cause });
    this.awsErrorName = awsErrorName;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
