/**
 * Amazon Redshift ON-DEMAND LIST PRICES in USD, as published on https://aws.amazon.com/redshift/pricing/
 * and recorded on the date below: per node-hour for provisioned clusters, per RPU-hour for Redshift
 * Serverless. The fallback when the AWS Price List API is not reachable (live-pricing.ts); every price
 * line says which of the two it comes from. Excludes tax, Redshift Managed Storage, backups, data
 * transfer, Spectrum and concurrency scaling. dc2 prices stay for the status of clusters created
 * before AWS stopped selling them.
 */
const US_PRICES = Object.freeze({ 'ra3.large': 0.543, 'ra3.xlplus': 1.086, 'ra3.4xlarge': 3.26, 'ra3.16xlarge': 13.04, 'dc2.large': 0.25, 'dc2.8xlarge': 4.8 });

export const PRICE_LIST = Object.freeze({
  asOf: '2025-06',
  currency: 'USD',
  source: 'https://aws.amazon.com/redshift/pricing/',
  /** region -> node type -> USD per node-hour */
  regions: Object.freeze({ 'us-east-1': US_PRICES, 'us-east-2': US_PRICES, 'us-west-2': US_PRICES } as Record<string, Readonly<Record<string, number>>>),
  /** region -> USD per RPU-hour (Redshift Serverless, billed per second while queries run) */
  serverlessRpuHour: Object.freeze({ 'us-east-1': 0.375, 'us-east-2': 0.375, 'us-west-2': 0.375 } as Record<string, number>),
});

/** Where a price came from: the AWS Price List API at the time asked, or the recorded table. */
export type PriceSource = 'price list api' | 'recorded table';

export interface HourlyPrice {
  /** A node type, or `serverless` (then numNodes is the base capacity in RPUs). */
  readonly nodeType: string;
  readonly numNodes: number;
  readonly region: string;
  /** Per node-hour, or per RPU-hour for serverless. Undefined when no price is known. */
  readonly perNodeUsd: number | undefined;
  readonly totalUsd: number | undefined;
  readonly source: PriceSource;
  /** The table's date, or the day the Price List API was asked. */
  readonly asOf: string;
  /** One line for people: the price with its basis, or why it is unknown. */
  readonly description: string;
}

/** The recorded price of NUM_NODES × NODE_TYPE. */
export function hourlyPrice(nodeType: string, numNodes: number, region: string): HourlyPrice {
  return priceFrom(nodeType, numNodes, region, PRICE_LIST.regions[region]?.[nodeType], 'recorded table', PRICE_LIST.asOf);
}

/** The recorded price of a serverless workgroup at its base capacity (what an hour of queries costs at least). */
export function serverlessHourlyPrice(baseCapacity: number, region: string): HourlyPrice {
  return priceFrom('serverless', baseCapacity, region, PRICE_LIST.serverlessRpuHour[region], 'recorded table', PRICE_LIST.asOf);
}

export function priceFrom(nodeType: string, numNodes: number, region: string, unitUsd: number | undefined, source: PriceSource, asOf: string): HourlyPrice {
  const serverless = nodeType === 'serverless';
  const basis =
    source === 'recorded table'
      ? `on-demand list price as of ${asOf} from the recorded table, ${PRICE_LIST.source}`
      : `on-demand price from the AWS Price List API, ${asOf}`;
  if (unitUsd === undefined) {
    const what = serverless ? 'Redshift Serverless RPU-hours' : nodeType;
    return {
      nodeType,
      numNodes,
      region,
      perNodeUsd: undefined,
      totalUsd: undefined,
      source,
      asOf,
      description: `no list price recorded for ${what} in ${region}; see ${PRICE_LIST.source}`,
    };
  }
  const totalUsd = round(unitUsd * numNodes, 4);
  const description = serverless
    ? `${usd(totalUsd)}/hour while queries run at the base capacity of ${numNodes} RPUs (${usd(unitUsd)} per RPU-hour in ${region}; nothing for compute while idle) (${basis})`
    : `${usd(totalUsd)}/hour for ${numNodes === 1 ? `1 × ${nodeType}` : `${numNodes} × ${nodeType} at ${usd(unitUsd)}/hour each`} in ${region} (${basis})`;
  return { nodeType, numNodes, region, perNodeUsd: unitUsd, totalUsd, source, asOf, description };
}

export function costSoFar(price: HourlyPrice, ageSeconds: number): number | undefined {
  return price.totalUsd === undefined ? undefined : round((price.totalUsd * ageSeconds) / 3600, 2);
}

export function usd(amount: number): string {
  // A third decimal only when the price has one (0.543), judged on the rounded value: 0.55 * 100 is not an integer in floating point.
  const thirdDecimal = amount < 10 && Math.round(amount * 1000) % 10 !== 0;
  return `$${amount.toFixed(thirdDecimal ? 3 : 2)}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
