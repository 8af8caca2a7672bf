import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import type { BenchDataset } from './datasets.ts';
import { forEachFile } from './read-parse-floor.ts';

/** The public data's size, for labels (the benchmark counts what it loads). */
const PUBLIC_EVENTS = 8056;
const PUBLIC_SONG_FILES = 14896;
/** Copy k of an event is shifted this much later in time, so copies are different plays, sessions and days. */
const COPY_SHIFT_MS = 30 * 24 * 3600 * 1000;
/** Session ids of copy k start at k times this (the public data's are below 1,200). */
const SESSION_STRIDE = 100_000;
/** User ids of copy k start at k times this (the public data's are below 1,000). */
const USER_STRIDE = 10_000;

/** The public data itself, as a bench dataset (what copy 0 of a scaled one is). */
export function publicDataset(root: string): BenchDataset {
  return { label: 'public Sparkify data', root, events: PUBLIC_EVENTS, songs: PUBLIC_SONG_FILES };
}

/**
 * The public data scaled `factor` times in the shape of the real catalog: every song file keeps
 * holding one song (so `factor` times as many files), every log file is copied `factor` times. Copy
 * k (k >= 1) renames what must stay distinct (song and artist ids get `-k`, titles and artist names
 * ` #k` in songs and events alike, so each copy's plays match that copy's songs only), offsets session
 * and user ids, and shifts timestamps by k months. Copy 0 is the public data itself. Generated once
 * into `cacheDir` and reused while `factor` is the same (a marker is written last).
 */
export async function ensureScaledPublic(cacheDir: string, publicRoot: string, factor: number, logger: Logger): Promise<BenchDataset> {
  const root = path.join(cacheDir, `public-x${factor}`);
  const marker = path.join(root, 'scaled.json');
  const label = `public data x${factor}, one song per file`;
  const dataset = { label, root, events: PUBLIC_EVENTS * factor, songs: PUBLIC_SONG_FILES * factor };
  const options = JSON.stringify({ factor, version: 1 });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === options) return dataset;
  logger.info(`writing the public data x${factor} (${(PUBLIC_SONG_FILES * factor).toLocaleString('en-US')} one-song files) into ${root}; reused afterwards`);
  await rm(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'log_json_path.json'), readFileSync(path.join(publicRoot, 'log_json_path.json')));
  const songFiles = filesUnder(path.join(publicRoot, 'song_data'));
  const logFiles = filesUnder(path.join(publicRoot, 'log_data'));
  const songs = songFiles.map((file) => ({ relative: path.relative(publicRoot, file), text: readFileSync(file, 'utf8') }));
  const logs = logFiles.map((file) => ({ relative: path.relative(publicRoot, file), text: readFileSync(file, 'utf8') }));
  const made = new Set<string>();
  for (let k = 0; k < factor; k++) {
    for (const song of songs) {
      const parsed = path.parse(song.relative);
      const target = path.join(root, parsed.dir, k === 0 ? parsed.base : `${parsed.name}-${k}${parsed.ext}`);
      ensureFolder(path.dirname(target), made);
      writeFileSync(target, k === 0 ? song.text : scaledSong(song.text, k));
    }
    for (const log of logs) {
      // Copies of the log files go into folders of their own: log_data/k7/2018/11/...
      const target = k === 0 ? path.join(root, log.relative) : path.join(root, 'log_data', `k${k}`, path.relative('log_data', log.relative));
      ensureFolder(path.dirname(target), made);
      writeFileSync(target, k === 0 ? log.text : scaledEvents(log.text, k));
    }
    if (k % 10 === 9) logger.info(`  ${k + 1}/${factor} copies written`);
  }
  writeFileSync(marker, options);
  return dataset;
}

/** Song k of a one-song file: distinct ids, titles and artist names, same bytes otherwise. */
export function scaledSong(text: string, k: number): string {
  return text
    .replace(/("(?:song_id|artist_id)"\s*:\s*"[^"]*)"/g, (_, head: string) => `${head}-${k}"`)
    .replace(/("(?:title|artist_name)"\s*:\s*"(?:[^"\\]|\\.)*)"/g, (_, head: string) => `${head} #${k}"`);
}

/** Copy k of a log file's events: the same plays by other users in other sessions k months later, of copy k's songs. */
export function scaledEvents(text: string, k: number): string {
  return text
    .replace(/("(?:song|artist)"\s*:\s*"(?:[^"\\]|\\.)*)"/g, (_, head: string) => `${head} #${k}"`)
    .replace(/("sessionId"\s*:\s*)(\d+)/g, (_, head: string, id: string) => `${head}${Number(id) + k * SESSION_STRIDE}`)
    .replace(/("userId"\s*:\s*")(\d+)"/g, (_, head: string, id: string) => `${head}${Number(id) + k * USER_STRIDE}"`)
    .replace(/("ts"\s*:\s*)(\d+)/g, (_, head: string, ts: string) => `${head}${Number(ts) + k * COPY_SHIFT_MS}`);
}

function ensureFolder(folder: string, made: Set<string>): void {
  if (made.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  made.add(folder);
}

function filesUnder(folder: string): string[] {
  const files: string[] = [];
  forEachFile([folder], (file) => {
    if (file.endsWith('.json')) files.push(file);
  });
  return files.sort();
}
