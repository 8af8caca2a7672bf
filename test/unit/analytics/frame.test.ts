import { describe, expect, it } from 'vitest';
import { formatTextTable, tableHtml, toDataFrame } from '../../../src/analytics/index.ts';

describe('formatTextTable', () => {
  it('aligns numbers right and text left, blanks nulls and rounds to two decimals', () => {
    const text = formatTextTable(
      ['level', 'plays', 'share_pct', 'note'],
      [
        { level: 'free', plays: 5, share_pct: 62.5, note: null },
        { level: 'paid', plays: 1234, share_pct: 37.499999, note: 'x' },
      ],
    );
    expect(text.split('\n')).toEqual([
      'level  plays  share_pct  note',
      '-----  -----  ---------  ----',
      'free       5       62.5',
      'paid    1234       37.5  x',
    ]);
  });

  it('cuts long cells and says when there are no rows', () => {
    expect(formatTextTable(['title'], [{ title: 'a'.repeat(50) }], { maxCellWidth: 10 }).split('\n')[2]).toBe(`${'a'.repeat(9)}…`);
    expect(formatTextTable(['title'], [])).toBe('title\n-----\n(no rows)');
  });
});

describe('tables for notebooks', () => {
  it('builds a danfojs DataFrame with the columns in SQL order', async () => {
    const frame = await toDataFrame({ columns: ['b', 'a'], rows: [{ a: 1, b: 'x' }, { a: 2, b: null }] });
    expect(frame.columns).toEqual(['b', 'a']);
    expect(frame.values).toEqual([['x', 1], [null, 2]]);
  });

  it('renders an escaped HTML table', () => {
    const html = tableHtml(['title', 'plays'], [['<b>&', 3]], 'Top songs');
    expect(html).toContain('<caption style="text-align:left;font-weight:bold">Top songs</caption>');
    expect(html).toContain('<td>&lt;b&gt;&amp;</td><td style="text-align:right">3</td>');
  });
});
