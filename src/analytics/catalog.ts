import type {
  ActiveUserRow,
  BrowserShareRow,
  ConversionRow,
  DailyPlaysRow,
  FreeToPaidUserRow,
  HourRow,
  LevelShareRow,
  LocationRow,
  OsShareRow,
  SessionLengthRow,
  TopArtistRow,
  TopSongRow,
  WeekdayRow,
} from './types.ts';
import type { SqlName } from '../sql/sql-files.ts';

/** The name of every file in sql/analytics/ (from the generated SQL registry). */
export type AnalyticsName = SqlName extends infer Name ? (Name extends `analytics/${infer Query}` ? Query : never) : never;

/** The one parameter the ranked queries take, bound as $1. */
export interface LimitParameter {
  readonly name: 'limit';
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/**
 * One analytics question: its SQL file `sql/analytics/<name>.sql` and how to present it.
 * `Row` is the shape of the rows the SQL returns (a phantom type: it exists only for the compiler).
 */
export interface AnalyticsQuery<Row = Record<string, unknown>> {
  readonly name: AnalyticsName;
  readonly title: string;
  readonly description: string;
  /** Present when the SQL takes `$1 = limit`. */
  readonly limit?: LimitParameter;
  /**
   * SELECTs from other sql/ files the query includes, each as `{{sql:<file name>}}` (e.g. the level
   * runs both free-to-paid queries read), so a shared step is written once.
   */
  readonly includes?: readonly SqlName[];
  /** Phantom field: never set; carries the row type. */
  readonly __row?: Row;
}

const LIMIT: LimitParameter = Object.freeze({ name: 'limit', default: 10, min: 1, max: 1000 });

function query<Row>(definition: Omit<AnalyticsQuery<Row>, '__row'>): AnalyticsQuery<Row> {
  return Object.freeze(definition);
}

export const topSongs = query<TopSongRow>({
  name: 'top_songs',
  title: 'Top songs',
  description: 'The most played songs, with their artist and distinct listeners.',
  limit: LIMIT,
});

export const topArtists = query<TopArtistRow>({
  name: 'top_artists',
  title: 'Top artists',
  description: 'The most played artists: plays, distinct songs played, distinct listeners.',
  limit: LIMIT,
});

export const mostActiveUsers = query<ActiveUserRow>({
  name: 'most_active_users',
  title: 'Most active users',
  description: 'The users with the most plays, with their name, current level and sessions.',
  limit: LIMIT,
});

export const playsByHour = query<HourRow>({
  name: 'plays_by_hour',
  title: 'Plays by hour of day (UTC)',
  description: 'Plays and distinct listeners per hour of the day, with the share of all plays.',
});

export const playsByWeekday = query<WeekdayRow>({
  name: 'plays_by_weekday',
  title: 'Plays by weekday (UTC, 0 = Sunday)',
  description: 'Plays and distinct listeners per day of the week, with the share of all plays.',
});

export const levelShare = query<LevelShareRow>({
  name: 'level_share',
  title: 'Paid vs free plays',
  description: 'Plays per subscription level at the time of the play, and the share of all plays.',
});

export const topLocations = query<LocationRow>({
  name: 'top_locations',
  title: 'Top locations',
  description: 'The locations with the most plays, with distinct listeners.',
  limit: LIMIT,
});

export const dailyPlays = query<DailyPlaysRow>({
  name: 'daily_plays',
  title: 'Plays and listeners per day (UTC)',
  description: 'Plays, distinct listeners and sessions per calendar day.',
});

export const songsPerSession = query<SessionLengthRow>({
  name: 'songs_per_session',
  title: 'Songs per session',
  description: 'Average, median and maximum number of songs played in a session.',
});

export const browserShare = query<BrowserShareRow>({
  name: 'browser_share',
  title: 'Browsers',
  description: 'Plays and users per web browser, read from the user agent.',
});

export const osShare = query<OsShareRow>({
  name: 'os_share',
  title: 'Operating systems',
  description: 'Plays and users per operating system, read from the user agent.',
});

export const freeToPaidConversion = query<ConversionRow>({
  name: 'free_to_paid_conversion',
  includes: ['history/level_runs_in_window'],
  title: 'Free to paid conversion',
  description: 'Of the users whose first play was free, how many later played paid; and how many went back to free.',
});

export const freeToPaidUsers = query<FreeToPaidUserRow>({
  name: 'free_to_paid_users',
  includes: ['history/level_runs_in_window'],
  title: 'Users who played at both levels',
  description: 'Each user with both free and paid plays: first level, first upgrade, switches each way, level today.',
});

/** Every analytics query, in the order a report shows them. */
export const ANALYTICS: readonly AnalyticsQuery<object>[] = Object.freeze([
  topSongs,
  topArtists,
  mostActiveUsers,
  playsByHour,
  playsByWeekday,
  dailyPlays,
  levelShare,
  topLocations,
  songsPerSession,
  browserShare,
  osShare,
  freeToPaidConversion,
  freeToPaidUsers,
]);
