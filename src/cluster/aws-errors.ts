import { SparkifyError } from '../errors.ts';
import { AwsAccessDeniedError, AwsCallError, AwsCredentialsError, ClusterQuotaExceededError, ProvisioningError } from './errors.ts';

/**
 * AWS error names this module branches on. The SDK names a modelled error after its class
 * (`ClusterNotFoundFault`) and keeps the wire code in `Code` (`ClusterNotFound`); unmodelled errors
 * (all of EC2's) are named by their code. Each entry lists both spellings, so the match works
 * whichever one a given SDK version or mock puts in `name`. Never the message text.
 */
export const AwsErrors = {
  accessDenied: ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'AuthorizationError'],
  badCredentials: [
    'CredentialsProviderError',
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
    'AuthFailure',
    'ExpiredToken',
    'ExpiredTokenException',
    'InvalidAccessKeyId',
    'UnrecognizedClientException',
  ],
  // IAM
  entityAlreadyExists: ['EntityAlreadyExistsException', 'EntityAlreadyExists'],
  noSuchEntity: ['NoSuchEntityException', 'NoSuchEntity'],
  deleteConflict: ['DeleteConflictException', 'DeleteConflict'],
  // EC2
  permissionDuplicate: ['InvalidPermission.Duplicate'],
  permissionNotFound: ['InvalidPermission.NotFound'],
  groupDuplicate: ['InvalidGroup.Duplicate'],
  groupNotFound: ['InvalidGroup.NotFound', 'InvalidGroupId.NotFound'],
  dependencyViolation: ['DependencyViolation'],
  // Redshift
  clusterAlreadyExists: ['ClusterAlreadyExistsFault', 'ClusterAlreadyExists'],
  clusterNotFound: ['ClusterNotFoundFault', 'ClusterNotFound'],
  clusterQuotaExceeded: [
    'ClusterQuotaExceededFault',
    'ClusterQuotaExceeded',
    'NumberOfNodesQuotaExceededFault',
    'NumberOfNodesQuotaExceeded',
    'NumberOfNodesPerClusterLimitExceededFault',
    'NumberOfNodesPerClusterLimitExceeded',
  ],
  invalidClusterState: ['InvalidClusterStateFault', 'InvalidClusterState'],
  // Redshift Serverless, Secrets Manager
  resourceNotFound: ['ResourceNotFoundException'],
  conflict: ['ConflictException'],
} as const satisfies Record<string, readonly string[]>;

export type AwsErrorKind = keyof typeof AwsErrors;

/** The SDK's error name (class name for modelled errors, wire code otherwise). */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, Code } = error as { name?: unknown; Code?: unknown };
  if (typeof name === 'string' && name !== 'Error' && name !== 'ServiceException') return name;
  return typeof Code === 'string' ? Code : undefined;
}

export function isAwsError(error: unknown, kind: AwsErrorKind): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const names: readonly string[] = AwsErrors[kind];
  const { name, Code } = error as { name?: unknown; Code?: unknown };
  return (typeof name === 'string' && names.includes(name)) || (typeof Code === 'string' && names.includes(Code));
}

/**
 * Turns whatever a step threw into a typed ProvisioningError for `step`, keeping it as cause:
 * AWS errors by their SDK name, our own SparkifyErrors by their code. ProvisioningErrors pass
 * through unchanged.
 */
export function classifyAwsError(step: string, error: unknown): ProvisioningError {
  if (error instanceof ProvisioningError) return error;
  // Our own typed errors from inside a step (e.g. writing dwh.cfg) keep their code and message.
  if (error instanceof SparkifyError) return new ProvisioningError(error.code, step, error.message, { cause: error });
  if (isAwsError(error, 'accessDenied')) return new AwsAccessDeniedError(step, error);
  if (isAwsError(error, 'badCredentials')) return new AwsCredentialsError(step, error);
  if (isAwsError(error, 'clusterQuotaExceeded')) return new ClusterQuotaExceededError(step, error);
  return new AwsCallError(step, awsErrorName(error) ?? 'unexpected error', error);
}
