import { AwsFault, el, list, members, required, tagsFrom, values, xml, type Params, type Xml } from './protocol.ts';
import type { IngressRule, SecurityGroupState, StandInState } from './state.ts';
import type { ActionHandler } from './service.ts';

/** `Filter.N.Name` / `Filter.N.Value.M` as name -> accepted values. */
function filters(params: Params): Map<string, string[]> {
  return new Map(members(params, 'Filter.').map((f) => [f.get('Name') ?? '', values(f, 'Value.')]));
}

function matches(filter: Map<string, string[]>, name: string, actual: string): boolean {
  const accepted = filter.get(name);
  return accepted === undefined || accepted.includes(actual);
}

function groupById(state: StandInState, id: string): SecurityGroupState {
  const group = state.securityGroups.get(id);
  if (!group) throw new AwsFault('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  return group;
}

/** `IpPermissions.N.*` as one rule per (permission, range) pair. */
function rules(params: Params): IngressRule[] {
  return members(params, 'IpPermissions.').flatMap((p) => {
    const protocol = p.get('IpProtocol') ?? '';
    const fromPort = Number(p.get('FromPort'));
    const toPort = Number(p.get('ToPort'));
    return members(p, 'IpRanges.').map((r) => ({ protocol, fromPort, toPort, cidr: r.get('CidrIp') ?? '', description: r.get('Description') }));
  });
}

function sameRule(a: IngressRule, b: IngressRule): boolean {
  return a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.cidr === b.cidr;
}

function tagSet(tags: readonly { key: string; value: string }[]): string {
  return list(
    'tagSet',
    'item',
    tags.map((t) => xml(el('key', t.key), el('value', t.value))),
  );
}

function permissionsXml(outer: string, rulesOfGroup: readonly IngressRule[]): string {
  return list(
    outer,
    'item',
    rulesOfGroup.map((r) =>
      xml(
        el('ipProtocol', r.protocol),
        el('fromPort', r.fromPort),
        el('toPort', r.toPort),
        el('groups', xml()),
        list('ipRanges', 'item', [xml(el('cidrIp', r.cidr), el('description', r.description))]),
        el('ipv6Ranges', xml()),
        el('prefixListIds', xml()),
      ),
    ),
  );
}

function groupXml(state: StandInState, group: SecurityGroupState): Xml {
  return xml(
    el('ownerId', state.accountId),
    el('groupId', group.id),
    el('groupName', group.name),
    el('groupDescription', group.description),
    el('vpcId', group.vpcId),
    permissionsXml('ipPermissions', group.ingress),
    el('ipPermissionsEgress', xml()),
    group.tags.length > 0 ? tagSet(group.tags) : '',
  );
}

export const ec2Actions: Record<string, ActionHandler> = {
  DescribeVpcs: ({ params, state }) => {
    const filter = filters(params);
    const found = state.vpcs.filter((v) => matches(filter, 'is-default', String(v.isDefault)) && matches(filter, 'vpc-id', v.id));
    return xml(
      list(
        'vpcSet',
        'item',
        found.map((v) =>
          xml(el('vpcId', v.id), el('ownerId', state.accountId), el('state', 'available'), el('cidrBlock', v.cidr), el('isDefault', v.isDefault)),
        ),
      ),
    );
  },
  DescribeSecurityGroups: ({ params, state }) => {
    const filter = filters(params);
    const ids = values(params, 'GroupId.');
    for (const id of ids) groupById(state, id);
    const found = [...state.securityGroups.values()].filter(
      (g) =>
        (ids.length === 0 || ids.includes(g.id)) &&
        matches(filter, 'group-name', g.name) &&
        matches(filter, 'vpc-id', g.vpcId) &&
        matches(filter, 'group-id', g.id),
    );
    return xml(
      list(
        'securityGroupInfo',
        'item',
        found.map((g) => groupXml(state, g)),
      ),
    );
  },
  CreateSecurityGroup: ({ params, state }) => {
    const name = required(params, 'GroupName');
    const description = required(params, 'GroupDescription');
    const vpcId = required(params, 'VpcId');
    if (!state.vpcs.some((v) => v.id === vpcId)) throw new AwsFault('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
    if ([...state.securityGroups.values()].some((g) => g.vpcId === vpcId && g.name === name)) {
      throw new AwsFault('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
    }
    const tags = members(params, 'TagSpecification.').flatMap((spec) => (spec.get('ResourceType') === 'security-group' ? tagsFrom(members(spec, 'Tag.')) : []));
    const group: SecurityGroupState = { id: state.newId('sg-'), name, description, vpcId, tags, ingress: [] };
    state.securityGroups.set(group.id, group);
    return xml(el('return', true), el('groupId', group.id), tags.length > 0 ? tagSet(tags) : '');
  },
  AuthorizeSecurityGroupIngress: ({ params, state }) => {
    const group = groupById(state, required(params, 'GroupId'));
    const requested = rules(params);
    if (requested.length === 0) throw new AwsFault('MissingParameter', 'No IpPermissions given');
    for (const rule of requested) {
      if (group.ingress.some((r) => sameRule(r, rule))) {
        throw new AwsFault(
          'InvalidPermission.Duplicate',
          `the specified rule "peer: ${rule.cidr}, TCP, from port: ${rule.fromPort}, to port: ${rule.toPort}, ALLOW" already exists`,
        );
      }
    }
    group.ingress.push(...requested);
    return xml(el('return', true));
  },
  RevokeSecurityGroupIngress: ({ params, state }) => {
    const group = groupById(state, required(params, 'GroupId'));
    for (const rule of rules(params)) {
      if (!group.ingress.some((r) => sameRule(r, rule))) {
        throw new AwsFault('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
      }
      group.ingress = group.ingress.filter((r) => !sameRule(r, rule));
    }
    return xml(el('return', true));
  },
  DeleteSecurityGroup: ({ params, state }) => {
    const group = groupById(state, required(params, 'GroupId'));
    const user = [...state.clusters.values()].find((c) => c.vpcSecurityGroupIds.includes(group.id));
    if (user) throw new AwsFault('DependencyViolation', `resource ${group.id} has a dependent object (cluster ${user.identifier})`);
    const workgroup = [...state.workgroups.values()].find((w) => w.securityGroupIds.includes(group.id));
    if (workgroup) throw new AwsFault('DependencyViolation', `resource ${group.id} has a dependent object (workgroup ${workgroup.name})`);
    state.securityGroups.delete(group.id);
    return xml(el('return', true), el('groupId', group.id));
  },
};
