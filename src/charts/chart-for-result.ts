import type { TopLevelSpec } from 'vega-lite';
import type { AnalyticsResult } from '../analytics/run.ts';
import type * as Rows from '../analytics/types.ts';
import { levelShareChart, browserShareChart, osShareChart } from './share-charts.ts';
import { playsByHourChart, playsByWeekdayChart, dailyPlaysChart } from './time-charts.ts';
import { topArtistsChart, topLocationsChart, topSongsChart } from './ranking-charts.ts';

type Builder = (rows: readonly never[]) => TopLevelSpec;

/** Which chart shows which analytics query; queries with a one-row answer have none. */
const CHARTS: Readonly<Record<string, Builder>> = Object.freeze({
  top_songs: (rows: readonly Rows.TopSongRow[]) => topSongsChart(rows),
  top_artists: (rows: readonly Rows.TopArtistRow[]) => topArtistsChart(rows),
  top_locations: (rows: readonly Rows.LocationRow[]) => topLocationsChart(rows),
  plays_by_hour: (rows: readonly Rows.HourRow[]) => playsByHourChart(rows),
  plays_by_weekday: (rows: readonly Rows.WeekdayRow[]) => playsByWeekdayChart(rows),
  daily_plays: (rows: readonly Rows.DailyPlaysRow[]) => dailyPlaysChart(rows),
  level_share: (rows: readonly Rows.LevelShareRow[]) => levelShareChart(rows),
  browser_share: (rows: readonly Rows.BrowserShareRow[]) => browserShareChart(rows),
  os_share: (rows: readonly Rows.OsShareRow[]) => osShareChart(rows),
});

/** Names of the analytics queries that have a chart. */
export const CHARTED_ANALYTICS: readonly string[] = Object.freeze(Object.keys(CHARTS));

/** The chart for an analytics result, or undefined when that query has no chart. */
export function chartForResult(result: Pick<AnalyticsResult, 'name' | 'rows'>): TopLevelSpec | undefined {
  const build = CHARTS[result.name];
  return build ? build(result.rows as readonly never[]) : undefined;
}
