import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  type IAMClient,
  type Role,
} from '@aws-sdk/client-iam';
import { isAwsError } from './aws-errors.ts';
import { ResourceInUseError } from './errors.ts';
import type { StepResult } from './step-result.ts';
import { isManagedBySparkify, MANAGED_BY_TAG, partitionOf } from './tags.ts';

/** Lets Redshift assume the role (to read S3 during COPY) and nobody else. */
export const REDSHIFT_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export function s3ReadOnlyPolicyArn(region: string): string {
  return `arn:${partitionOf(region)}:iam::aws:policy/AmazonS3ReadOnlyAccess`;
}

export async function findRole(iam: IAMClient, roleName: string): Promise<Role | undefined> {
  try {
    return (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  } catch (error) {
    if (isAwsError(error, 'noSuchEntity')) return undefined;
    throw error;
  }
}

export async function ensureRole(iam: IAMClient, roleName: string): Promise<{ arn: string; result: StepResult }> {
  const resource = `IAM role ${roleName}`;
  const existing = await findRole(iam, roleName);
  if (existing?.Arn) return { arn: existing.Arn, result: { step: 'iam-role', resource, outcome: 'already existed', detail: existing.Arn } };
  try {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY,
        Description: 'Lets the Sparkify Redshift cluster read its staging data from S3',
        Tags: [MANAGED_BY_TAG],
      }),
    );
    const arn = created.Role?.Arn;
    if (!arn) throw new Error(`CreateRole for ${roleName} returned no ARN`);
    return { arn, result: { step: 'iam-role', resource, outcome: 'created', detail: arn } };
  } catch (error) {
    // Someone else (or a concurrent run) created it between our GetRole and CreateRole.
    if (!isAwsError(error, 'entityAlreadyExists')) throw error;
    const raced = await findRole(iam, roleName);
    if (!raced?.Arn) throw error;
    return { arn: raced.Arn, result: { step: 'iam-role', resource, outcome: 'already existed', detail: raced.Arn } };
  }
}

async function isPolicyAttached(iam: IAMClient, roleName: string, policyArn: string): Promise<boolean> {
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    if (page.AttachedPolicies?.some((policy) => policy.PolicyArn === policyArn)) return true;
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return false;
}

export async function ensurePolicyAttached(iam: IAMClient, roleName: string, policyArn: string): Promise<StepResult> {
  const resource = `policy ${policyArn.split('/').pop()} on role ${roleName}`;
  if (await isPolicyAttached(iam, roleName, policyArn)) return { step: 'iam-policy', resource, outcome: 'already existed' };
  // AttachRolePolicy is itself idempotent on AWS, so a race here is harmless.
  await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
  return { step: 'iam-policy', resource, outcome: 'created' };
}

/**
 * Detaches the policy and deletes the role, if the role exists and was created by sparkify. Reports
 * each part through `record` as soon as it is done. Returns whether the role is gone now.
 */
export async function removeRole(iam: IAMClient, roleName: string, policyArn: string, record: (result: StepResult) => void): Promise<boolean> {
  const roleResource = `IAM role ${roleName}`;
  const policyResource = `policy ${policyArn.split('/').pop()} on role ${roleName}`;
  const role = await findRole(iam, roleName);
  if (!role) {
    record({ step: 'iam-policy', resource: policyResource, outcome: 'not found' });
    record({ step: 'iam-role', resource: roleResource, outcome: 'not found' });
    return true;
  }
  if (!isManagedBySparkify(role.Tags)) {
    const detail = `not tagged ${MANAGED_BY_TAG.Key}=${MANAGED_BY_TAG.Value}, so not created by sparkify; left as it is`;
    record({ step: 'iam-policy', resource: policyResource, outcome: 'kept', detail });
    record({ step: 'iam-role', resource: roleResource, outcome: 'kept', detail });
    return false;
  }
  let detached = false;
  if (await isPolicyAttached(iam, roleName, policyArn)) {
    try {
      await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
      detached = true;
    } catch (error) {
      if (!isAwsError(error, 'noSuchEntity')) throw error;
    }
  }
  record({ step: 'iam-policy', resource: policyResource, outcome: detached ? 'deleted' : 'not found', detail: detached ? 'detached' : 'was not attached' });
  try {
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    record({ step: 'iam-role', resource: roleResource, outcome: 'deleted', detail: role.Arn });
  } catch (error) {
    if (isAwsError(error, 'noSuchEntity')) {
      record({ step: 'iam-role', resource: roleResource, outcome: 'not found' });
    } else if (isAwsError(error, 'deleteConflict')) {
      throw new ResourceInUseError(
        'iam-role',
        `${roleResource} still has other policies or instance profiles attached; detach them, then re-run the delete`,
        error,
      );
    } else {
      throw error;
    }
  }
  return true;
}
