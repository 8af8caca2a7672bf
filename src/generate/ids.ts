/**
 * Track, song and artist ids shaped like the Million Song Dataset ids in the real data, made unique
 * by construction: the entity index goes through a keyed 40-bit Feistel permutation (a bijection),
 * and the permuted value is written in mixed radix into the "random looking" positions of the id.
 * Nothing is remembered, so ids for 10 million songs cost no memory.
 *
 * Real shapes (measured over the 14,896 public song files):
 * - track  TR + 5 letters + 128F/128E + 7 hex, or TR + 5 letters + 12903 + 6 hex  (TRAAAAK128F9318786)
 * - song   SO + 5 letters + 12A + 8 hex                                            (SOBLFFE12AF72AA5BA)
 * - artist AR + 5 letters/digits + 1187 + B9/FB + 5 hex                            (AR73AIO1187B9AD57B)
 */
import { hashKey, mix32 } from './random.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789ABCDEF';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HALF = 1048576; // 2^20
const HALF_MASK = 0xfffff;

/** Keyed bijection on [0, 2^40). Indexes beyond that are not supported (and never needed). */
export function permute40(index: number, key: number): number {
  if (!(index >= 0 && index < HALF * HALF)) throw new RangeError(`id index out of range: ${index}`);
  let left = Math.floor(index / HALF);
  let right = index % HALF;
  for (let round = 0; round < 4; round++) {
    const f = mix32((right ^ Math.imul(key + round, 0x9e3779b9)) >>> 0) & HALF_MASK;
    const next = (left ^ f) & HALF_MASK;
    left = right;
    right = next;
  }
  return left * HALF + right;
}

function digits(value: number, alphabet: string, count: number): string {
  let out = '';
  const base = alphabet.length;
  for (let i = 0; i < count; i++) {
    out += alphabet[value % base];
    value = Math.floor(value / base);
  }
  return out;
}

export interface IdKeys {
  track: number;
  song: number;
  artist: number;
  folder: number;
}

export function idKeys(seed: number): IdKeys {
  return {
    track: hashKey(seed, 101, 0),
    song: hashKey(seed, 102, 0),
    artist: hashKey(seed, 103, 0),
    folder: hashKey(seed, 104, 0),
  };
}

const LETTERS4 = 26 ** 4;
const LETTERS5 = 26 ** 5;
const ALNUM5 = 36 ** 5;
const SPACE = HALF * HALF;

/**
 * The high part of the permuted value (v / radix) is small, so written as is its top digits would
 * always be 0. Adding a hashed multiple of its range fills them while staying decodable
 * (high = mixed mod range), hence still unique.
 */
function spread(high: number, radix: number, hexDigits: number, hash: number): number {
  const range = Math.ceil(SPACE / radix);
  const multiples = Math.floor(16 ** hexDigits / range);
  return high + range * (hash % multiples);
}

/**
 * Track id of song file `fileIndex`. Its 3rd character is the top folder: only the first
 * `folderLetters` letters are used, so a small catalog sits under song_data/A/ like the real one
 * and a large one spreads over A..Z like the full S3 set.
 */
export function trackId(fileIndex: number, keys: IdKeys, folderLetters: number): string {
  const v = permute40(fileIndex, keys.track);
  const h = mix32(keys.folder ^ mix32(fileIndex >>> 0) ^ Math.floor(fileIndex / 4294967296));
  const folder = LETTERS[h % folderLetters];
  const letters = digits(v % LETTERS4, LETTERS, 4);
  const rest = digits(spread(Math.floor(v / LETTERS4), LETTERS4, 6, mix32(h)), HEX, 6);
  const variant = (h >>> 8) % 100;
  if (variant < 19) return `TR${folder}${letters}12903${rest}`;
  const fe = variant < 25 ? 'E' : 'F';
  return `TR${folder}${letters}128${fe}${HEX[(h >>> 16) & 15]}${rest}`;
}

export function songId(songIndex: number, keys: IdKeys): string {
  const v = permute40(songIndex, keys.song);
  const h = mix32(keys.song ^ mix32(songIndex >>> 0));
  const letters = digits(v % LETTERS5, LETTERS, 5);
  const rest = digits(spread(Math.floor(v / LETTERS5), LETTERS5, 5, mix32(h)), HEX, 5);
  const filler = digits(h & 0xfff, HEX, 3);
  return `SO${letters}12A${filler.slice(0, 1)}${rest}${filler.slice(1)}`;
}

export function artistId(artistSlot: number, keys: IdKeys): string {
  const v = permute40(artistSlot, keys.artist);
  const h = mix32(keys.artist ^ mix32(artistSlot >>> 0));
  const head = digits(v % ALNUM5, ALNUM, 5);
  const rest = digits(spread(Math.floor(v / ALNUM5), ALNUM5, 5, mix32(h)), HEX, 5);
  const mid = h % 100 < 3 ? '1287' : '1187';
  const tail = (h >>> 8) % 100 < 55 ? 'B9' : 'FB';
  return `AR${head}${mid}${tail}${rest}`;
}

/** Relative file path of a song file: song_data/A/B/C/TRABC....json (folders = chars 3..5). */
export function songFilePath(track: string): string {
  return `song_data/${track[2]}/${track[3]}/${track[4]}/${track}.json`;
}
