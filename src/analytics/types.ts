/**
 * Row shapes of the analytics queries in sql/analytics/. Counts are JavaScript numbers (the SQL
 * casts them to INTEGER / DOUBLE PRECISION), instants and days are UTC text, so the rows can go
 * straight into a danfojs DataFrame, a chart or JSON.
 */
export interface TopSongRow {
  readonly rank: number;
  readonly title: string;
  readonly artist: string | null;
  readonly plays: number;
  readonly listeners: number;
}

export interface TopArtistRow {
  readonly rank: number;
  readonly artist: string;
  readonly plays: number;
  readonly songs: number;
  readonly listeners: number;
}

export interface ActiveUserRow {
  readonly rank: number;
  readonly user_id: string;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly level: string;
  readonly plays: number;
  readonly sessions: number;
}

export interface HourRow {
  readonly hour: number;
  readonly plays: number;
  readonly listeners: number;
  readonly share_pct: number;
}

export interface WeekdayRow {
  /** 0 = Sunday */
  readonly weekday: number;
  readonly weekday_name: string;
  readonly plays: number;
  readonly listeners: number;
  readonly share_pct: number;
}

export interface LevelShareRow {
  readonly level: string;
  readonly plays: number;
  readonly users: number;
  readonly share_pct: number;
}

export interface LocationRow {
  readonly rank: number;
  readonly location: string;
  readonly plays: number;
  readonly listeners: number;
}

export interface DailyPlaysRow {
  /** YYYY-MM-DD, UTC */
  readonly day: string;
  readonly plays: number;
  readonly listeners: number;
  readonly sessions: number;
}

export interface SessionLengthRow {
  readonly sessions: number;
  readonly plays: number | null;
  readonly avg_songs_per_session: number | null;
  readonly median_songs_per_session: number | null;
  readonly max_songs_per_session: number | null;
}

export interface BrowserShareRow {
  readonly browser: string;
  readonly plays: number;
  readonly users: number;
  readonly share_pct: number;
}

export interface OsShareRow {
  readonly os: string;
  readonly plays: number;
  readonly users: number;
  readonly share_pct: number;
}

export interface FreeToPaidUserRow {
  readonly user_id: string;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly first_level: string;
  readonly current_level: string | null;
  readonly free_plays: number;
  readonly paid_plays: number;
  readonly upgrades: number;
  readonly downgrades: number;
  /** YYYY-MM-DD HH:MM:SS, UTC: start of the first free run in the window (the window's start if it began earlier) */
  readonly free_since: string;
  /** YYYY-MM-DD HH:MM:SS, UTC; null when the user did not upgrade in the window */
  readonly first_upgrade: string | null;
  /** Days from the start of the free run to the first upgrade; null without an upgrade */
  readonly days_to_upgrade: number | null;
}

export interface ConversionRow {
  readonly users: number;
  readonly started_free: number | null;
  readonly started_paid: number | null;
  readonly upgraded: number | null;
  /** null when no user started free */
  readonly conversion_pct: number | null;
  readonly downgraded: number | null;
  /** Days from the start of a free run to the first upgrade after it, over the users who upgraded */
  readonly avg_days_to_upgrade: number | null;
  readonly median_days_to_upgrade: number | null;
}
