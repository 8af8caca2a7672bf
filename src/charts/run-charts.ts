import type { TopLevelSpec } from 'vega-lite';
import { chartFrame, COLORS } from './theme.ts';

/** Events loaded per day (from the run history, `eventsPerDay` in src/runs): a gap or a dip shows a short day. */
export function eventsPerDayChart(rows: readonly { day: string; events: number }[]): TopLevelSpec {
  return {
    ...chartFrame('Events loaded per day (run history)', rows),
    mark: { type: 'bar', color: COLORS.plays },
    encoding: {
      x: { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'day (UTC)', axis: { format: '%b %d', labelAngle: -45 } },
      y: { field: 'events', type: 'quantitative', title: 'events' },
      tooltip: [
        { field: 'day', type: 'nominal' },
        { field: 'events', type: 'quantitative', format: ',' },
      ],
    },
  };
}
