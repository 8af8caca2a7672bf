/** Every data-quality check the pipeline runs, in its order: what a passing run reports, exactly. */
export const ALL_CHECK_NAMES: readonly string[] = [
  'unique users(user_id)',
  'not_null users.user_id',
  'accepted_values users.level in (free, paid)',
  'unique user_level_history(user_id, valid_from)',
  'not_null user_level_history.user_id',
  'not_null user_level_history.valid_from',
  'relationships user_level_history.user_id -> users.user_id',
  'accepted_values user_level_history.level in (free, paid)',
  'unique artists(artist_id)',
  'not_null artists.artist_id',
  'unique songs(song_id)',
  'not_null songs.song_id',
  'relationships songs.artist_id -> artists.artist_id',
  'unique time(start_time)',
  'not_null time.start_time',
  'unique songplays(songplay_id)',
  'unique songplays(session_id, item_in_session)',
  'not_null songplays.songplay_id',
  'relationships songplays.start_time -> time.start_time',
  'relationships songplays.user_id -> users.user_id',
  'relationships songplays.song_id -> songs.song_id',
  'relationships songplays.artist_id -> artists.artist_id',
  'accepted_values songplays.level in (free, paid)',
  'songplays_match_next_song_events',
  'time_matches_songplays',
  'users_match_event_users',
  'user_level_history_one_current_row',
  'user_level_history_current_matches_users',
];

/** The results of a run where every check passed: name, passed, no failing rows, empty sample. */
export const ALL_CHECKS_PASSED = ALL_CHECK_NAMES.map((name) => ({ name, passed: true, failingRows: 0, sample: [] }));
