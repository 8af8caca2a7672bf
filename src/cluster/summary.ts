import type { Cluster } from '@aws-sdk/client-redshift';
import type { Namespace, Workgroup } from '@aws-sdk/client-redshift-serverless';

/** The facts about a cluster this product shows and writes back, in plain JSON-friendly form. */
export interface ClusterSummary {
  readonly identifier: string;
  readonly state: string;
  readonly host: string | undefined;
  readonly port: number | undefined;
  /** A node type, or `serverless` for a workgroup. */
  readonly nodeType: string | undefined;
  /** Nodes, or the workgroup's base capacity in RPUs. */
  readonly numNodes: number | undefined;
  readonly dbName: string | undefined;
  readonly dbUser: string | undefined;
  /** ISO 8601, UTC. */
  readonly createdAt: string | undefined;
  readonly publiclyAccessible: boolean | undefined;
  readonly iamRoleArns: readonly string[];
  readonly vpcSecurityGroupIds: readonly string[];
}

export function summarizeCluster(cluster: Cluster): ClusterSummary {
  return {
    identifier: cluster.ClusterIdentifier ?? 'unknown',
    state: cluster.ClusterStatus ?? 'unknown',
    host: cluster.Endpoint?.Address,
    port: cluster.Endpoint?.Port,
    nodeType: cluster.NodeType,
    numNodes: cluster.NumberOfNodes,
    dbName: cluster.DBName,
    dbUser: cluster.MasterUsername,
    createdAt: cluster.ClusterCreateTime?.toISOString(),
    publiclyAccessible: cluster.PubliclyAccessible,
    iamRoleArns: (cluster.IamRoles ?? []).map((role) => role.IamRoleArn).filter((arn): arn is string => Boolean(arn)),
    vpcSecurityGroupIds: (cluster.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId).filter((id): id is string => Boolean(id)),
  };
}

/** A serverless workgroup (and its namespace) in the same shape, states in the clusters' lower case. */
export function summarizeWorkgroup(workgroup: Workgroup, namespace: Namespace | undefined): ClusterSummary {
  return {
    identifier: workgroup.workgroupName ?? 'unknown',
    state: (workgroup.status ?? 'unknown').toLowerCase(),
    host: workgroup.endpoint?.address,
    port: workgroup.endpoint?.port ?? workgroup.port,
    nodeType: 'serverless',
    numNodes: workgroup.baseCapacity,
    dbName: namespace?.dbName,
    dbUser: namespace?.adminUsername,
    createdAt: workgroup.creationDate?.toISOString(),
    publiclyAccessible: workgroup.publiclyAccessible,
    iamRoleArns: (namespace?.iamRoles ?? []).map((role) => /arn:[^\s,)]+/.exec(role)?.[0] ?? role),
    vpcSecurityGroupIds: workgroup.securityGroupIds ?? [],
  };
}
