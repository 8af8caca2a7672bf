import { describe, expect, it } from 'vitest';
import { formatValue, tableHtml, toDataFrame } from '#src/analytics/index.ts';

describe('formatValue', () => {
  it('blanks nulls, rounds fractions to two decimals, keeps integers and text', () => {
    expect([null, undefined, 62.5, 37.499999, 1234, 'x'].map(formatValue)).toEqual(['', '', '62.5', '37.5', '1234', 'x']);
    expect(formatValue(new Date(Date.UTC(2018, 10, 4, 10)))).toBe('2018-11-04T10:00:00.000Z');
  });
});

describe('tables for notebooks', () => {
  it('builds a danfojs DataFrame with the columns in SQL order', async () => {
    const frame = await toDataFrame({ columns: ['b', 'a'], rows: [{ a: 1, b: 'x' }, { a: 2, b: null }] });
    expect(frame.columns).toEqual(['b', 'a']);
    expect(frame.values).toEqual([['x', 1], [null, 2]]);
  }, 60_000); // danfojs loads TensorFlow.js: seconds on a busy machine

  it('renders an escaped HTML table', () => {
    const html = tableHtml(['title', 'plays'], [['<b>&', 3]], 'Top songs');
    expect(html).toContain('<caption style="text-align:left;font-weight:bold">Top songs</caption>');
    expect(html).toContain('<td>&lt;b&gt;&amp;</td><td style="text-align:right">3</td>');
  });
});
