import { DescribeClustersCommand, type RedshiftClient } from '@aws-sdk/client-redshift';
import { ListTagsForResourceCommand, ListWorkgroupsCommand, type RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { hourlyPrice, serverlessHourlyPrice, type HourlyPrice } from './pricing.ts';
import { summarizeCluster, summarizeWorkgroup, type ClusterSummary } from './summary.ts';
import { isManagedBySparkify, MANAGED_BY_TAG } from './tags.ts';

export interface TaggedWarehouse {
  readonly kind: 'provisioned' | 'serverless';
  readonly summary: ClusterSummary;
  /** Per hour while it runs (serverless: at base capacity while queries run); a paused cluster bills no compute. */
  readonly price: HourlyPrice;
  /** True unless paused, pausing or being deleted. */
  readonly billing: boolean;
}

const NOT_BILLING = new Set(['paused', 'pausing', 'deleting', 'final-snapshot']);

/**
 * Every cluster and serverless workgroup in the account and region that this tool tagged
 * (managed-by=sparkify), whatever its identifier: the cost guard's answer to "what is running".
 */
export async function listTaggedWarehouses(redshift: RedshiftClient, serverless: RedshiftServerlessClient, region: string): Promise<TaggedWarehouse[]> {
  const found: TaggedWarehouse[] = [];
  let marker: string | undefined;
  do {
    const page = await redshift.send(new DescribeClustersCommand({ TagKeys: [MANAGED_BY_TAG.Key], TagValues: [MANAGED_BY_TAG.Value], Marker: marker }));
    for (const cluster of page.Clusters ?? []) {
      if (!isManagedBySparkify(cluster.Tags)) continue;
      const summary = summarizeCluster(cluster);
      found.push({
        kind: 'provisioned',
        summary,
        price: hourlyPrice(summary.nodeType ?? '?', summary.numNodes ?? 1, region),
        billing: !NOT_BILLING.has(summary.state),
      });
    }
    marker = page.Marker;
  } while (marker);
  let token: string | undefined;
  do {
    const page = await serverless.send(new ListWorkgroupsCommand({ nextToken: token }));
    for (const workgroup of page.workgroups ?? []) {
      if (!workgroup.workgroupArn) continue;
      const { tags } = await serverless.send(new ListTagsForResourceCommand({ resourceArn: workgroup.workgroupArn }));
      if (!isManagedBySparkify((tags ?? []).map((t) => ({ Key: t.key, Value: t.value })))) continue;
      const summary = summarizeWorkgroup(workgroup, undefined);
      found.push({ kind: 'serverless', summary, price: serverlessHourlyPrice(summary.numNodes ?? 0, region), billing: summary.state !== 'deleting' });
    }
    token = page.nextToken;
  } while (token);
  return found;
}
