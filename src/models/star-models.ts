import { artists, songplays, songs, time, userLevelHistory, users } from '../schema/tables.ts';
import type { Model } from './model.ts';

/** The star schema's models, in the order they are written: a table after every table it references. */
export const STAR_MODELS: readonly Model[] = Object.freeze([
  { table: users, select: 'transform/users', reads: 'staging_events' },
  { table: userLevelHistory, select: 'transform/user_level_history', reads: 'staging_events' },
  { table: artists, select: 'transform/artists', reads: 'staging_songs' },
  { table: songs, select: 'transform/songs', reads: 'staging_songs' },
  { table: time, select: 'transform/time', reads: 'staging_events' },
  { table: songplays, select: 'transform/songplays', reads: 'staging_events' },
]);
