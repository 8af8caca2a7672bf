/**
 * The provisioned node types AWS sells today and their node-count rules, from the Amazon Redshift
 * Management Guide ("Amazon Redshift provisioned clusters", RA3 node types) and the CreateCluster API
 * reference. This table is the offline answer; DescribeOrderableClusterOptions, asked before anything
 * is created, is the account's and region's own answer and wins where it answers (orderable-options.ts).
 * Sources and dates: docs/redshift.md.
 */
export interface NodeTypeRules {
  /** A one-node cluster (ClusterType single-node) may be created with this type. */
  readonly singleNode: boolean;
  /** Smallest and largest NumberOfNodes of a multi-node cluster at CreateCluster. */
  readonly multiNode: readonly [min: number, max: number];
}

export const CURRENT_NODE_TYPES: Readonly<Record<string, NodeTypeRules>> = Object.freeze({
  // ra3.large, like ra3.xlplus, is sold as one node (leader and compute share it) or as 2 to 16.
  'ra3.large': { singleNode: true, multiNode: [2, 16] },
  'ra3.xlplus': { singleNode: true, multiNode: [2, 16] },
  'ra3.4xlarge': { singleNode: false, multiNode: [2, 32] },
  'ra3.16xlarge': { singleNode: false, multiNode: [2, 128] },
});

/** Families AWS no longer lets anyone create (DC1, DC2, DS1, DS2); existing clusters may still run. */
const RETIRED_FAMILIES = ['dc1', 'dc2', 'ds1', 'ds2'];

/** The smallest current type, the provisioned default ([CLUSTER] NODE_TYPE unset). */
export const DEFAULT_NODE_TYPE = 'ra3.large';

/** RA3 clusters listen on 5431-5455 or 8191-8215 (CreateCluster `Port`). */
export const RA3_PORT_RANGES: readonly (readonly [number, number])[] = [
  [5431, 5455],
  [8191, 8215],
];

export function isRetiredNodeType(nodeType: string): boolean {
  return RETIRED_FAMILIES.includes(nodeType.split('.')[0]!.toLowerCase());
}

export type NodeTypeVerdict =
  { readonly kind: 'known'; readonly rules: NodeTypeRules } | { readonly kind: 'unknown' } | { readonly kind: 'refused'; readonly problem: string };

/**
 * What the recorded rules say of NODE_TYPE (retired or not, known or not) and of the port RA3 requires.
 * The node count is judged separately (countProblem), because the region's own answer may widen it.
 */
export function judgeNodeType(nodeType: string, port: number): NodeTypeVerdict {
  const current = Object.keys(CURRENT_NODE_TYPES).join(', ');
  if (isRetiredNodeType(nodeType)) {
    return {
      kind: 'refused',
      problem: `[CLUSTER] NODE_TYPE '${nodeType}': AWS no longer creates ${nodeType.split('.')[0]} clusters; use a current type (${current}; default ${DEFAULT_NODE_TYPE})`,
    };
  }
  const problem = portProblem(nodeType, port);
  if (problem) return { kind: 'refused', problem };
  const rules = CURRENT_NODE_TYPES[nodeType];
  return rules ? { kind: 'known', rules } : { kind: 'unknown' };
}

export function countProblem(nodeType: string, numNodes: number, rules: NodeTypeRules): string | undefined {
  const [min, max] = rules.multiNode;
  if (numNodes === 1 && !rules.singleNode) return `[CLUSTER] NUM_NODES 1: ${nodeType} has no single-node clusters; it takes ${min} to ${max} nodes`;
  if (numNodes > 1 && (numNodes < min || numNodes > max))
    return `[CLUSTER] NUM_NODES ${numNodes}: a multi-node ${nodeType} cluster takes ${min} to ${max} nodes`;
  return undefined;
}

function portProblem(nodeType: string, port: number): string | undefined {
  if (!nodeType.startsWith('ra3.')) return undefined;
  if (RA3_PORT_RANGES.some(([low, high]) => port >= low && port <= high)) return undefined;
  return `[CLUSTER] DB_PORT ${port}: RA3 clusters listen on a port from ${RA3_PORT_RANGES.map(([l, h]) => `${l}-${h}`).join(' or ')} (default 5439)`;
}
