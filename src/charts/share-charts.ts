import type { TopLevelSpec } from 'vega-lite';
import type { BrowserShareRow, LevelShareRow, OsShareRow } from '../analytics/types.ts';
import { horizontalBars } from './horizontal-bars.ts';
import { chartFrame, COLORS } from './theme.ts';

/** A donut of paid vs free plays, each slice labelled with its share. */
export function levelShareChart(rows: readonly LevelShareRow[]): TopLevelSpec {
  const labelled = rows.map((row) => ({ ...row, label: `${row.level} ${row.share_pct}%` }));
  return {
    ...chartFrame('Paid vs free plays', labelled, { width: 260, height: 260 }),
    encoding: {
      theta: { field: 'plays', type: 'quantitative', stack: true },
      color: {
        field: 'level',
        type: 'nominal',
        title: 'level',
        scale: { domain: ['free', 'paid'], range: [COLORS.free, COLORS.paid] },
      },
    },
    layer: [
      {
        mark: { type: 'arc', innerRadius: 60, outerRadius: 120, stroke: 'white' },
        encoding: {
          tooltip: [
            { field: 'level', type: 'nominal', title: 'level' },
            { field: 'plays', type: 'quantitative', title: 'plays', format: ',' },
            { field: 'users', type: 'quantitative', title: 'users', format: ',' },
            { field: 'share_pct', type: 'quantitative', title: 'share of plays (%)', format: '.2f' },
          ],
        },
      },
      { mark: { type: 'text', radius: 145, fontSize: 12 }, encoding: { text: { field: 'label', type: 'nominal' } } },
    ],
  };
}

/** Horizontal bars of each category's share of plays, largest first. */
function shareBars<Row extends { share_pct: number; plays: number; users: number }>(
  title: string,
  rows: readonly Row[],
  field: keyof Row & string,
): TopLevelSpec {
  const ordered = [...rows].sort((a, b) => b.share_pct - a.share_pct);
  return horizontalBars<Row>({
    title,
    rows: ordered,
    category: field,
    value: 'share_pct',
    valueTitle: 'share of plays (%)',
    step: 24,
    valueFormat: '.1f',
    tooltip: [
      { field, type: 'nominal', title: field },
      { field: 'plays', type: 'quantitative', title: 'plays', format: ',' },
      { field: 'users', type: 'quantitative', title: 'users', format: ',' },
      { field: 'share_pct', type: 'quantitative', title: 'share of plays (%)', format: '.2f' },
    ],
  });
}

export function browserShareChart(rows: readonly BrowserShareRow[]): TopLevelSpec {
  return shareBars('Plays by browser', rows, 'browser');
}

export function osShareChart(rows: readonly OsShareRow[]): TopLevelSpec {
  return shareBars('Plays by operating system', rows, 'os');
}
