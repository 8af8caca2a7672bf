/** Test helpers: read a generated dataset back, hash it, make temporary roots. */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DatasetFile {
  /** Path relative to the dataset root, with '/' separators. */
  readonly path: string;
  readonly raw: string;
}

export interface Dataset {
  readonly songFiles: DatasetFile[];
  readonly logFiles: DatasetFile[];
  readonly jsonPaths: string;
}

export async function tempRoot(label: string): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), `sparkify-gen-${label}-`));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

export async function readDataset(root: string): Promise<Dataset> {
  const files = await listFiles(root);
  const read = (path: string) => readFile(join(root, path), 'latin1');
  const songFiles: DatasetFile[] = [];
  const logFiles: DatasetFile[] = [];
  for (const path of files) {
    if (path.startsWith('song_data/')) songFiles.push({ path, raw: await read(path) });
    else if (path.startsWith('log_data/')) logFiles.push({ path, raw: await read(path) });
  }
  return { songFiles, logFiles, jsonPaths: await read('log_json_path.json') };
}

/** sha256 over every file's relative path and bytes, in path order. */
export async function hashTree(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const path of await listFiles(root)) {
    hash.update(path);
    hash.update('\0');
    hash.update(await readFile(join(root, path)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type SongObject = Record<string, Json>;
export type EventObject = Record<string, Json>;

export const parseSongs = (file: DatasetFile): SongObject[] => file.raw.split('\n').map((text) => JSON.parse(text) as SongObject);

export const parseEvents = (file: DatasetFile): EventObject[] => file.raw.split('\n').map((text) => JSON.parse(text) as EventObject);

/** The public copy of the real data, when this checkout sits next to it (docs/tables.md, input data). */
export const REAL_DATA_DIR = fileURLToPath(new URL('../../../../shared/data/sparkify/', import.meta.url));
