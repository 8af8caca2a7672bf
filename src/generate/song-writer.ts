/**
 * Writes song_data/A/B/C/TR....json files, `songsPerFile` song objects per file (one per file, like
 * the real data, by default; several are written back to back, separated by a newline). Files are
 * written with at most `concurrency` in flight (src/pool.ts), each directory created once, and every song's
 * (title, artist) pair goes into the pair filter that keeps non-matching plays out of the catalog.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { forEachConcurrently } from '../pool.ts';
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

  // Files are made one at a time as the pool asks for the next, so at most `concurrency` texts are held.
  function* files(): Generator<{ path: string; text: string }> {
    const fileCount = Math.ceil(catalog.songs / songsPerFile);
    for (let file = 0; file < fileCount; file++) {
      const first = file * songsPerFile;
      const last = Math.min(catalog.songs, first + songsPerFile);
      const objects: string[] = [];
      for (let i = first; i < last; i++) {
        const song = catalog.song(i);
        input.filter.add(quirkyText(song.title), quirkyText(song.artist.name));
        objects.push(songJson(song));
      }
      const text = objects.join('\n');
      totals.files++;
      totals.songs += last - first;
      totals.bytes += text.length;
      input.onSongs?.(totals.songs, totals.bytes);
      yield { path: join(input.root, songFilePath(trackId(file, input.keys, input.folderLetters))), text };
    }
  }

  await forEachConcurrently(files(), input.concurrency, async ({ path, text }) => {
    const dir = dirname(path);
    let ready = directories.get(dir);
    if (ready === undefined) {
      ready = mkdir(dir, { recursive: true });
      directories.set(dir, ready);
    }
    await ready;
    await writeFile(path, text);
  });
  return totals;
}
