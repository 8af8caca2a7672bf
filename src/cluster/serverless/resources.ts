import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  DeleteNamespaceCommand,
  DeleteWorkgroupCommand,
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListTagsForResourceCommand,
  type Namespace,
  type RedshiftServerlessClient,
  type Workgroup,
} from '@aws-sdk/client-redshift-serverless';
import type { DwhConfig } from '../../config/index.ts';
import type { Logger } from '../../logger.ts';
import { isAwsError } from '../aws-errors.ts';
import { ClusterStateError } from '../errors.ts';
import type { StepResult } from '../step-result.ts';
import { isManagedBySparkify, MANAGED_BY_TAG } from '../tags.ts';
import type { WaiterTiming } from '../waiting.ts';
import { waitForServerless } from './waiting.ts';

const SERVERLESS_TAGS = [{ key: MANAGED_BY_TAG.Key, value: MANAGED_BY_TAG.Value }];

export async function findWorkgroup(client: RedshiftServerlessClient, name: string): Promise<Workgroup | undefined> {
  try {
    return (await client.send(new GetWorkgroupCommand({ workgroupName: name }))).workgroup;
  } catch (error) {
    if (isAwsError(error, 'resourceNotFound')) return undefined;
    throw error;
  }
}

export async function findNamespace(client: RedshiftServerlessClient, name: string): Promise<Namespace | undefined> {
  try {
    return (await client.send(new GetNamespaceCommand({ namespaceName: name }))).namespace;
  } catch (error) {
    if (isAwsError(error, 'resourceNotFound')) return undefined;
    throw error;
  }
}

async function isTagged(client: RedshiftServerlessClient, arn: string | undefined): Promise<boolean> {
  if (!arn) return false;
  const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  return isManagedBySparkify((tags ?? []).map((t) => ({ Key: t.key, Value: t.value })));
}

/** The namespace (database, admin user, the role COPY uses), named IDENTIFIER; waits until AVAILABLE. */
export async function ensureNamespace(
  client: RedshiftServerlessClient,
  config: DwhConfig,
  roleArn: string,
  timing: WaiterTiming,
  logger: Logger,
): Promise<StepResult> {
  const name = config.cluster.identifier;
  const resource = `Redshift Serverless namespace ${name}`;
  const existing = await findNamespace(client, name);
  let outcome: StepResult['outcome'] = 'already existed';
  let detail = existing ? `${existing.status ?? 'unknown state'}` : '';
  if (existing?.status === 'DELETING') throw new ClusterStateError('namespace', name, 'deleting', 'wait for its delete to finish, then run create again');
  if (existing && !(existing.iamRoles ?? []).some((role) => role.includes(roleArn))) detail += `; the role ${roleArn} is not associated with it`;
  if (!existing) {
    try {
      await client.send(
        new CreateNamespaceCommand({
          namespaceName: name,
          dbName: config.cluster.dbName,
          adminUsername: config.cluster.dbUser,
          adminUserPassword: config.cluster.dbPassword.reveal(),
          iamRoles: [roleArn],
          defaultIamRoleArn: roleArn,
          tags: SERVERLESS_TAGS,
        }),
      );
      outcome = 'created';
      detail = `database ${config.cluster.dbName}, role ${roleArn} associated`;
    } catch (error) {
      if (!isAwsError(error, 'conflict')) throw error;
      detail = 'created concurrently by another run';
    }
  }
  if (existing?.status !== 'AVAILABLE') await waitForServerless(client, 'namespace', name, 'AVAILABLE', timing, logger);
  return { step: 'namespace', resource, outcome, detail };
}

/** The workgroup (compute, endpoint, security group), named IDENTIFIER; waits until AVAILABLE. */
export async function ensureWorkgroup(
  client: RedshiftServerlessClient,
  config: DwhConfig,
  securityGroupId: string,
  timing: WaiterTiming,
  logger: Logger,
): Promise<{ workgroup: Workgroup; result: StepResult }> {
  const name = config.cluster.identifier;
  const resource = `Redshift Serverless workgroup ${name}`;
  const existing = await findWorkgroup(client, name);
  let outcome: StepResult['outcome'] = 'already existed';
  let detail = existing ? `${existing.baseCapacity ?? '?'} RPUs base, ${existing.status ?? 'unknown state'}` : '';
  if (existing?.status === 'DELETING') throw new ClusterStateError('workgroup', name, 'deleting', 'wait for its delete to finish, then run create again');
  if (existing && existing.baseCapacity !== config.cluster.baseCapacity)
    detail += `; dwh.cfg asks for ${config.cluster.baseCapacity} RPUs, the workgroup was left as it is`;
  if (!existing) {
    try {
      await client.send(
        new CreateWorkgroupCommand({
          workgroupName: name,
          namespaceName: name,
          baseCapacity: config.cluster.baseCapacity,
          securityGroupIds: [securityGroupId],
          port: config.cluster.dbPort,
          publiclyAccessible: config.cluster.access === 'direct',
          tags: SERVERLESS_TAGS,
        }),
      );
      outcome = 'created';
      detail = `${config.cluster.baseCapacity} RPUs base capacity, security group ${securityGroupId}`;
    } catch (error) {
      if (!isAwsError(error, 'conflict')) throw error;
      detail = 'created concurrently by another run';
    }
  }
  if (existing?.status !== 'AVAILABLE') await waitForServerless(client, 'workgroup', name, 'AVAILABLE', timing, logger);
  const workgroup = await findWorkgroup(client, name);
  if (!workgroup) throw new ClusterStateError('workgroup', name, 'gone', 'it disappeared right after becoming available; check the AWS console');
  return { workgroup, result: { step: 'workgroup', resource, outcome, detail } };
}

/** Deletes the workgroup (it must go before its namespace), if sparkify tagged it; waits until gone. */
export async function removeWorkgroup(client: RedshiftServerlessClient, name: string, timing: WaiterTiming, logger: Logger): Promise<StepResult> {
  const resource = `Redshift Serverless workgroup ${name}`;
  const existing = await findWorkgroup(client, name);
  if (!existing) return { step: 'workgroup', resource, outcome: 'not found' };
  if (!(await isTagged(client, existing.workgroupArn)))
    return { step: 'workgroup', resource, outcome: 'kept', detail: `not tagged ${MANAGED_BY_TAG.Key}=${MANAGED_BY_TAG.Value}; left as it is` };
  if (existing.status !== 'DELETING') {
    try {
      await client.send(new DeleteWorkgroupCommand({ workgroupName: name }));
    } catch (error) {
      if (isAwsError(error, 'resourceNotFound')) return { step: 'workgroup', resource, outcome: 'not found' };
      if (isAwsError(error, 'conflict'))
        throw new ClusterStateError('workgroup', name, existing.status ?? 'busy', 'AWS cannot delete it while it changes; re-run the delete in a few minutes', {
          cause: error,
        });
      throw error;
    }
  }
  await waitForServerless(client, 'workgroup', name, 'gone', timing, logger);
  return { step: 'workgroup', resource, outcome: 'deleted', detail: existing.status === 'DELETING' ? 'its delete had already started' : undefined };
}

/** Deletes the namespace and its data (no final snapshot), if sparkify tagged it; waits until gone. */
export async function removeNamespace(client: RedshiftServerlessClient, name: string, timing: WaiterTiming, logger: Logger): Promise<StepResult> {
  const resource = `Redshift Serverless namespace ${name}`;
  const existing = await findNamespace(client, name);
  if (!existing) return { step: 'namespace', resource, outcome: 'not found' };
  if (!(await isTagged(client, existing.namespaceArn)))
    return { step: 'namespace', resource, outcome: 'kept', detail: `not tagged ${MANAGED_BY_TAG.Key}=${MANAGED_BY_TAG.Value}; left as it is` };
  if (existing.status !== 'DELETING') {
    try {
      await client.send(new DeleteNamespaceCommand({ namespaceName: name }));
    } catch (error) {
      if (isAwsError(error, 'resourceNotFound')) return { step: 'namespace', resource, outcome: 'not found' };
      if (isAwsError(error, 'conflict'))
        throw new ClusterStateError(
          'namespace',
          name,
          existing.status ?? 'busy',
          'AWS cannot delete it yet (a workgroup still uses it, or it is changing); re-run the delete in a few minutes',
          { cause: error },
        );
      throw error;
    }
  }
  await waitForServerless(client, 'namespace', name, 'gone', timing, logger);
  return { step: 'namespace', resource, outcome: 'deleted', detail: 'no final snapshot' };
}
