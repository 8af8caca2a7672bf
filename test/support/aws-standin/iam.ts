import { AwsFault, el, list, members, required, tagsFrom, xml, type Params, type Xml } from './protocol.ts';
import type { RoleState, StandInState } from './state.ts';
import type { ActionHandler } from './service.ts';

const KNOWN_MANAGED_POLICIES = new Set(['AmazonS3ReadOnlyAccess', 'AmazonRedshiftAllCommandsFullAccess']);

function getRole(state: StandInState, params: Params): RoleState {
  const name = required(params, 'RoleName');
  const role = state.roles.get(name);
  if (!role) throw new AwsFault('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
  return role;
}

function roleXml(role: RoleState): Xml {
  return xml(
    el('Path', '/'),
    el('RoleName', role.name),
    el('RoleId', role.id),
    el('Arn', role.arn),
    el('CreateDate', role.createdAt.toISOString()),
    el('AssumeRolePolicyDocument', encodeURIComponent(role.trustPolicy)),
    el('Description', role.description),
    el('MaxSessionDuration', 3600),
    role.tags.length > 0
      ? list(
          'Tags',
          'member',
          role.tags.map((t) => xml(el('Key', t.key), el('Value', t.value))),
        )
      : '',
  );
}

export const iamActions: Record<string, ActionHandler> = {
  CreateRole: ({ params, state }) => {
    const name = required(params, 'RoleName');
    const trustPolicy = required(params, 'AssumeRolePolicyDocument');
    try {
      JSON.parse(trustPolicy);
    } catch {
      throw new AwsFault('MalformedPolicyDocument', 'The policy document is not valid JSON.');
    }
    if (state.roles.has(name)) throw new AwsFault('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);
    const role: RoleState = {
      name,
      id: state.newId('AROA').toUpperCase(),
      arn: `arn:aws:iam::${state.accountId}:role/${name}`,
      createdAt: new Date(),
      trustPolicy,
      description: params.get('Description'),
      tags: tagsFrom(members(params, 'Tags.member.')),
      attachedPolicies: [],
    };
    state.roles.set(name, role);
    return xml(el('Role', roleXml(role)));
  },
  GetRole: ({ params, state }) => xml(el('Role', roleXml(getRole(state, params)))),
  DeleteRole: ({ params, state }) => {
    const role = getRole(state, params);
    if (role.attachedPolicies.length > 0) throw new AwsFault('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
    state.roles.delete(role.name);
    return undefined;
  },
  AttachRolePolicy: ({ params, state }) => {
    const role = getRole(state, params);
    const policyArn = required(params, 'PolicyArn');
    const match = /^arn:aws:iam::aws:policy\/(.+)$/.exec(policyArn);
    if (!match || !KNOWN_MANAGED_POLICIES.has(match[1]!)) throw new AwsFault('NoSuchEntity', `Policy ${policyArn} does not exist or is not attachable.`, 404);
    if (!role.attachedPolicies.includes(policyArn)) role.attachedPolicies.push(policyArn);
    return undefined;
  },
  DetachRolePolicy: ({ params, state }) => {
    const role = getRole(state, params);
    const policyArn = required(params, 'PolicyArn');
    if (!role.attachedPolicies.includes(policyArn)) throw new AwsFault('NoSuchEntity', `Policy ${policyArn} was not found.`, 404);
    role.attachedPolicies = role.attachedPolicies.filter((arn) => arn !== policyArn);
    return undefined;
  },
  ListAttachedRolePolicies: ({ params, state }) => {
    const role = getRole(state, params);
    const policies = role.attachedPolicies.map((arn) => xml(el('PolicyName', arn.split('/').pop()), el('PolicyArn', arn)));
    return xml(list('AttachedPolicies', 'member', policies), el('IsTruncated', false));
  },
};
