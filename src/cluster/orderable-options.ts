import { DescribeOrderableClusterOptionsCommand, type OrderableClusterOption, type RedshiftClient } from '@aws-sdk/client-redshift';
import type { DwhConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { awsErrorName, isAwsError } from './aws-errors.ts';
import { ProvisioningInputError } from './errors.ts';
import { countProblem, CURRENT_NODE_TYPES, judgeNodeType, type NodeTypeRules } from './node-types.ts';

/** What the region offers for one node type: the cluster types it lists (single-node, multi-node). */
async function orderableClusterTypes(redshift: RedshiftClient, nodeType: string): Promise<Set<string>> {
  const options: OrderableClusterOption[] = [];
  let marker: string | undefined;
  do {
    const page = await redshift.send(new DescribeOrderableClusterOptionsCommand({ NodeType: nodeType, Marker: marker }));
    options.push(...(page.OrderableClusterOptions ?? []));
    marker = page.Marker;
  } while (marker);
  return new Set(options.map((option) => option.ClusterType ?? '').filter(Boolean));
}

export interface NodeChoiceCheck {
  /** `recorded rules`, or `recorded rules and DescribeOrderableClusterOptions`, or the reason the call was not answered. */
  readonly basis: string;
}

/**
 * Refuses, before anything exists, a NODE_TYPE × NUM_NODES that CreateCluster would refuse: a retired
 * or unknown type, a node count outside the type's rules, a port RA3 does not take. The recorded rules
 * decide first; then DescribeOrderableClusterOptions, where the caller may call it, says whether the
 * region sells the type and as single-node or multi-node (its answer wins over the recorded rules, so a
 * type AWS adds later is accepted once the region lists it).
 */
export async function checkNodeChoice(redshift: RedshiftClient, config: DwhConfig, logger: Logger): Promise<NodeChoiceCheck> {
  const { nodeType, numNodes, dbPort } = config.cluster;
  const verdict = judgeNodeType(nodeType, dbPort);
  if (verdict.kind === 'refused') throw new ProvisioningInputError('preflight', verdict.problem);
  let types: Set<string>;
  try {
    types = await orderableClusterTypes(redshift, nodeType);
  } catch (error) {
    const why = awsErrorName(error) ?? (error as Error).message;
    if (verdict.kind === 'unknown') {
      const known = Object.keys(CURRENT_NODE_TYPES).join(', ');
      throw new ProvisioningInputError(
        'preflight',
        `[CLUSTER] NODE_TYPE '${nodeType}' is not a type this tool knows (${known}), and DescribeOrderableClusterOptions could not confirm it (${why})`,
        { cause: error },
      );
    }
    if (!isAwsError(error, 'accessDenied')) logger.warn(`DescribeOrderableClusterOptions did not answer (${why}); going by the recorded node rules`);
    const problem = countProblem(nodeType, numNodes, verdict.rules);
    if (problem) throw new ProvisioningInputError('preflight', problem);
    return { basis: `recorded rules (DescribeOrderableClusterOptions: ${why})` };
  }
  if (types.size === 0) {
    throw new ProvisioningInputError(
      'preflight',
      `[CLUSTER] NODE_TYPE '${nodeType}' cannot be ordered in ${config.aws.region}: DescribeOrderableClusterOptions lists nothing for it`,
    );
  }
  const wanted = numNodes === 1 ? 'single-node' : 'multi-node';
  if (!types.has(wanted)) {
    throw new ProvisioningInputError(
      'preflight',
      `[CLUSTER] NUM_NODES ${numNodes}: ${config.aws.region} sells ${nodeType} only as ${[...types].sort().join(', ')} (DescribeOrderableClusterOptions)`,
    );
  }
  // The region decides single-node or not; the recorded range still bounds a multi-node count.
  const rules: NodeTypeRules = { singleNode: true, multiNode: verdict.kind === 'known' ? verdict.rules.multiNode : [2, 128] };
  const problem = countProblem(nodeType, numNodes, rules);
  if (problem) throw new ProvisioningInputError('preflight', problem);
  return { basis: 'recorded rules and DescribeOrderableClusterOptions' };
}
