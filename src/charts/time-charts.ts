import type { TopLevelSpec } from 'vega-lite';
import type { DailyPlaysRow, HourRow, WeekdayRow } from '../analytics/types.ts';
import { chartFrame, COLORS } from './theme.ts';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Bars of plays per hour; every hour 0-23 has its place on the axis, so an empty hour shows as a gap. */
export function playsByHourChart(rows: readonly HourRow[]): TopLevelSpec {
  return playsPerSlotBars('Plays by hour of day (UTC)', rows, { field: 'hour', title: 'hour (UTC)', domain: HOURS });
}

/** Bars of plays per weekday, Sunday first (weekday 0). */
export function playsByWeekdayChart(rows: readonly WeekdayRow[]): TopLevelSpec {
  return playsPerSlotBars('Plays by weekday (UTC)', rows, { field: 'weekday_name', title: null, domain: [...WEEKDAY_NAMES] });
}

/** Vertical bars of plays over a fixed, ordered set of time slots (hours, weekdays). */
function playsPerSlotBars(title: string, rows: readonly object[], slot: { field: string; title: string | null; domain: (string | number)[] }): TopLevelSpec {
  return {
    ...chartFrame(title, rows),
    mark: { type: 'bar', color: COLORS.plays },
    encoding: {
      x: { field: slot.field, type: 'ordinal', title: slot.title, scale: { domain: slot.domain }, axis: { labelAngle: 0 } },
      y: { field: 'plays', type: 'quantitative', title: 'plays' },
      tooltip: [
        { field: slot.field, type: 'ordinal', title: slot.title ?? slot.field },
        { field: 'plays', type: 'quantitative', title: 'plays', format: ',' },
        { field: 'listeners', type: 'quantitative', title: 'listeners', format: ',' },
        { field: 'share_pct', type: 'quantitative', title: 'share of plays (%)', format: '.2f' },
      ],
    },
  };
}

/**
 * Plays per day as bars (left axis) and distinct listeners as a line (right axis): the two differ
 * by an order of magnitude, so each has its own scale.
 */
export function dailyPlaysChart(rows: readonly DailyPlaysRow[]): TopLevelSpec {
  const x = {
    field: 'day',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    title: 'day (UTC)',
    axis: { format: '%b %d', labelAngle: -45 },
  } as const;
  return {
    ...chartFrame('Plays and distinct listeners per day', rows),
    layer: [
      {
        mark: { type: 'bar', color: COLORS.plays, opacity: 0.85 },
        encoding: {
          x,
          y: { field: 'plays', type: 'quantitative', title: 'plays', axis: { titleColor: COLORS.plays } },
          tooltip: [
            { field: 'day', type: 'nominal', title: 'day (UTC)' },
            { field: 'plays', type: 'quantitative', title: 'plays', format: ',' },
            { field: 'listeners', type: 'quantitative', title: 'listeners', format: ',' },
            { field: 'sessions', type: 'quantitative', title: 'sessions', format: ',' },
          ],
        },
      },
      {
        mark: { type: 'line', color: COLORS.listeners, point: { color: COLORS.listeners }, strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: 'listeners',
            type: 'quantitative',
            title: 'distinct listeners',
            axis: { titleColor: COLORS.listeners, orient: 'right' },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
