import type { DwhConfig } from '../config/index.ts';
import { withOptions, type ClusterOptions } from './options.ts';
import { costSoFar, hourlyPrice, type HourlyPrice } from './pricing.ts';
import { findCluster } from './redshift-cluster.ts';
import { classifyAwsError } from './aws-errors.ts';
import { summarizeCluster, type ClusterSummary } from './summary.ts';
import { formatDuration } from '../format/duration.ts';

export interface ClusterStatusReport {
  readonly identifier: string;
  readonly region: string;
  readonly exists: boolean;
  /** The Redshift ClusterStatus (`creating`, `available`, `deleting`, ...) or `not found`. */
  readonly state: string;
  readonly cluster: ClusterSummary | undefined;
  readonly ageSeconds: number | undefined;
  readonly age: string | undefined;
  readonly price: HourlyPrice | undefined;
  /** Age × hourly list price, in USD; undefined when the price is not in the table. */
  readonly costSoFarUsd: number | undefined;
  readonly checkedAt: string;
}

export async function getClusterStatus(config: DwhConfig, options: ClusterOptions = {}): Promise<ClusterStatusReport> {
  return withOptions(config, options, async ({ clients, now }) => {
    const identifier = config.cluster.identifier;
    let found;
    try {
      found = await findCluster(clients.redshift, identifier);
    } catch (error) {
      throw classifyAwsError('status', error);
    }
    const checkedAt = now();
    const base = { identifier, region: config.aws.region, checkedAt: checkedAt.toISOString() };
    if (!found) {
      return { ...base, exists: false, state: 'not found', cluster: undefined, ageSeconds: undefined, age: undefined, price: undefined, costSoFarUsd: undefined };
    }
    const cluster = summarizeCluster(found);
    const ageSeconds = cluster.createdAt ? Math.max(0, Math.round((checkedAt.getTime() - Date.parse(cluster.createdAt)) / 1000)) : undefined;
    const price = hourlyPrice(cluster.nodeType ?? config.cluster.nodeType, cluster.numNodes ?? config.cluster.numNodes, config.aws.region);
    return {
      ...base,
      exists: true,
      state: cluster.state,
      cluster,
      ageSeconds,
      age: ageSeconds === undefined ? undefined : formatDuration(ageSeconds * 1000),
      price,
      costSoFarUsd: ageSeconds === undefined ? undefined : costSoFar(price, ageSeconds),
    };
  });
}
