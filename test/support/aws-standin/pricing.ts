import { AwsFault } from './protocol.ts';
import { stringField, type JsonHandler } from './json-service.ts';

interface Filter {
  Type: string;
  Field: string;
  Value: string;
}

/** A product attribute, or productFamily, which GetProducts filters on like an attribute. */
function attribute(product: Record<string, unknown>, field: string): string | undefined {
  const inner = product.product as { productFamily?: string; attributes?: Record<string, string> };
  return field === 'productFamily' ? inner.productFamily : inner.attributes?.[field];
}

function matches(product: Record<string, unknown>, filter: Filter): boolean {
  const actual = attribute(product, filter.Field);
  if (actual === undefined) return false;
  switch (filter.Type) {
    case 'TERM_MATCH':
    case 'EQUALS':
      return actual.toLowerCase() === filter.Value.toLowerCase();
    case 'CONTAINS':
      return actual.toLowerCase().includes(filter.Value.toLowerCase());
    default:
      throw new AwsFault('InvalidParameterException', `Filter type ${filter.Type} is not supported by the stand-in.`);
  }
}

export const pricingActions: Record<string, JsonHandler> = {
  GetProducts: ({ body, state }) => {
    if (stringField(body, 'ServiceCode') !== 'AmazonRedshift') return { PriceList: [], FormatVersion: 'aws_v1' };
    const filters = (body.Filters as Filter[] | undefined) ?? [];
    const found = state.priceList.filter((p) => filters.every((f) => matches(p, f)));
    return { PriceList: found.map((p) => JSON.stringify(p)), FormatVersion: 'aws_v1' };
  },
};
