/**
 * Options of the generator, checked once and turned into a frozen plan with every derived size.
 *
 * Scaling: the log always spans about `DAYS` days (30, like the real November 2018 logs) and the
 * listener pool grows with the event count, ~83 events per user over the month as in the real data
 * (8,056 events, 97 users). 10 million events give ~120,000 users and day files of ~330,000 lines.
 * The simulation writes exactly `events` events, so the last day is where the count runs out; the
 * span is 30 days give or take a few.
 */
import { GenerateError } from './errors.ts';

export interface GenerateOptions {
  /** Dataset root: song_data/, log_data/ and log_json_path.json are written under it. */
  outDir: string;
  /** Exact number of events written. */
  events: number;
  /** Songs in the catalog. */
  songs: number;
  /** Same options and seed give the same bytes. */
  seed: number;
  /** Song objects per file; default 1 as in the real data. */
  songsPerFile?: number;
  /** First day (UTC), YYYY-MM-DD; default 2018-11-01. */
  startDate?: string;
  /** Share of NextSong plays whose title + artist are a catalog song; default 333/6820 as real. */
  matchRate?: number;
  /** Replace song_data/, log_data/ and log_json_path.json when outDir already has them. */
  overwrite?: boolean;
}

export const DAYS = 30;
/** Events per user per day the simulation produces on average (measured, see README). */
export const EVENTS_PER_USER_DAY = 2.75;
export const DEFAULT_MATCH_RATE = 333 / 6820;
const NEXT_SONG_SHARE = 6820 / 8056;
/** Songs per top-level folder letter before the catalog spreads to the next letter. */
const SONGS_PER_FOLDER_LETTER = 15_000;
const FILE_CONCURRENCY = 64;

export interface GenerationPlan {
  readonly outDir: string;
  readonly events: number;
  readonly songs: number;
  readonly seed: number;
  readonly songsPerFile: number;
  readonly startDate: string;
  readonly startSec: number;
  readonly matchRate: number;
  readonly overwrite: boolean;
  readonly users: number;
  readonly songFiles: number;
  readonly folderLetters: number;
  readonly outsideSongs: number;
  readonly fileConcurrency: number;
}

export function planGeneration(options: GenerateOptions): GenerationPlan {
  const problems: string[] = [];
  const wholeNumber = (name: string, value: unknown, min: number) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      problems.push(`${name} must be an integer >= ${min} (got ${String(value)})`);
    }
  };
  if (typeof options.outDir !== 'string' || options.outDir === '') problems.push('outDir must be a non-empty path');
  wholeNumber('events', options.events, 0);
  wholeNumber('songs', options.songs, 0);
  if (typeof options.seed !== 'number' || !Number.isFinite(options.seed)) {
    problems.push(`seed must be a finite number (got ${String(options.seed)})`);
  }
  const songsPerFile = options.songsPerFile ?? 1;
  wholeNumber('songsPerFile', songsPerFile, 1);
  const startDate = options.startDate ?? '2018-11-01';
  const startMs = Date.parse(`${startDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(startMs)) {
    problems.push(`startDate must be a date YYYY-MM-DD (got ${JSON.stringify(startDate)})`);
  }
  const matchRate = options.matchRate ?? DEFAULT_MATCH_RATE;
  if (typeof matchRate !== 'number' || !(matchRate >= 0 && matchRate <= 1)) {
    problems.push(`matchRate must be between 0 and 1 (got ${String(matchRate)})`);
  }
  if (options.songs === 0 && matchRate > 0 && options.events > 0 && options.matchRate !== undefined) {
    problems.push('matchRate > 0 needs songs > 0');
  }
  if (problems.length > 0) throw new GenerateError(`Invalid generate options:\n  ${problems.join('\n  ')}`);

  const songFiles = Math.ceil(options.songs / songsPerFile);
  const expectedOutsidePlays = options.events * NEXT_SONG_SHARE * (options.songs > 0 ? 1 - matchRate : 1);
  return Object.freeze({
    outDir: options.outDir,
    events: options.events,
    songs: options.songs,
    seed: options.seed,
    songsPerFile,
    startDate,
    startSec: startMs / 1000,
    matchRate: options.songs > 0 ? matchRate : 0,
    overwrite: options.overwrite ?? false,
    users: Math.max(1, Math.round(options.events / (DAYS * EVENTS_PER_USER_DAY))),
    songFiles,
    folderLetters: Math.min(26, Math.max(1, Math.ceil(songFiles / SONGS_PER_FOLDER_LETTER))),
    outsideSongs: Math.max(1000, Math.round(5 * expectedOutsidePlays)),
    fileConcurrency: FILE_CONCURRENCY,
  });
}
