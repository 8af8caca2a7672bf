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
  for (const top of folders) {
    const pending = [top];
    while (pending.length > 0) {
      const folder = pending.pop()!;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          pending.push(full);
          continue;
        }
        const text = readFileSync(full, 'utf8');
        files++;
        bytes += Buffer.byteLength(text);
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          JSON.parse(line);
          records++;
        }
      }
    }
  }
  return { files, records, bytes };
}
