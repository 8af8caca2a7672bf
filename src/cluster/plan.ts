import type { DwhConfig } from '../config/index.ts';
import { classifyAwsError } from './aws-errors.ts';
import { currentPrice, type LivePriceLookup } from './live-pricing.ts';
import { withOptions, type ClusterOptions } from './options.ts';
import { checkNodeChoice } from './orderable-options.ts';
import { checkClusterSettings } from './preflight.ts';
import type { HourlyPrice } from './pricing.ts';
import { listTaggedWarehouses, type TaggedWarehouse } from './running.ts';

export interface ClusterPlan {
  /** The price of what create would make: live where the Price List API answers, else the recorded table. */
  readonly price: HourlyPrice;
  /** How NODE_TYPE × NUM_NODES was checked (provisioned only). */
  readonly nodeCheck: string | undefined;
  /** Clusters and workgroups tagged by this tool that already exist here, other than the one create would make. */
  readonly alreadyRunning: readonly TaggedWarehouse[];
}

/**
 * What `cluster create` would do and cost, asked before the user confirms and before anything is
 * created: the settings and node choice are checked (an unknown or retired node type stops here), the
 * price looked up, and the cost guard lists what this tool already runs in the account and region.
 */
export async function planCluster(config: DwhConfig, options: ClusterOptions & { priceLookup?: LivePriceLookup } = {}): Promise<ClusterPlan> {
  checkClusterSettings(config);
  return withOptions(config, options, async ({ clients, logger }) => {
    const nodeCheck = config.cluster.kind === 'serverless' ? undefined : (await checkNodeChoice(clients.redshift, config, logger)).basis;
    const price = await currentPrice(config, logger, options.priceLookup);
    let running: TaggedWarehouse[] = [];
    try {
      running = await listTaggedWarehouses(clients.redshift, clients.serverless, config.aws.region);
    } catch (error) {
      // The guard is advice: without the permission to list, say so and go on.
      logger.warn(`could not list running clusters and workgroups (${classifyAwsError('cost guard', error).message})`);
    }
    const alreadyRunning = running.filter((w) => w.summary.identifier !== config.cluster.identifier || w.kind !== config.cluster.kind);
    return { price, nodeCheck, alreadyRunning };
  });
}
