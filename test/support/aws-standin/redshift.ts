import { AwsFault, el, list, members, required, tagsFrom, values, xml, type Params, type Xml } from './protocol.ts';
import type { ClusterState, StandInState } from './state.ts';
import type { ActionHandler } from './service.ts';

function notFound(identifier: string): AwsFault {
  return new AwsFault('ClusterNotFound', `Cluster ${identifier} not found.`, 404);
}

/**
 * Each DescribeClusters call moves a cluster along: `creating` / `resuming` -> `available`,
 * `pausing` -> `paused`, `deleting` -> gone, after the configured number of calls, so the SDK waiters
 * poll a few times before they succeed.
 */
function advance(state: StandInState, cluster: ClusterState): void {
  if (cluster.status === 'available' || cluster.status === 'paused') return;
  cluster.describesLeft -= 1;
  if (cluster.describesLeft > 0) return;
  if (cluster.status === 'creating' || cluster.status === 'resuming') cluster.status = 'available';
  else if (cluster.status === 'pausing') cluster.status = 'paused';
  else state.clusters.delete(cluster.identifier);
}

function existing(state: StandInState, params: Params): ClusterState {
  const identifier = required(params, 'ClusterIdentifier');
  const cluster = state.clusters.get(identifier);
  if (!cluster) throw notFound(identifier);
  return cluster;
}

/** A cluster with a tag whose key is in TagKeys or value in TagValues (any combination, as DescribeClusters documents). */
function matchesTagFilter(cluster: ClusterState, keys: readonly string[], tagValues: readonly string[]): boolean {
  if (keys.length === 0 && tagValues.length === 0) return true;
  return cluster.tags.some((t) => (keys.length === 0 || keys.includes(t.key)) && (tagValues.length === 0 || tagValues.includes(t.value)));
}

function clusterXml(cluster: ClusterState): Xml {
  const available = cluster.status === 'available';
  return xml(
    el('ClusterIdentifier', cluster.identifier),
    el('NodeType', cluster.nodeType),
    el('ClusterStatus', cluster.status),
    el('ClusterAvailabilityStatus', available ? 'Available' : 'Modifying'),
    el('MasterUsername', cluster.masterUsername),
    el('DBName', cluster.dbName),
    cluster.status !== 'creating'
      ? el('Endpoint', xml(el('Address', `${cluster.identifier}.c0standin0.${cluster.region}.redshift.amazonaws.com`), el('Port', cluster.port)))
      : '',
    el('ClusterCreateTime', cluster.createdAt.toISOString()),
    el('AutomatedSnapshotRetentionPeriod', 1),
    list(
      'VpcSecurityGroups',
      'VpcSecurityGroup',
      cluster.vpcSecurityGroupIds.map((id) => xml(el('VpcSecurityGroupId', id), el('Status', 'active'))),
    ),
    el('VpcId', 'vpc-0standin0default'),
    el('AvailabilityZone', `${cluster.region}a`),
    el('NumberOfNodes', cluster.numberOfNodes),
    el('PubliclyAccessible', cluster.publiclyAccessible),
    el('Encrypted', false),
    list(
      'IamRoles',
      'ClusterIamRole',
      cluster.iamRoles.map((arn) => xml(el('IamRoleArn', arn), el('ApplyStatus', 'in-sync'))),
    ),
    list(
      'Tags',
      'Tag',
      cluster.tags.map((t) => xml(el('Key', t.key), el('Value', t.value))),
    ),
  );
}

function checkPassword(password: string): void {
  const ok =
    password.length >= 8 && password.length <= 64 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /\d/.test(password) && !/['"\\/@\s]/.test(password);
  if (!ok) throw new AwsFault('InvalidParameterValue', 'The parameter MasterUserPassword is not a valid password.');
}

function createCluster(params: Params, state: StandInState, region: string): ClusterState {
  const identifier = required(params, 'ClusterIdentifier');
  const nodeType = required(params, 'NodeType');
  const clusterType = params.get('ClusterType') ?? (params.has('NumberOfNodes') ? 'multi-node' : 'single-node');
  const numberOfNodes = clusterType === 'single-node' ? 1 : Number(required(params, 'NumberOfNodes'));
  if (clusterType === 'multi-node' && !(numberOfNodes >= 2))
    throw new AwsFault('InvalidParameterCombination', 'Number of nodes for a multi-node cluster must be at least 2.');
  const offered = state.orderable.filter((o) => o.nodeType === nodeType);
  if (offered.length === 0) throw new AwsFault('InvalidParameterValue', `The node type ${nodeType} is not supported.`);
  if (!offered.some((o) => o.clusterType === clusterType))
    throw new AwsFault('InvalidParameterCombination', `Node type ${nodeType} does not support ${clusterType} clusters.`);
  checkPassword(required(params, 'MasterUserPassword'));
  const iamRoles = values(params, 'IamRoles.IamRoleArn.');
  for (const arn of iamRoles) {
    const name = arn.split('/').pop() ?? '';
    if (state.roles.get(name)?.arn !== arn) throw new AwsFault('InvalidParameterValue', `IAM role ${arn} is not valid.`);
  }
  const vpcSecurityGroupIds = values(params, 'VpcSecurityGroupIds.VpcSecurityGroupId.');
  for (const id of vpcSecurityGroupIds) {
    if (!state.securityGroups.has(id)) throw new AwsFault('InvalidVPCNetworkStateFault', `Security group ${id} does not exist.`);
  }
  if (state.clusters.has(identifier)) throw new AwsFault('ClusterAlreadyExists', 'Cluster already exists');
  const cluster: ClusterState = {
    identifier,
    status: 'creating',
    describesLeft: state.describesUntilAvailable,
    nodeType,
    numberOfNodes,
    dbName: params.get('DBName') ?? 'dev',
    masterUsername: required(params, 'MasterUsername'),
    port: Number(params.get('Port') ?? 5439),
    iamRoles,
    vpcSecurityGroupIds,
    publiclyAccessible: params.get('PubliclyAccessible') === 'true',
    region,
    createdAt: new Date(),
    tags: tagsFrom(members(params, 'Tags.Tag.')),
  };
  state.clusters.set(identifier, cluster);
  return cluster;
}

export const redshiftActions: Record<string, ActionHandler> = {
  CreateCluster: ({ params, state, region }) => xml(el('Cluster', clusterXml(createCluster(params, state, region)))),
  DescribeClusters: ({ params, state }) => {
    const identifier = params.get('ClusterIdentifier');
    const tagKeys = values(params, 'TagKeys.TagKey.');
    const tagValues = values(params, 'TagValues.TagValue.');
    const selected = (
      identifier === undefined ? [...state.clusters.values()] : [state.clusters.get(identifier)].filter((c): c is ClusterState => c !== undefined)
    ).filter((c) => matchesTagFilter(c, tagKeys, tagValues));
    if (identifier !== undefined && selected.length === 0) throw notFound(identifier);
    for (const cluster of selected) advance(state, cluster);
    const remaining = selected.filter((c) => state.clusters.has(c.identifier));
    if (identifier !== undefined && remaining.length === 0) throw notFound(identifier);
    return xml(list('Clusters', 'Cluster', remaining.map(clusterXml)));
  },
  DeleteCluster: ({ params, state }) => {
    const identifier = required(params, 'ClusterIdentifier');
    const cluster = state.clusters.get(identifier);
    if (!cluster) throw notFound(identifier);
    if (params.get('SkipFinalClusterSnapshot') !== 'true' && !params.get('FinalClusterSnapshotIdentifier')) {
      throw new AwsFault('InvalidParameterCombination', 'FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified.');
    }
    // The API reference: InvalidClusterState, "the specified cluster is not in the available state" (paused included).
    if (cluster.status !== 'available')
      throw new AwsFault('InvalidClusterState', `There is an operation running on the Cluster ${identifier}. Please try to delete it at a later time.`);
    cluster.status = 'deleting';
    cluster.describesLeft = state.describesUntilDeleted;
    return xml(el('Cluster', clusterXml(cluster)));
  },
  PauseCluster: ({ params, state }) => {
    const cluster = existing(state, params);
    if (cluster.status !== 'available')
      throw new AwsFault('InvalidClusterState', `You can only pause a cluster that is available; ${cluster.identifier} is ${cluster.status}.`);
    cluster.status = 'pausing';
    cluster.describesLeft = state.describesUntilPaused;
    return xml(el('Cluster', clusterXml(cluster)));
  },
  ResumeCluster: ({ params, state }) => {
    const cluster = existing(state, params);
    if (cluster.status !== 'paused')
      throw new AwsFault('InvalidClusterState', `You can only resume a paused cluster; ${cluster.identifier} is ${cluster.status}.`);
    cluster.status = 'resuming';
    cluster.describesLeft = state.describesUntilResumed;
    return xml(el('Cluster', clusterXml(cluster)));
  },
  DescribeOrderableClusterOptions: ({ params, state, region }) => {
    const nodeType = params.get('NodeType');
    const options = state.orderable.filter((o) => nodeType === undefined || o.nodeType === nodeType);
    return xml(
      list(
        'OrderableClusterOptions',
        'OrderableClusterOption',
        options.map((o) =>
          xml(
            el('ClusterVersion', '1.0'),
            el('ClusterType', o.clusterType),
            el('NodeType', o.nodeType),
            list('AvailabilityZones', 'AvailabilityZone', [xml(el('Name', `${region}a`), el('SupportedPlatforms', xml()))]),
          ),
        ),
      ),
    );
  },
};
