import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type IpPermission,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { isAwsError } from './aws-errors.ts';
import { ProvisioningInputError, ResourceInUseError } from './errors.ts';
import type { StepResult } from './step-result.ts';
import { isManagedBySparkify, MANAGED_BY_TAG } from './tags.ts';

/**
 * The cluster gets a security group of its own in the default VPC rather than a rule on the VPC's
 * default group, which other resources share: deleting it later touches nothing else.
 */
export function securityGroupName(clusterIdentifier: string): string {
  return `${clusterIdentifier}-access`;
}

const RULE_DESCRIPTION = 'sparkify: Redshift port for the provisioning user';

export async function findDefaultVpcId(ec2: EC2Client): Promise<string | undefined> {
  const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  return Vpcs?.[0]?.VpcId;
}

export async function findSecurityGroup(ec2: EC2Client, vpcId: string, groupName: string): Promise<SecurityGroup | undefined> {
  const { SecurityGroups } = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: [groupName] },
      ],
    }),
  );
  return SecurityGroups?.[0];
}

export async function ensureSecurityGroup(ec2: EC2Client, groupName: string): Promise<{ groupId: string; result: StepResult }> {
  const vpcId = await findDefaultVpcId(ec2);
  if (!vpcId) {
    throw new ProvisioningInputError('security-group', 'this region has no default VPC to put the cluster in; create one with `aws ec2 create-default-vpc`');
  }
  const resource = `security group ${groupName}`;
  const existing = await findSecurityGroup(ec2, vpcId, groupName);
  if (existing?.GroupId)
    return { groupId: existing.GroupId, result: { step: 'security-group', resource, outcome: 'already existed', detail: `${existing.GroupId} in ${vpcId}` } };
  try {
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: groupName,
        Description: 'Sparkify Redshift cluster access',
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [MANAGED_BY_TAG] }],
      }),
    );
    if (!GroupId) throw new Error(`CreateSecurityGroup for ${groupName} returned no GroupId`);
    return { groupId: GroupId, result: { step: 'security-group', resource, outcome: 'created', detail: `${GroupId} in ${vpcId}` } };
  } catch (error) {
    if (!isAwsError(error, 'groupDuplicate')) throw error;
    const raced = await findSecurityGroup(ec2, vpcId, groupName);
    if (!raced?.GroupId) throw error;
    return { groupId: raced.GroupId, result: { step: 'security-group', resource, outcome: 'already existed', detail: `${raced.GroupId} in ${vpcId}` } };
  }
}

function portRule(port: number, cidr: string, description?: string): IpPermission {
  return { IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr, ...(description ? { Description: description } : {}) }] };
}

export async function ensureIngress(ec2: EC2Client, groupId: string, port: number, cidr: string): Promise<StepResult> {
  const resource = `ingress tcp/${port} from ${cidr} on ${groupId}`;
  try {
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [portRule(port, cidr, RULE_DESCRIPTION)] }));
    return { step: 'ingress', resource, outcome: 'created' };
  } catch (error) {
    if (isAwsError(error, 'permissionDuplicate')) return { step: 'ingress', resource, outcome: 'already existed' };
    throw error;
  }
}

/** The CIDRs allowed into `port` on this group: the rules `ensureIngress` makes. */
function cidrsOnPort(group: SecurityGroup, port: number): string[] {
  return (group.IpPermissions ?? [])
    .filter((p) => p.IpProtocol === 'tcp' && p.FromPort === port && p.ToPort === port)
    .flatMap((p) => (p.IpRanges ?? []).map((range) => range.CidrIp))
    .filter((cidr): cidr is string => Boolean(cidr));
}

/**
 * Revokes the port rules and deletes the group, if it exists and was created by sparkify. Every
 * rule on the port is revoked, not only the current caller's address: the address may have changed
 * since `create`.
 */
export async function removeSecurityGroup(ec2: EC2Client, groupName: string, port: number, record: (result: StepResult) => void): Promise<void> {
  const resource = `security group ${groupName}`;
  const vpcId = await findDefaultVpcId(ec2);
  const group = vpcId ? await findSecurityGroup(ec2, vpcId, groupName) : undefined;
  if (!group?.GroupId) {
    record({ step: 'ingress', resource: `ingress tcp/${port} on ${groupName}`, outcome: 'not found' });
    record({ step: 'security-group', resource, outcome: 'not found' });
    return;
  }
  const groupId = group.GroupId;
  if (!isManagedBySparkify(group.Tags)) {
    const detail = `${groupId} is not tagged ${MANAGED_BY_TAG.Key}=${MANAGED_BY_TAG.Value}, so not created by sparkify; left as it is`;
    record({ step: 'ingress', resource: `ingress tcp/${port} on ${groupId}`, outcome: 'kept', detail });
    record({ step: 'security-group', resource, outcome: 'kept', detail });
    return;
  }
  const cidrs = cidrsOnPort(group, port);
  if (cidrs.length === 0) record({ step: 'ingress', resource: `ingress tcp/${port} on ${groupId}`, outcome: 'not found' });
  for (const cidr of cidrs) {
    const ruleResource = `ingress tcp/${port} from ${cidr} on ${groupId}`;
    try {
      const revoked = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [portRule(port, cidr)] }));
      // AWS may answer success while listing the rule as unknown, instead of InvalidPermission.NotFound.
      const unknown = (revoked.UnknownIpPermissions?.length ?? 0) > 0;
      record({ step: 'ingress', resource: ruleResource, outcome: unknown ? 'not found' : 'deleted' });
    } catch (error) {
      if (!isAwsError(error, 'permissionNotFound')) throw error;
      record({ step: 'ingress', resource: ruleResource, outcome: 'not found' });
    }
  }
  try {
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    record({ step: 'security-group', resource, outcome: 'deleted', detail: groupId });
  } catch (error) {
    if (isAwsError(error, 'groupNotFound')) {
      record({ step: 'security-group', resource, outcome: 'not found' });
    } else if (isAwsError(error, 'dependencyViolation')) {
      // AWS releases the cluster's network interfaces a little after the cluster is gone.
      throw new ResourceInUseError(
        'security-group',
        `${groupId} is still in use (network interfaces of the deleted cluster can take a few minutes to go); re-run the delete shortly`,
        error,
      );
    } else {
      throw error;
    }
  }
}
