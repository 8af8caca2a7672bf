import { describe, expect, it } from 'vitest';
import { formatValue, tableHtml, tableText, toDataFrame } from '#src/analytics/index.ts';

describe('formatValue', () => {
  it('blanks nulls, rounds fractions to two decimals, separates thousands, keeps text', () => {
    expect([null, undefined, 62.5, 37.499999, 1234, 1234567.891, 'x'].map((v) => formatValue(v))).toEqual([
      '',
      '',
      '62.5',
      '37.5',
      '1,234',
      '1,234,567.89',
      'x',
    ]);
    expect(formatValue(new Date(Date.UTC(2018, 10, 4, 10)))).toBe('2018-11-04T10:00:00.000Z');
  });

  it('keeps ids and years as plain digits', () => {
    expect([formatValue(2018, 'year'), formatValue(1234, 'user_id'), formatValue(1234, 'session_id'), formatValue(1234, 'plays')]).toEqual([
      '2018',
      '1234',
      '1234',
      '1,234',
    ]);
  });
});

describe('tables for notebooks', () => {
  it('builds a danfojs DataFrame with the columns in SQL order', async () => {
    const frame = await toDataFrame({
      columns: ['b', 'a'],
      rows: [
        { a: 1, b: 'x' },
        { a: 2, b: null },
      ],
    });
    expect(frame.columns).toEqual(['b', 'a']);
    expect(frame.values).toEqual([
      ['x', 1],
      [null, 2],
    ]);
    const empty = await toDataFrame({ columns: ['b', 'a'], rows: [] });
    expect(empty.columns).toEqual(['b', 'a']);
    expect(empty.shape[0]).toBe(0);
  }, 60_000); // danfojs loads TensorFlow.js: seconds on a busy machine

  it('renders an escaped HTML table, numbers right-aligned (headers too) with thousands separators', () => {
    const html = tableHtml(['title', 'plays'], [['<b>&', 3456]], 'Top songs');
    expect(html).toContain('<caption style="text-align:left;font-weight:bold">Top songs</caption>');
    expect(html).toContain('<th style="text-align:left">title</th><th style="text-align:right">plays</th>');
    expect(html).toMatch(/<td style="text-align:left[^"]*">&lt;b&gt;&amp;<\/td><td style="text-align:right[^"]*">3,456<\/td>/);
  });

  it('shortens very long text in a cell and keeps the full text as its tooltip', () => {
    const long = `${'word '.repeat(30)}END`;
    const html = tableHtml(['title'], [[long]]);
    expect(html).toContain(`title="${long}"`);
    expect(html).not.toContain('END<');
    expect(html).toContain('…</td>');
  });

  it('renders the same table as aligned plain text', () => {
    expect(
      tableText(
        ['title', 'plays'],
        [
          ['One', 1234],
          ['Three', 5],
        ],
        'Top songs',
      ),
    ).toBe(['Top songs', 'title  plays', '-----  -----', 'One    1,234', 'Three      5'].join('\n'));
    expect(tableText(['a'], [])).toBe('a\n-\n(no rows)');
  });
});
