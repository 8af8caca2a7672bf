import { GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import { awsClient, awsClientSettings } from '../aws/client-settings.ts';
import type { DwhConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { awsErrorName } from './aws-errors.ts';
import { hourlyPrice, priceFrom, serverlessHourlyPrice, type HourlyPrice } from './pricing.ts';

/** The Price List API answers from a few regions only; us-east-1 is one of them. */
export const PRICE_LIST_API_REGION = 'us-east-1';

export type LivePriceLookup = (filters: Filter[]) => Promise<readonly string[]>;

/** GetProducts for AmazonRedshift with these filters, every page, as the raw PriceList JSON strings. */
export function priceListLookup(config: DwhConfig): { lookup: LivePriceLookup; close: () => void } {
  const client = awsClient(config, new PricingClient({ ...awsClientSettings(config), region: PRICE_LIST_API_REGION }));
  return {
    lookup: async (filters) => {
      const items: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetProductsCommand({ ServiceCode: 'AmazonRedshift', Filters: filters, FormatVersion: 'aws_v1', MaxResults: 100, NextToken: token }),
        );
        items.push(...(page.PriceList ?? []).map(String));
        token = page.NextToken;
      } while (token);
      return items;
    },
    close: () => client.destroy(),
  };
}

/** The filters that pick one node type's on-demand compute price, or Redshift Serverless RPU-hours, in a region. */
export function priceFilters(kind: 'provisioned' | 'serverless', nodeType: string, region: string): Filter[] {
  const regionCode: Filter = { Type: 'TERM_MATCH', Field: 'regionCode', Value: region };
  if (kind === 'serverless') return [regionCode, { Type: 'CONTAINS', Field: 'usagetype', Value: 'ServerlessUsage' }];
  return [
    regionCode,
    { Type: 'TERM_MATCH', Field: 'instanceType', Value: nodeType },
    { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Compute Instance' },
  ];
}

/**
 * The hourly on-demand USD price in a Price List answer: the OnDemand term's price dimension per hour
 * (unit `Hrs`, or `RPU-Hr` for serverless). Undefined when the answer holds no single such price.
 */
export function onDemandHourlyUsd(items: readonly string[]): number | undefined {
  const prices = new Set<number>();
  for (const item of items) {
    let product: { terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }> } };
    try {
      product = JSON.parse(item);
    } catch {
      continue;
    }
    for (const term of Object.values(product.terms?.OnDemand ?? {})) {
      for (const dimension of Object.values(term.priceDimensions ?? {})) {
        const value = Number(dimension.pricePerUnit?.USD);
        if (/hr/i.test(dimension.unit ?? '') && Number.isFinite(value) && value > 0) prices.add(value);
      }
    }
  }
  return prices.size === 1 ? [...prices][0] : undefined;
}

/**
 * The price to show before creating: live from the AWS Price List API when it answers with exactly one
 * hourly on-demand price, else the recorded table (the description says which, and why).
 */
export async function currentPrice(config: DwhConfig, logger: Logger, lookup?: LivePriceLookup, today = new Date()): Promise<HourlyPrice> {
  const { kind, nodeType, numNodes, baseCapacity } = config.cluster;
  const region = config.aws.region;
  const fallback = kind === 'serverless' ? serverlessHourlyPrice(baseCapacity, region) : hourlyPrice(nodeType, numNodes, region);
  const own = lookup ? undefined : priceListLookup(config);
  try {
    const items = await (lookup ?? own!.lookup)(priceFilters(kind, nodeType, region));
    const unit = onDemandHourlyUsd(items);
    if (unit === undefined) {
      logger.debug(`Price List API: ${items.length} product(s) without one hourly on-demand price; using the recorded table`);
      return withNote(fallback, `the Price List API gave no single price`);
    }
    return priceFrom(
      kind === 'serverless' ? 'serverless' : nodeType,
      kind === 'serverless' ? baseCapacity : numNodes,
      region,
      unit,
      'price list api',
      today.toISOString().slice(0, 10),
    );
  } catch (error) {
    logger.debug(`Price List API not reachable: ${awsErrorName(error) ?? (error as Error).message}`);
    return withNote(fallback, `the Price List API was not reachable: ${awsErrorName(error) ?? 'no answer'}`);
  } finally {
    own?.close();
  }
}

function withNote(price: HourlyPrice, note: string): HourlyPrice {
  return { ...price, description: `${price.description}; ${note}` };
}
