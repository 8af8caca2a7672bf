import type { DwhConfig } from '../config/index.ts';
import { silentLogger, type Logger } from '../logger.ts';
import { createAwsClients, type AwsClients } from './clients.ts';
import { discoverPublicIp, type PublicIpDiscovery } from './public-ip.ts';
import { waiterTiming, type WaiterTiming } from './waiting.ts';

export interface ClusterOptions {
  /** Step reports and the waiters' status line go here. */
  readonly logger?: Logger;
  /** Defaults to clients built from the config (and closed afterwards). */
  readonly clients?: AwsClients;
  /** How to find the caller's public IP when [CLUSTER] INGRESS_CIDR is not set. */
  readonly discoverPublicIp?: PublicIpDiscovery;
  /** Waiter polling; see DEFAULT_WAITER_TIMING. */
  readonly waiter?: Partial<WaiterTiming>;
  /** Write HOST and ARN back to the config file it came from (default: true). */
  readonly writeBack?: boolean;
  /** Clock for ages and costs. */
  readonly now?: () => Date;
}

export interface ResolvedOptions {
  readonly logger: Logger;
  readonly clients: AwsClients;
  readonly discoverPublicIp: PublicIpDiscovery;
  readonly timing: WaiterTiming;
  readonly writeBack: boolean;
  readonly now: () => Date;
}

/** Runs `body` with resolved options, closing the clients afterwards when this call made them. */
export async function withOptions<T>(config: DwhConfig, options: ClusterOptions, body: (resolved: ResolvedOptions) => Promise<T>): Promise<T> {
  const clients = options.clients ?? createAwsClients(config);
  try {
    return await body({
      logger: options.logger ?? silentLogger,
      clients,
      discoverPublicIp: options.discoverPublicIp ?? discoverPublicIp,
      timing: waiterTiming(options.waiter),
      writeBack: options.writeBack ?? true,
      now: options.now ?? (() => new Date()),
    });
  } finally {
    if (!options.clients) clients.destroy();
  }
}
