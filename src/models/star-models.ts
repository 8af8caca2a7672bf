import { artists, songplays, songs, time, userLevelHistory, users } from '../schema/tables.ts';
import type { Model } from './model.ts';

/** The star schema's models, in the order they are written: a table after every table it references. */
export const STAR_MODELS: readonly Model[] = Object.freeze([
  { table: users, select: 'transform/users' },
  { table: userLevelHistory, select: 'transform/user_level_history' },
  { table: artists, select: 'transform/artists' },
  { table: songs, select: 'transform/songs' },
  { table: time, select: 'transform/time' },
  { table: songplays, select: 'transform/songplays' },
]);
