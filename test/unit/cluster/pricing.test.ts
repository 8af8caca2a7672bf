import { describe, expect, it } from 'vitest';
import { costSoFar, hourlyPrice, PRICE_LIST, serverlessHourlyPrice, usd } from '#src/cluster/index.ts';

describe('hourlyPrice', () => {
  it('multiplies the per-node list price by the node count and says what the price is', () => {
    const price = hourlyPrice('ra3.xlplus', 2, 'us-east-1');
    expect(price.perNodeUsd).toBe(1.086);
    expect(price.totalUsd).toBe(2.172);
    expect(price.description).toBe(
      `$2.172/hour for 2 × ra3.xlplus at $1.086/hour each in us-east-1 (on-demand list price as of ${PRICE_LIST.asOf} from the recorded table, ${PRICE_LIST.source})`,
    );
    expect(price.source).toBe('recorded table');
  });

  it('prices the default 2 × ra3.large, and still a dc2.large of old for its status', () => {
    expect(hourlyPrice('ra3.large', 2, 'us-west-2')).toMatchObject({
      totalUsd: 1.086,
      description: expect.stringMatching(/^\$1\.086\/hour for 2 × ra3\.large at \$0\.543\/hour each in us-west-2 \(on-demand list price as of \d{4}-\d{2}/),
    });
    expect(hourlyPrice('dc2.large', 1, 'us-west-2')).toMatchObject({ totalUsd: 0.25 });
  });

  it('prices serverless per RPU-hour at the base capacity, and says compute is free while idle', () => {
    const price = serverlessHourlyPrice(8, 'us-east-1');
    expect(price).toMatchObject({ nodeType: 'serverless', numNodes: 8, perNodeUsd: 0.375, totalUsd: 3 });
    expect(price.description).toMatch(
      /^\$3\.00\/hour while queries run at the base capacity of 8 RPUs \(\$0\.375 per RPU-hour in us-east-1; nothing for compute while idle\)/,
    );
  });

  it('says plainly when it has no price instead of guessing', () => {
    const price = hourlyPrice('dc2.large', 1, 'eu-north-1');
    expect(price.totalUsd).toBeUndefined();
    expect(price.description).toContain('no list price recorded for dc2.large in eu-north-1');
  });
});

describe('costSoFar', () => {
  it('is age in hours times the hourly price, to the cent', () => {
    expect(costSoFar(hourlyPrice('dc2.large', 4, 'us-west-2'), 90 * 60)).toBe(1.5);
    expect(costSoFar(hourlyPrice('dc2.large', 1, 'us-west-2'), 0)).toBe(0);
    expect(costSoFar(hourlyPrice('x.unknown', 1, 'us-west-2'), 3600)).toBeUndefined();
  });
});

describe('usd', () => {
  it('shows cents, or a third decimal when the price has one', () => {
    expect(usd(0.25)).toBe('$0.25');
    expect(usd(0.543)).toBe('$0.543');
    expect(usd(13.04)).toBe('$13.04');
    expect(usd(2)).toBe('$2.00');
    expect(usd(0.55)).toBe('$0.55');
    expect(usd(1.1)).toBe('$1.10');
  });
});
