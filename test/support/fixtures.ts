import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The 18 JSONPaths of the real log_json_path.json, in column order. */
export const EVENT_FIELDS = [
  'artist',
  'auth',
  'firstName',
  'gender',
  'itemInSession',
  'lastName',
  'length',
  'level',
  'location',
  'method',
  'page',
  'registration',
  'sessionId',
  'song',
  'status',
  'ts',
  'userAgent',
  'userId',
];

export type Event = Record<string, unknown>;
export type Song = Record<string, unknown>;

let sequence = 0;

/** A NextSong event with sensible defaults; override any field. */
export function play(overrides: Event = {}): Event {
  sequence++;
  return {
    artist: 'Some Artist',
    auth: 'Logged In',
    firstName: 'Ada',
    gender: 'F',
    itemInSession: sequence,
    lastName: 'Lovelace',
    length: 200.5,
    level: 'free',
    location: 'London, UK',
    method: 'PUT',
    page: 'NextSong',
    registration: 1540919166796.0,
    sessionId: 1,
    song: 'Some Song',
    status: 200,
    ts: 1541105830796 + sequence * 1000,
    userAgent: 'Mozilla/5.0',
    userId: '1',
    ...overrides,
  };
}

export function song(overrides: Song = {}): Song {
  return {
    artist_id: 'AR0000000000000001',
    artist_latitude: null,
    artist_location: '',
    artist_longitude: null,
    artist_name: 'Some Artist',
    duration: 200.5,
    num_songs: 1,
    song_id: 'SO0000000000000001',
    title: 'Some Song',
    year: 2001,
    ...overrides,
  };
}

export interface Dataset {
  readonly root: string;
  readonly s3Section: string;
  remove(): Promise<void>;
}

/**
 * Writes a dataset in the real layout: `logFiles` maps a day file name to its raw text (so tests can
 * put malformed lines in), `songFiles` maps a song file path to its raw text.
 */
export async function writeDataset(files: { logFiles: Record<string, string>; songFiles: Record<string, string> }): Promise<Dataset> {
  const root = await mkdtemp(path.join(tmpdir(), 'sparkify-data-'));
  const jsonPaths = JSON.stringify({ jsonpaths: EVENT_FIELDS.map((f) => `$['${f}']`) }, null, 4);
  await writeFile(path.join(root, 'log_json_path.json'), jsonPaths);
  for (const [name, text] of Object.entries(files.logFiles)) {
    const file = path.join(root, 'log_data', '2018', '11', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  for (const [name, text] of Object.entries(files.songFiles)) {
    const file = path.join(root, 'song_data', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return {
    root,
    s3Section: `[S3]\nLOG_DATA = ${root}/log_data\nSONG_DATA = ${root}/song_data\nLOG_JSONPATH = ${root}/log_json_path.json\n`,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export function ndjson(records: readonly object[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n');
}
