import type { ColumnDefinition, ColumnType, TableDefinition } from './types.ts';

const text = (length: number): ColumnType => ({ kind: 'varchar', length });
const integer: ColumnType = { kind: 'integer' };
const bigint: ColumnType = { kind: 'bigint' };
const smallint: ColumnType = { kind: 'smallint' };
const double: ColumnType = { kind: 'double' };
const timestamp: ColumnType = { kind: 'timestamp' };
/**
 * An event's ts becomes songplays.start_time and time.start_time, broken into time.year, a SMALLINT:
 * a time after year 32767 fits a timestamp but would fail the transform, so loading rejects it.
 */
const eventTime: ColumnType = { kind: 'timestamp', latest: { ms: Date.UTC(32767, 11, 31, 23, 59, 59, 999), why: 'time.year is a SMALLINT' } };

function column(name: string, type: ColumnType, extra: Omit<ColumnDefinition, 'name' | 'type'> = {}): ColumnDefinition {
  return { name, type, ...extra };
}

/** Every event, columns in the order of log_json_path.json. */
export const stagingEvents: TableDefinition = {
  name: 'staging_events',
  layer: 'staging',
  description: 'Every event from log_data, as loaded (columns in JSONPaths order).',
  columns: [
    column('artist', text(512)),
    column('auth', text(32)),
    column('first_name', text(256)),
    column('gender', text(8)),
    column('item_in_session', integer),
    column('last_name', text(256)),
    column('length', double),
    column('level', text(16)),
    column('location', text(512)),
    column('method', text(16)),
    column('page', text(64)),
    // The data holds 1540991795796.0: a JSON number with a fraction, which DOUBLE PRECISION takes on
    // both engines (whether Redshift's JSON COPY puts it into a BIGINT is not settled by its docs).
    column('registration', double),
    column('session_id', integer),
    column('song', text(512)),
    column('status', smallint),
    column('ts', eventTime),
    column('user_agent', text(512)),
    column('user_id', text(64)),
  ],
  redshift: { distStyle: 'even' },
};

/** Every song object; column names are the JSON keys so that `FORMAT AS JSON 'auto'` maps them. */
export const stagingSongs: TableDefinition = {
  name: 'staging_songs',
  layer: 'staging',
  description: 'Every song object from song_data, as loaded.',
  columns: [
    column('num_songs', integer),
    column('artist_id', text(64)),
    column('artist_latitude', double),
    column('artist_longitude', double),
    column('artist_location', text(512)),
    column('artist_name', text(512)),
    column('song_id', text(64)),
    column('title', text(512)),
    column('duration', double),
    column('year', smallint),
  ],
  redshift: { distStyle: 'even' },
};

export const users: TableDefinition = {
  name: 'users',
  layer: 'dimension',
  description: "One row per user id seen in any event; level from the user's latest event.",
  columns: [
    column('user_id', text(64), { notNull: true }),
    column('first_name', text(256)),
    column('last_name', text(256)),
    column('gender', text(8)),
    column('level', text(16), { notNull: true }),
  ],
  primaryKey: ['user_id'],
  acceptedValues: { level: ['free', 'paid'] },
  redshift: { distStyle: 'all', sortKey: ['user_id'] },
};

/**
 * users.level over time, as a type-2 slowly changing dimension: one row per maximal run of one level
 * in a user's events (every page, not only plays) ordered by ts, session and item. A run is valid from
 * its first event to the first event of the next run (half-open); the current run has valid_to NULL.
 */
export const userLevelHistory: TableDefinition = {
  name: 'user_level_history',
  layer: 'dimension',
  description: "users.level over time (type-2 SCD): one row per run of one level in the user's events; the current row has valid_to NULL.",
  columns: [
    column('user_id', text(64), { notNull: true, references: { table: 'users', column: 'user_id' } }),
    column('level', text(16), { notNull: true }),
    column('valid_from', timestamp, { notNull: true }),
    column('valid_to', timestamp),
  ],
  primaryKey: ['user_id', 'valid_from'],
  acceptedValues: { level: ['free', 'paid'] },
  redshift: { distStyle: 'all', sortKey: ['user_id', 'valid_from'] },
};

export const songs: TableDefinition = {
  name: 'songs',
  layer: 'dimension',
  description: 'One row per song id. year is NULL where the source says 0 (unknown).',
  columns: [
    column('song_id', text(64), { notNull: true }),
    column('title', text(512)),
    column('artist_id', text(64), { references: { table: 'artists', column: 'artist_id' } }),
    column('year', smallint),
    column('duration', double),
  ],
  primaryKey: ['song_id'],
  // ALL: a copy on every node, so joining the fact table to it (analytics) moves no rows; ~15k rows.
  redshift: { distStyle: 'all', sortKey: ['song_id'] },
};

export const artists: TableDefinition = {
  name: 'artists',
  layer: 'dimension',
  description: 'One row per artist id; where an id has several names or locations, the most complete row wins (then the smallest name).',
  columns: [
    column('artist_id', text(64), { notNull: true }),
    column('name', text(512)),
    column('location', text(512)),
    column('latitude', double),
    column('longitude', double),
  ],
  primaryKey: ['artist_id'],
  redshift: { distStyle: 'all', sortKey: ['artist_id'] },
};

export const time: TableDefinition = {
  name: 'time',
  layer: 'dimension',
  description: 'One row per distinct songplays.start_time, broken into UTC parts (weekday 0 = Sunday).',
  columns: [
    column('start_time', timestamp, { notNull: true }),
    column('hour', smallint, { notNull: true }),
    column('day', smallint, { notNull: true }),
    column('week', smallint, { notNull: true }),
    column('month', smallint, { notNull: true }),
    column('year', smallint, { notNull: true }),
    column('weekday', smallint, { notNull: true }),
  ],
  primaryKey: ['start_time'],
  redshift: { distStyle: 'key', distKey: 'start_time', sortKey: ['start_time'] },
};

export const songplays: TableDefinition = {
  name: 'songplays',
  layer: 'fact',
  description: 'One row per NextSong event; song and artist found by title + artist name, closest duration wins.',
  columns: [
    column('songplay_id', bigint, { notNull: true, identity: true }),
    column('start_time', timestamp, { notNull: true, references: { table: 'time', column: 'start_time' } }),
    column('user_id', text(64), { references: { table: 'users', column: 'user_id' } }),
    column('level', text(16), { notNull: true }),
    column('song_id', text(64), { references: { table: 'songs', column: 'song_id' } }),
    column('artist_id', text(64), { references: { table: 'artists', column: 'artist_id' } }),
    column('session_id', integer, { notNull: true }),
    column('item_in_session', integer, { notNull: true }),
    column('location', text(512)),
    column('user_agent', text(512)),
  ],
  primaryKey: ['songplay_id'],
  unique: [['session_id', 'item_in_session']],
  acceptedValues: { level: ['free', 'paid'] },
  redshift: { distStyle: 'key', distKey: 'start_time', sortKey: ['start_time'] },
};

/** Records the staging loader rejected, like Redshift's stl_load_errors; kept even when a load rolls back. */
export const loadErrors: TableDefinition = {
  name: 'sparkify_load_errors',
  layer: 'audit',
  description: 'Records rejected by staging loads: where they came from and why.',
  columns: [
    column('load_id', text(64), { notNull: true }),
    column('recorded_at', timestamp, { notNull: true }),
    column('table_name', text(128), { notNull: true }),
    column('source', text(1024), { notNull: true }),
    column('line', integer),
    column('column_name', text(128)),
    column('field', text(256)),
    column('raw_text', text(1024)),
    column('reason', text(1024), { notNull: true }),
  ],
  redshift: { distStyle: 'even' },
};

/**
 * One row per etl run, full or by partition, succeeded or failed (src/runs/). Created on first use and
 * never dropped by create-tables, so the history outlives a rebuild of the schema.
 */
export const runsTable: TableDefinition = {
  name: 'sparkify_runs',
  layer: 'audit',
  description: 'Every etl run: when, how, what it loaded, what its checks said, and how it ended.',
  columns: [
    column('run_id', text(64), { notNull: true }),
    column('started_at', timestamp, { notNull: true }),
    column('finished_at', timestamp),
    column('status', text(16), { notNull: true, description: 'running, succeeded or failed' }),
    column('mode', text(16), { notNull: true, description: 'full or partition' }),
    column('partitions', text(4096), { description: 'the days loaded, comma-separated (YYYY-MM-DD); empty for a full refresh' }),
    column('table_rows', text(4096), { description: 'JSON: rows per table (staging as loaded, star tables as published or built)' }),
    column('rejects', integer, { description: 'records rejected within MAXERROR' }),
    column('day_events', text(65535), { description: 'JSON: events per day (YYYY-MM-DD) of the days the run loaded' }),
    column('check_results', text(65535), { description: 'JSON: one entry per check (name, severity, passed, failing rows)' }),
    column('error', text(4096)),
  ],
  primaryKey: ['run_id'],
};

/**
 * The song files staging_songs holds, as listed when they were loaded (src/load/song-manifest.ts): a
 * partition run loads only files that are not here. Created on first use; emptied by a full refresh.
 */
export const songManifest: TableDefinition = {
  name: 'sparkify_song_manifest',
  layer: 'audit',
  description: 'Every song file loaded into staging_songs: key, size, and ETag or modification time.',
  columns: [column('source_key', text(1024), { notNull: true }), column('size', bigint, { notNull: true }), column('version', text(256))],
  primaryKey: ['source_key'],
};

export const STAGING_TABLES: readonly TableDefinition[] = [stagingEvents, stagingSongs];
/** In creation order: a table comes after every table it references. */
export const STAR_TABLES: readonly TableDefinition[] = [users, userLevelHistory, artists, songs, time, songplays];
export const ALL_TABLES: readonly TableDefinition[] = [...STAGING_TABLES, ...STAR_TABLES, loadErrors];

export function tableNamed(name: string): TableDefinition {
  const table = ALL_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`no table definition named ${name}`);
  return table;
}
