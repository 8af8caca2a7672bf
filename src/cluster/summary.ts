import type { Cluster } from '@aws-sdk/client-redshift';

/** The facts about a cluster this product shows and writes back, in plain JSON-friendly form. */
export interface ClusterSummary {
  readonly identifier: string;
  readonly state: string;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly nodeType: string | undefined;
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
