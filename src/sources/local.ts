import { createReadStream, readFileSync, statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../errors.ts';
import type { SourceObject, SourceReader } from './types.ts';

/**
 * Local folders read as Redshift reads S3: a path is a key prefix. `data/song_data` matches
 * `data/song_data/A/B/C/x.json` and also `data/song_data_extra.json`; a trailing slash limits it to the folder.
 */
export class LocalSourceReader implements SourceReader {
  async list(prefix: string): Promise<SourceObject[]> {
    const resolved = path.resolve(prefix);
    const endsWithSeparator = /[\\/]$/.test(prefix);
    const folder = endsWithSeparator ? resolved : path.dirname(resolved);
    const namePrefix = endsWithSeparator ? '' : path.basename(resolved);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new SourceError(prefix, `cannot list ${folder}: ${(error as Error).message}`, { cause: error });
    }
    const files: string[] = [];
    for (const entry of entries) {
      if (!entry.name.startsWith(namePrefix)) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) files.push(...(await walk(full)));
      else if (entry.isFile()) files.push(full);
    }
    files.sort(compareKeys);
    // Synchronous stat and read: for thousands of tiny files they are several times faster than
    // the thread-pool round trips of the async calls, and each takes microseconds.
    return files.map((file) => {
      const stat = statSync(file);
      return localObject(file, stat.size, String(stat.mtimeMs));
    });
  }

  async readText(uri: string): Promise<string> {
    try {
      return await readFile(uri, 'utf8');
    } catch (error) {
      throw new SourceError(uri, `cannot read: ${(error as Error).message}`, { cause: error });
    }
  }
}

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

/** Key order, as S3 lists keys (UTF-16 order equals UTF-8 byte order outside rare astral characters). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function localObject(file: string, size: number, version?: string): SourceObject {
  return {
    uri: file,
    size,
    ...(version === undefined ? {} : { version }),
    open: () => createReadStream(file, { highWaterMark: 256 * 1024 }),
    read: async () => readFileSync(file),
  };
}
