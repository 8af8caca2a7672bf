import { ClusterNotFoundFault } from '@aws-sdk/client-redshift';
import { describe, expect, it } from 'vitest';
import {
  AwsAccessDeniedError,
  AwsCallError,
  AwsCredentialsError,
  awsErrorName,
  ClusterQuotaExceededError,
  isAwsError,
  ProvisioningError,
  ProvisioningInputError,
} from '#src/cluster/index.ts';
import { ConfigWriteError } from '#src/config/write-back.ts';
import { classifyAwsError } from '#src/cluster/aws-errors.ts';
import { $metadata, ec2Error } from './aws-mocks.ts';

describe('isAwsError', () => {
  it('matches a modelled SDK error by its class name and by its wire code', () => {
    const error = new ClusterNotFoundFault({ message: 'gone', $metadata });
    expect(error.name).toBe('ClusterNotFoundFault');
    expect(isAwsError(error, 'clusterNotFound')).toBe(true);
    expect(isAwsError({ name: 'Error', Code: 'ClusterNotFound' }, 'clusterNotFound')).toBe(true);
    expect(isAwsError(error, 'clusterAlreadyExists')).toBe(false);
  });

  it('never looks at the message', () => {
    expect(isAwsError(new Error('ClusterNotFound: InvalidPermission.Duplicate'), 'clusterNotFound')).toBe(false);
    expect(isAwsError(new Error('ClusterNotFound'), 'permissionDuplicate')).toBe(false);
  });

  it('matches unmodelled EC2 errors by their code', () => {
    expect(isAwsError(ec2Error('InvalidPermission.Duplicate'), 'permissionDuplicate')).toBe(true);
    expect(awsErrorName(ec2Error('DependencyViolation'))).toBe('DependencyViolation');
  });
});

describe('classifyAwsError', () => {
  it.each([
    ['AccessDenied', AwsAccessDeniedError, 'AWS_ACCESS_DENIED'],
    ['UnauthorizedOperation', AwsAccessDeniedError, 'AWS_ACCESS_DENIED'],
    ['CredentialsProviderError', AwsCredentialsError, 'AWS_CREDENTIALS'],
    ['SignatureDoesNotMatch', AwsCredentialsError, 'AWS_CREDENTIALS'],
    ['ClusterQuotaExceeded', ClusterQuotaExceededError, 'CLUSTER_QUOTA_EXCEEDED'],
    ['NumberOfNodesQuotaExceededFault', ClusterQuotaExceededError, 'CLUSTER_QUOTA_EXCEEDED'],
    ['SomethingElse', AwsCallError, 'AWS_CALL_FAILED'],
  ] as const)('%s becomes %o', (name, type, code) => {
    const cause = ec2Error(name);
    const error = classifyAwsError('cluster', cause);
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.step).toBe('cluster');
    expect(error.cause).toBe(cause);
  });

  it('keeps the code of our own typed errors from inside a step', () => {
    const cause = new ConfigWriteError('/x/dwh.cfg', new Error('EACCES'));
    const error = classifyAwsError('config', cause);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error.code).toBe('CONFIG_WRITE');
    expect(error.cause).toBe(cause);
  });

  it('passes typed errors through unchanged', () => {
    const typed = new ProvisioningInputError('preflight', 'bad');
    expect(classifyAwsError('cluster', typed)).toBe(typed);
  });
});
