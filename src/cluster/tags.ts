/**
 * Every resource this module creates carries this tag; delete only removes a role or security group
 * that has it, so pointing [IAM_ROLE] NAME at a role someone else made never deletes their role.
 */
export const MANAGED_BY_TAG = Object.freeze({ Key: 'managed-by', Value: 'sparkify' });

export function isManagedBySparkify(tags: readonly { Key?: string; Value?: string }[] | undefined): boolean {
  return (tags ?? []).some((tag) => tag.Key === MANAGED_BY_TAG.Key && tag.Value === MANAGED_BY_TAG.Value);
}

/** IAM and EC2 ARNs differ by partition; AWS-managed policies live in the region's partition. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
