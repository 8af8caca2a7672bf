import type { DwhConfig } from '../config/index.ts';
import { withOptions, type ClusterOptions } from './options.ts';
import { costSoFar, hourlyPrice, serverlessHourlyPrice, type HourlyPrice } from './pricing.ts';
import { findCluster } from './redshift-cluster.ts';
import { classifyAwsError } from './aws-errors.ts';
import { listTaggedWarehouses, type TaggedWarehouse } from './running.ts';
import { findNamespace, findWorkgroup } from './serverless/resources.ts';
import { summarizeCluster, summarizeWorkgroup, type ClusterSummary } from './summary.ts';
import { formatDuration } from '../format/duration.ts';

export interface ClusterStatusReport {
  readonly identifier: string;
  readonly region: string;
  readonly kind: 'provisioned' | 'serverless';
  readonly exists: boolean;
  /** The ClusterStatus (`creating`, `available`, `paused`, `resuming`, ...), a workgroup's status in lower case, or `not found`. */
  readonly state: string;
  readonly cluster: ClusterSummary | undefined;
  readonly ageSeconds: number | undefined;
  readonly age: string | undefined;
  readonly price: HourlyPrice | undefined;
  /**
   * Provisioned: age × hourly list price, in USD: an upper bound, since hours spent paused are not
   * billed for compute and DescribeClusters does not say how long it was paused. Serverless: undefined
   * (billed by RPU-seconds used, which only the bill knows). Undefined when no price is known.
   */
  readonly costSoFarUsd: number | undefined;
  /** One line on what is billed in this state. */
  readonly billing: string | undefined;
  readonly checkedAt: string;
}

const BILLING_NOTES: Readonly<Record<string, string>> = {
  paused: 'paused: compute is not billed while paused (storage still is); `sparkify cluster resume` to use it',
  pausing: 'pausing: compute stops being billed once paused',
  resuming: 'resuming: billed per node-hour again from now',
};

export async function getClusterStatus(config: DwhConfig, options: ClusterOptions = {}): Promise<ClusterStatusReport> {
  return withOptions(config, options, async ({ clients, now }) => {
    const { identifier, kind } = config.cluster;
    let cluster: ClusterSummary | undefined;
    try {
      if (kind === 'serverless') {
        const workgroup = await findWorkgroup(clients.serverless, identifier);
        cluster = workgroup ? summarizeWorkgroup(workgroup, await findNamespace(clients.serverless, identifier)) : undefined;
      } else {
        const found = await findCluster(clients.redshift, identifier);
        cluster = found ? summarizeCluster(found) : undefined;
      }
    } catch (error) {
      throw classifyAwsError('status', error);
    }
    const checkedAt = now();
    const base = { identifier, kind, region: config.aws.region, checkedAt: checkedAt.toISOString() };
    if (!cluster) {
      return {
        ...base,
        exists: false,
        state: 'not found',
        cluster: undefined,
        ageSeconds: undefined,
        age: undefined,
        price: undefined,
        costSoFarUsd: undefined,
        billing: undefined,
      };
    }
    const ageSeconds = cluster.createdAt ? Math.max(0, Math.round((checkedAt.getTime() - Date.parse(cluster.createdAt)) / 1000)) : undefined;
    const serverless = kind === 'serverless';
    const price = serverless
      ? serverlessHourlyPrice(cluster.numNodes ?? config.cluster.baseCapacity, config.aws.region)
      : hourlyPrice(cluster.nodeType ?? config.cluster.nodeType, cluster.numNodes ?? config.cluster.numNodes, config.aws.region);
    return {
      ...base,
      exists: true,
      state: cluster.state,
      cluster,
      ageSeconds,
      age: ageSeconds === undefined ? undefined : formatDuration(ageSeconds * 1000),
      price,
      costSoFarUsd: serverless || ageSeconds === undefined ? undefined : costSoFar(price, ageSeconds),
      billing: serverless ? 'serverless: compute billed per RPU-second while queries run, nothing while idle (storage always)' : BILLING_NOTES[cluster.state],
    };
  });
}

export interface AllWarehousesReport {
  readonly region: string;
  readonly warehouses: readonly TaggedWarehouse[];
  /** Sum of the hourly prices of those billing now (paused clusters excluded). */
  readonly hourlyUsd: number;
  readonly checkedAt: string;
}

/** `cluster status --all`: every cluster and workgroup this tool tagged in the account and region, with its hourly cost. */
export async function getAllWarehouses(config: DwhConfig, options: ClusterOptions = {}): Promise<AllWarehousesReport> {
  return withOptions(config, options, async ({ clients, now }) => {
    let warehouses: TaggedWarehouse[];
    try {
      warehouses = await listTaggedWarehouses(clients.redshift, clients.serverless, config.aws.region);
    } catch (error) {
      throw classifyAwsError('status', error);
    }
    const hourlyUsd = Math.round(warehouses.filter((w) => w.billing).reduce((sum, w) => sum + (w.price.totalUsd ?? 0), 0) * 10000) / 10000;
    return { region: config.aws.region, warehouses, hourlyUsd, checkedAt: now().toISOString() };
  });
}
