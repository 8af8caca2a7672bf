import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ReadParseResult {
  readonly files: number;
  readonly records: number;
  readonly bytes: number;
}

/**
 * The floor of reading the input: every file under the folders read whole (one synchronous read, no
 * stream) and every line parsed with JSON.parse, nothing mapped, coerced or written. Folders are
 * walked one at a time, so the floor itself holds no listing.
 */
export function readAndParseAll(folders: readonly string[]): ReadParseResult {
  let files = 0;
  let records = 0;
  let bytes = 0;
  forEachFile(folders, (file) => {
    const text = readFileSync(file, 'utf8');
    files++;
    bytes += Buffer.byteLength(text);
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      JSON.parse(line);
      records++;
    }
  });
  return { files, records, bytes };
}

/**
 * Every file under the folders read once as bytes and dropped, so that the timed readers after it find
 * a warm page cache. Bytes only (buffers outside the JS heap, nothing parsed): the warm-up must not
 * leave a heap behind that the peak RSS of the ETL measured next would count.
 */
export function warmPageCache(folders: readonly string[]): number {
  let bytes = 0;
  forEachFile(folders, (file) => {
    bytes += readFileSync(file).length;
  });
  return bytes;
}

/** Calls `visit` with every file under the folders, one folder at a time (no listing held). */
export function forEachFile(folders: readonly string[], visit: (file: string) => void): void {
  for (const top of folders) {
    const pending = [top];
    while (pending.length > 0) {
      const folder = pending.pop()!;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) pending.push(full);
        else visit(full);
      }
    }
  }
}
