import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../errors.ts';
import { collectObjects, type SourceObject, type SourceReader } from './types.ts';

/**
 * Local folders read as Redshift reads S3: a path is a key prefix. `data/song_data` matches
 * `data/song_data/A/B/C/x.json` and also `data/song_data_extra.json`; a trailing slash limits it to the folder.
 *
 * The listing is streamed: folders are walked one at a time in key order (each folder's entries
 * sorted as their keys sort, a folder's name counting as `name/`), so files come out in the order
 * S3 would list the same keys, and only the folders on the current path are held in memory.
 * Symbolic links are followed (a link back to a folder above it is an error: a loop); anything that
 * is not a regular file or a folder (FIFO, socket, device) is refused from its stat, never opened.
 */
export class LocalSourceReader implements SourceReader {
  async *objects(prefix: string): AsyncGenerator<SourceObject> {
    const resolved = path.resolve(prefix);
    const endsWithSeparator = /[\\/]$/.test(prefix);
    const folder = endsWithSeparator ? resolved : path.dirname(resolved);
    const namePrefix = endsWithSeparator ? '' : path.basename(resolved);
    const top = await readFolder(prefix, folder, namePrefix);
    if (top === undefined) return;
    const stack: Folder[] = [top];
    while (stack.length > 0) {
      const current = stack.at(-1)!;
      const entry = current.entries[current.next++];
      if (entry === undefined) {
        stack.pop();
        continue;
      }
      if (entry.kind === 'file') {
        yield localObject(entry.path, entry.size);
        continue;
      }
      const real = realpathOf(prefix, entry.path);
      const loop = stack.find((f) => f.real === real);
      if (loop) throw new SourceError(entry.path, `symbolic link loop: it leads back to ${loop.path}, which holds it`);
      const inner = await readFolder(prefix, entry.path, '');
      if (inner) stack.push(inner);
    }
  }

  /**
   * Collected, each stat'ed for its size and modification time (a listing given whole has its totals
   * from the start, and the song manifest compares versions).
   */
  async list(prefix: string): Promise<SourceObject[]> {
    const objects = await collectObjects(this.objects(prefix));
    return objects.map((object) => {
      const stats = statOf(object.uri);
      return localObject(object.uri, regularFileSize(object.uri, object.uri, stats), String(stats.mtimeMs));
    });
  }

  async readText(uri: string): Promise<string> {
    regularFileSize(uri, uri);
    try {
      return await readFile(uri, 'utf8');
    } catch (error) {
      throw new SourceError(uri, `cannot read: ${(error as Error).message}`, { cause: error });
    }
  }
}

interface Entry {
  readonly kind: 'file' | 'folder';
  readonly path: string;
  readonly size: number | undefined;
  /** Sorts as the entry's keys sort: the name, with `/` after a folder's. */
  readonly key: string;
}

interface Folder {
  readonly path: string;
  readonly real: string;
  readonly entries: readonly Entry[];
  next: number;
}

/** The entries of `folder` whose names start with `namePrefix`, in key order; undefined if the folder does not exist. */
async function readFolder(prefix: string, folder: string, namePrefix: string): Promise<Folder | undefined> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SourceError(prefix, `cannot list ${folder}: ${(error as Error).message}`, { cause: error });
  }
  const entries: Entry[] = [];
  let astral = false;
  for (const dirent of dirents) {
    if (!dirent.name.startsWith(namePrefix)) continue;
    const full = path.join(folder, dirent.name);
    let isFolder = dirent.isDirectory();
    let size: number | undefined;
    if (!isFolder && !dirent.isFile()) {
      // Symbolic links and special files are stat'ed to learn what they are (special files are refused
      // here). Regular files are not: their size is learnt when they are opened (a stat per file saved).
      const stats = statOf(full);
      isFolder = stats.isDirectory();
      if (!isFolder) size = regularFileSize(full, full, stats);
    }
    const key = isFolder ? `${dirent.name}/` : dirent.name;
    astral ||= /[\uD800-\uDFFF]/.test(key);
    entries.push({ kind: isFolder ? 'folder' : 'file', path: full, size, key });
  }
  // JavaScript compares UTF-16 units, which is UTF-8 byte order except for characters above U+FFFF.
  if (astral) entries.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  else entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { path: folder, real: realpathOf(prefix, folder), entries, next: 0 };
}

/** stat (following links): a broken link is an error naming it. */
function statOf(file: string): Stats {
  try {
    return statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const brokenLink = code === 'ENOENT' && lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink();
    const detail = brokenLink ? 'a symbolic link to nothing (its target does not exist)' : code === 'ELOOP' ? 'a symbolic link loop' : (error as Error).message;
    throw new SourceError(file, `cannot read: ${detail}`, { cause: error });
  }
}

/** The size of a regular file; anything else (FIFO, socket, device, folder) is refused before it is opened. */
function regularFileSize(file: string, shownAs: string, stats: Stats = statOf(file)): number {
  if (stats.isFile()) return stats.size;
  throw new SourceError(shownAs, `is ${describeKind(stats)}, not a regular file: refusing to read it`);
}

function describeKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a folder';
  return 'a special file';
}

function realpathOf(prefix: string, folder: string): string {
  try {
    return realpathSync(folder);
  } catch (error) {
    throw new SourceError(prefix, `cannot resolve ${folder}: ${(error as Error).message}`, { cause: error });
  }
}

function localObject(file: string, size: number | undefined, version?: string): SourceObject {
  return {
    uri: file,
    size,
    ...(version === undefined ? {} : { version }),
    localPath: file,
    open: () => createReadStream(file, { highWaterMark: 256 * 1024 }),
    read: async () => readFileSync(file),
    // Synchronous read: for thousands of tiny files it is several times faster than the thread-pool
    // round trips of the async call, and each takes microseconds.
    readSmall: async (limit) => readLocalFile(file, size, limit),
  };
}

/**
 * A small file whole in four system calls: open (non-blocking, so a FIFO put in a regular file's
 * place cannot hang it), fstat when the listing did not give the size (cheaper than a stat by path),
 * one read, close. A read that fills one byte more than the size means the file grew since: it is
 * then read again whole. Undefined when the file is larger than `limit`. With `scratch`, the bytes
 * are read into it when they fit (the result is then a view of it, valid until its next use).
 */
export function readLocalFile(file: string, listedSize: number | undefined, limit: number, scratch?: Buffer): Buffer | undefined {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  let buffer: Buffer;
  let length: number;
  let size: number;
  try {
    if (listedSize === undefined) {
      const stats = fstatSync(fd);
      size = regularFileSize(file, file, stats);
    } else size = listedSize;
    if (size > limit) return undefined;
    buffer = scratch !== undefined && scratch.length > size ? scratch : Buffer.allocUnsafe(size + 1);
    length = readSync(fd, buffer, 0, size + 1, 0);
    while (length > 0 && length < size) {
      const more = readSync(fd, buffer, length, size + 1 - length, length);
      if (more === 0) break;
      length += more;
    }
  } finally {
    closeSync(fd);
  }
  return length > size ? readFileSync(file) : buffer.subarray(0, length);
}
