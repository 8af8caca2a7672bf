/**
 * generateDataset: the catalog's song files first (which also fills the pair filter), then the
 * event logs, then the JSONPaths file (last, so that its presence means the dataset is complete). Progress is reported per phase, about every 1% of the phase
 * (at most every 100,000 rows).
 */
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PairFilter } from './bloom.ts';
import { Catalog } from './catalog.ts';
import { GenerateError } from './errors.ts';
import { MS_OFFSET, simulateEvents } from './events.ts';
import { idKeys } from './ids.ts';
import { jsonPathsText } from './jsonpaths.ts';
import { LogWriter } from './log-writer.ts';
import { type GenerateOptions, type GenerationPlan, planGeneration } from './options.ts';
import { PlayPicker } from './plays.ts';
import { writeSongFiles } from './song-writer.ts';
import { UserPool } from './users.ts';

export interface GenerateProgress {
  phase: 'songs' | 'events';
  done: number;
  total: number;
  /** Bytes written so far over all files. */
  bytes: number;
}

export interface GenerateResult {
  outDir: string;
  songFiles: number;
  songs: number;
  logFiles: number;
  events: number;
  nextSongEvents: number;
  /** NextSong events whose song + artist are a catalog title + artist_name (as text). */
  matchedPlays: number;
  /** Distinct non-empty userIds in the events. */
  users: number;
  bytes: number;
  elapsedMs: number;
}

const DATASET_ENTRIES = ['song_data', 'log_data', 'log_json_path.json'] as const;

export async function generateDataset(options: GenerateOptions, onProgress?: (progress: GenerateProgress) => void): Promise<GenerateResult> {
  const started = performance.now();
  const plan = planGeneration(options);
  await prepareOutDir(plan);

  const keys = idKeys(plan.seed);
  const catalog = new Catalog(plan.seed, plan.songs, keys);
  const filter = new PairFilter(plan.songs);
  const songProgress = throttle('songs', plan.songs, onProgress);
  const songTotals = await writeSongFiles({
    root: plan.outDir,
    catalog,
    keys,
    filter,
    songsPerFile: plan.songsPerFile,
    folderLetters: plan.folderLetters,
    concurrency: plan.fileConcurrency,
    onSongs: (done, bytes) => songProgress(done, bytes),
  }).catch((error: unknown) => {
    throw new GenerateError(`writing song files under ${plan.outDir} failed`, { cause: error });
  });

  const bytesBeforeEvents = songTotals.bytes;

  const writer = new LogWriter(plan.outDir);
  const users = new UserPool(plan.seed, plan.users, plan.startSec, MS_OFFSET);
  const plays = new PlayPicker(plan.seed, catalog, filter, plan.matchRate, plan.outsideSongs);
  const eventProgress = throttle('events', plan.events, onProgress);
  let totals;
  try {
    totals = await simulateEvents({
      seed: plan.seed,
      events: plan.events,
      startSec: plan.startSec,
      users,
      plays,
      writer,
      onRow: onProgress ? (done) => eventProgress(done, bytesBeforeEvents + writer.bytes) : undefined,
    });
  } catch (error) {
    const closeError = await writer.abort();
    throw new GenerateError(`writing event logs under ${plan.outDir} failed`, {
      cause: closeError === undefined ? error : new AggregateError([error, closeError]),
    });
  }

  // Written last: its presence marks a complete dataset (callers test for it).
  const jsonPaths = jsonPathsText();
  await writeFile(join(plan.outDir, 'log_json_path.json'), jsonPaths);

  return {
    outDir: plan.outDir,
    songFiles: songTotals.files,
    songs: songTotals.songs,
    logFiles: writer.files,
    events: totals.events,
    nextSongEvents: totals.nextSongEvents,
    matchedPlays: totals.matchedPlays,
    users: totals.users,
    bytes: bytesBeforeEvents + writer.bytes + jsonPaths.length,
    elapsedMs: Math.round(performance.now() - started),
  };
}

async function prepareOutDir(plan: GenerationPlan): Promise<void> {
  const existing: string[] = [];
  for (const entry of DATASET_ENTRIES) {
    if (await exists(join(plan.outDir, entry))) existing.push(entry);
  }
  if (existing.length > 0 && !plan.overwrite) {
    throw new GenerateError(`${plan.outDir} already holds ${existing.join(', ')}; remove them or pass overwrite: true`);
  }
  for (const entry of existing) await rm(join(plan.outDir, entry), { recursive: true, force: true });
  await mkdir(join(plan.outDir, 'song_data'), { recursive: true });
  await mkdir(join(plan.outDir, 'log_data'), { recursive: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new GenerateError(`cannot inspect ${path}`, { cause: error });
  }
}

function throttle(
  phase: GenerateProgress['phase'],
  total: number,
  onProgress: ((progress: GenerateProgress) => void) | undefined,
): (done: number, bytes: number) => void {
  if (!onProgress) return () => {};
  const step = Math.max(1, Math.min(100_000, Math.ceil(total / 100)));
  let next = step;
  return (done, bytes) => {
    if (done < next && done !== total) return;
    next = done + step;
    onProgress({ phase, done, total, bytes });
  };
}
