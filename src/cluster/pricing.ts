/**
 * Amazon Redshift ON-DEMAND LIST PRICES, in USD per node-hour, for provisioned clusters, as published
 * on https://aws.amazon.com/redshift/pricing/ — recorded for the dates below and not fetched live
 * (no pricing API call is made). Excludes tax, Redshift Managed Storage (RA3), backups, data
 * transfer, Spectrum and concurrency scaling. Check the page before relying on them.
 */
export const PRICE_LIST = Object.freeze({
  asOf: '2025-06',
  currency: 'USD',
  source: 'https://aws.amazon.com/redshift/pricing/',
  /** region -> node type -> USD per node-hour */
  regions: Object.freeze({
    'us-east-1': Object.freeze({ 'dc2.large': 0.25, 'dc2.8xlarge': 4.8, 'ra3.large': 0.543, 'ra3.xlplus': 1.086, 'ra3.4xlarge': 3.26, 'ra3.16xlarge': 13.04 }),
    'us-east-2': Object.freeze({ 'dc2.large': 0.25, 'dc2.8xlarge': 4.8, 'ra3.large': 0.543, 'ra3.xlplus': 1.086, 'ra3.4xlarge': 3.26, 'ra3.16xlarge': 13.04 }),
    'us-west-2': Object.freeze({ 'dc2.large': 0.25, 'dc2.8xlarge': 4.8, 'ra3.large': 0.543, 'ra3.xlplus': 1.086, 'ra3.4xlarge': 3.26, 'ra3.16xlarge': 13.04 }),
  } as Record<string, Readonly<Record<string, number>>>),
});

export interface HourlyPrice {
  readonly nodeType: string;
  readonly numNodes: number;
  readonly region: string;
  /** Undefined when the table has no price for this node type in this region. */
  readonly perNodeUsd: number | undefined;
  readonly totalUsd: number | undefined;
  /** One line for people: the price with its basis, or why it is unknown. */
  readonly description: string;
}

export function hourlyPrice(nodeType: string, numNodes: number, region: string): HourlyPrice {
  const perNodeUsd = PRICE_LIST.regions[region]?.[nodeType];
  const basis = `on-demand list price as of ${PRICE_LIST.asOf}, ${PRICE_LIST.source}`;
  if (perNodeUsd === undefined) {
    return {
      nodeType,
      numNodes,
      region,
      perNodeUsd,
      totalUsd: undefined,
      description: `no list price recorded for ${nodeType} in ${region}; see ${PRICE_LIST.source}`,
    };
  }
  const totalUsd = round(perNodeUsd * numNodes, 4);
  const nodes = numNodes === 1 ? `1 × ${nodeType}` : `${numNodes} × ${nodeType} at ${usd(perNodeUsd)}/hour each`;
  return { nodeType, numNodes, region, perNodeUsd, totalUsd, description: `${usd(totalUsd)}/hour for ${nodes} in ${region} (${basis})` };
}

/** Cost so far at the list price: hours since creation × hourly price (AWS bills per second). */
export function costSoFar(price: HourlyPrice, ageSeconds: number): number | undefined {
  return price.totalUsd === undefined ? undefined : round((price.totalUsd * ageSeconds) / 3600, 2);
}

export function usd(amount: number): string {
  return `$${amount.toFixed(amount < 10 && !Number.isInteger(amount * 100) ? 3 : 2)}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
