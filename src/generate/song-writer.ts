/**
 * Writes song_data/A/B/C/TR....json files, `songsPerFile` song objects per file (one per file, like
 * the real data, by default; several are written back to back, separated by a newline). Files are
 * written with at most `concurrency` in flight, each directory created once, and every song's
 * (title, artist) pair goes into the pair filter that keeps non-matching plays out of the catalog.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PairFilter } from './bloom.ts';
import type { Catalog } from './catalog.ts';
import { type IdKeys, songFilePath, trackId } from './ids.ts';
import { quirkyText } from './json-text.ts';
import { songJson } from './song-json.ts';

export interface SongWriteInput {
  readonly root: string;
  readonly catalog: Catalog;
  readonly keys: IdKeys;
  readonly filter: PairFilter;
  readonly songsPerFile: number;
  readonly folderLetters: number;
  readonly concurrency: number;
  readonly onSongs?: (done: number, bytes: number) => void;
}

export interface SongWriteTotals {
  files: number;
  songs: number;
  bytes: number;
}

export async function writeSongFiles(input: SongWriteInput): Promise<SongWriteTotals> {
  const { catalog, songsPerFile } = input;
  const totals: SongWriteTotals = { files: 0, songs: 0, bytes: 0 };
  const directories = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const fileCount = Math.ceil(catalog.songs / songsPerFile);
  for (let file = 0; file < fileCount && failure === undefined; file++) {
    const first = file * songsPerFile;
    const last = Math.min(catalog.songs, first + songsPerFile);
    const objects: string[] = [];
    for (let i = first; i < last; i++) {
      const song = catalog.song(i);
      input.filter.add(quirkyText(song.title), quirkyText(song.artist.name));
      objects.push(songJson(song));
    }
    const text = objects.join('\n');
    const path = join(input.root, songFilePath(trackId(file, input.keys, input.folderLetters)));
    const dir = dirname(path);
    let ready = directories.get(dir);
    if (ready === undefined) {
      ready = mkdir(dir, { recursive: true });
      directories.set(dir, ready);
    }
    const write = ready
      .then(() => writeFile(path, text))
      .then(
        () => {
          inFlight.delete(write);
        },
        (error: unknown) => {
          inFlight.delete(write);
          failure ??= error;
        },
      );
    inFlight.add(write);
    totals.files++;
    totals.songs += last - first;
    totals.bytes += text.length;
    input.onSongs?.(totals.songs, totals.bytes);
    if (inFlight.size >= input.concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return totals;
}
