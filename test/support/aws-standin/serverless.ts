import { AwsFault } from './protocol.ts';
import { stringField, type JsonContext, type JsonHandler } from './json-service.ts';
import type { NamespaceState, StandInState, Tag, WorkgroupState } from './state.ts';

function notFound(what: string, name: string): AwsFault {
  return new AwsFault('ResourceNotFoundException', `${what} ${name} not found.`);
}

function requiredField(body: Record<string, unknown>, name: string): string {
  const value = stringField(body, name);
  if (value === undefined)
    throw new AwsFault('ValidationException', `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function tagsOf(body: Record<string, unknown>): Tag[] {
  return ((body.tags as { key: string; value: string }[] | undefined) ?? []).map((t) => ({ key: t.key, value: t.value }));
}

/** Base capacity as the Management Guide lists it: 4, multiples of 8 to 512, multiples of 32 to 1024. */
function validBaseCapacity(rpus: number): boolean {
  return rpus === 4 || (rpus >= 8 && rpus <= 512 && rpus % 8 === 0) || (rpus > 512 && rpus <= 1024 && rpus % 32 === 0);
}

/** GetNamespace / GetWorkgroup move a resource along: CREATING -> AVAILABLE, DELETING -> gone. */
function advanceWorkgroup(state: StandInState, workgroup: WorkgroupState): void {
  if (workgroup.status !== 'CREATING' && workgroup.status !== 'DELETING') return;
  workgroup.getsLeft -= 1;
  if (workgroup.getsLeft > 0) return;
  if (workgroup.status === 'CREATING') workgroup.status = 'AVAILABLE';
  else state.workgroups.delete(workgroup.name);
}

function advanceNamespace(state: StandInState, namespace: NamespaceState): void {
  if (namespace.status !== 'DELETING') return;
  namespace.getsLeft -= 1;
  if (namespace.getsLeft <= 0) state.namespaces.delete(namespace.name);
}

function namespaceJson(n: NamespaceState): Record<string, unknown> {
  return {
    namespaceArn: n.arn,
    namespaceId: n.id,
    namespaceName: n.name,
    adminUsername: n.adminUsername,
    dbName: n.dbName,
    defaultIamRoleArn: n.defaultIamRoleArn,
    // The service lists associated roles in this form, not as bare ARNs.
    iamRoles: n.iamRoles.map((arn) => `IamRole(applyStatus=in-sync, iamRoleArn=${arn})`),
    status: n.status,
    creationDate: n.createdAt.toISOString(),
  };
}

function workgroupJson(state: StandInState, w: WorkgroupState): Record<string, unknown> {
  const address = `${w.name}.${state.accountId}.${w.region}.redshift-serverless.amazonaws.com`;
  return {
    workgroupArn: w.arn,
    workgroupId: w.id,
    workgroupName: w.name,
    namespaceName: w.namespaceName,
    baseCapacity: w.baseCapacity,
    status: w.status,
    port: w.port,
    publiclyAccessible: w.publiclyAccessible,
    securityGroupIds: w.securityGroupIds,
    subnetIds: ['subnet-0standin0a', 'subnet-0standin0b', 'subnet-0standin0c'],
    creationDate: w.createdAt.toISOString(),
    ...(w.status === 'CREATING' ? {} : { endpoint: { address, port: w.port } }),
  };
}

function findByArn(state: StandInState, arn: string): { tags: Tag[] } {
  const found = [...state.namespaces.values(), ...state.workgroups.values()].find((r) => r.arn === arn);
  if (!found) throw new AwsFault('ResourceNotFoundException', `Resource ${arn} not found.`);
  return found;
}

export const serverlessActions: Record<string, JsonHandler> = {
  CreateNamespace: ({ body, state, region }: JsonContext) => {
    const name = requiredField(body, 'namespaceName');
    if (state.namespaces.has(name)) throw new AwsFault('ConflictException', `Namespace ${name} already exists.`);
    const iamRoles = (body.iamRoles as string[] | undefined) ?? [];
    for (const arn of iamRoles) {
      if (![...state.roles.values()].some((r) => r.arn === arn)) throw new AwsFault('ValidationException', `IAM role ${arn} is not valid.`);
    }
    const id = state.newId('');
    const namespace: NamespaceState = {
      name,
      id,
      arn: `arn:aws:redshift-serverless:${region}:${state.accountId}:namespace/${id}`,
      status: 'AVAILABLE',
      getsLeft: 0,
      dbName: stringField(body, 'dbName') ?? 'dev',
      adminUsername: stringField(body, 'adminUsername') ?? 'admin',
      iamRoles,
      defaultIamRoleArn: stringField(body, 'defaultIamRoleArn'),
      createdAt: new Date(),
      tags: tagsOf(body),
    };
    state.namespaces.set(name, namespace);
    return { namespace: namespaceJson(namespace) };
  },
  GetNamespace: ({ body, state }) => {
    const name = requiredField(body, 'namespaceName');
    const namespace = state.namespaces.get(name);
    if (!namespace) throw notFound('Namespace', name);
    advanceNamespace(state, namespace);
    if (!state.namespaces.has(name)) throw notFound('Namespace', name);
    return { namespace: namespaceJson(namespace) };
  },
  DeleteNamespace: ({ body, state }) => {
    const name = requiredField(body, 'namespaceName');
    const namespace = state.namespaces.get(name);
    if (!namespace) throw notFound('Namespace', name);
    if ([...state.workgroups.values()].some((w) => w.namespaceName === name))
      throw new AwsFault('ConflictException', `There are workgroups associated with namespace ${name}.`);
    if (namespace.status === 'DELETING') throw new AwsFault('ConflictException', `Namespace ${name} is already being deleted.`);
    namespace.status = 'DELETING';
    namespace.getsLeft = state.getsUntilDeleted;
    return { namespace: namespaceJson(namespace) };
  },
  CreateWorkgroup: ({ body, state, region }) => {
    const name = requiredField(body, 'workgroupName');
    const namespaceName = requiredField(body, 'namespaceName');
    if (state.workgroups.has(name)) throw new AwsFault('ConflictException', `Workgroup ${name} already exists.`);
    if (!state.namespaces.has(namespaceName)) throw notFound('Namespace', namespaceName);
    const baseCapacity = Number(body.baseCapacity ?? 128);
    if (!validBaseCapacity(baseCapacity)) throw new AwsFault('ValidationException', `Base capacity ${baseCapacity} is not valid.`);
    const port = Number(body.port ?? 5439);
    if (!((port >= 5431 && port <= 5455) || (port >= 8191 && port <= 8215))) throw new AwsFault('ValidationException', `Port ${port} is not valid.`);
    const securityGroupIds = (body.securityGroupIds as string[] | undefined) ?? [];
    for (const id of securityGroupIds) if (!state.securityGroups.has(id)) throw new AwsFault('ValidationException', `Security group ${id} does not exist.`);
    const id = state.newId('');
    const workgroup: WorkgroupState = {
      name,
      id,
      arn: `arn:aws:redshift-serverless:${region}:${state.accountId}:workgroup/${id}`,
      namespaceName,
      status: 'CREATING',
      getsLeft: state.getsUntilAvailable,
      baseCapacity,
      port,
      securityGroupIds,
      publiclyAccessible: body.publiclyAccessible === true,
      region,
      createdAt: new Date(),
      tags: tagsOf(body),
    };
    state.workgroups.set(name, workgroup);
    return { workgroup: workgroupJson(state, workgroup) };
  },
  GetWorkgroup: ({ body, state }) => {
    const name = requiredField(body, 'workgroupName');
    const workgroup = state.workgroups.get(name);
    if (!workgroup) throw notFound('Workgroup', name);
    advanceWorkgroup(state, workgroup);
    if (!state.workgroups.has(name)) throw notFound('Workgroup', name);
    return { workgroup: workgroupJson(state, workgroup) };
  },
  DeleteWorkgroup: ({ body, state }) => {
    const name = requiredField(body, 'workgroupName');
    const workgroup = state.workgroups.get(name);
    if (!workgroup) throw notFound('Workgroup', name);
    if (workgroup.status !== 'AVAILABLE') throw new AwsFault('ConflictException', `Workgroup ${name} is ${workgroup.status}; try again later.`);
    workgroup.status = 'DELETING';
    workgroup.getsLeft = state.getsUntilDeleted;
    return { workgroup: workgroupJson(state, workgroup) };
  },
  ListWorkgroups: ({ state }) => ({ workgroups: [...state.workgroups.values()].map((w) => workgroupJson(state, w)) }),
  ListTagsForResource: ({ body, state }) => ({ tags: findByArn(state, requiredField(body, 'resourceArn')).tags.map((t) => ({ key: t.key, value: t.value })) }),
};
