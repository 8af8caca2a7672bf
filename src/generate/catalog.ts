/**
 * The song catalog as a pure function of (seed, song index): nothing is stored, so 10 million
 * songs cost no memory and any song can be regenerated when a play needs its title and artist.
 *
 * Songs are grouped in blocks of 64 consecutive indexes; each block is split into artists by
 * drawing songs-per-artist from the measured distribution (65% of artists have 1 song, 22% 2,
 * 8% 3, ... up to 9). Artist "slots" are numbered block * 64 + position, so the artist of a song
 * is found by regenerating only its block's split.
 *
 * Shapes measured on the 14,896 real song files and reproduced here:
 * - 22% of the artists with several songs credit some of them under another name or place
 *   (real: 9,553 artist ids, 10,025 distinct artist tuples);
 * - location: 45% empty string with no coordinates, 20% free text without coordinates, 35% a
 *   geocoded place; a few numeric locations and, rarely, null;
 * - artist names that are JSON numbers (0.2% of artists), titles that are numbers (0.13%);
 * - year 0 for 32% of songs, else 1927..2010 skewed recent; durations 6..2709 s, median 231 s.
 */
import { artistId, type IdKeys, songId } from './ids.ts';
import { type Quirky, quirkyText } from './json-text.ts';
import { artistName, creditVariant, songTitle } from './names.ts';
import { GEO_PLACES, type GeoPlace, LOOSE_LOCATIONS } from './places.ts';
import { QuantileTable, Rng, WeightedChoice } from './random.ts';

export const BLOCK_SIZE = 64;

const TAG_BLOCK = 11;
const TAG_ARTIST = 12;
const TAG_SONG = 13;

export interface ArtistTuple {
  readonly name: string | number;
  readonly location: Quirky;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface Artist {
  readonly slot: number;
  readonly base: ArtistTuple;
  /** Alternative tuples under the same artist id (empty for most artists). */
  readonly variants: readonly ArtistTuple[];
}

export interface Song {
  readonly index: number;
  readonly songId: string;
  readonly artistId: string;
  readonly artist: ArtistTuple;
  readonly title: string | number;
  readonly duration: number;
  readonly year: number;
}

/** What a play needs from a catalog song: the text a loader compares, and the duration. */
export interface Playable {
  readonly title: string;
  readonly artist: string;
  readonly duration: number;
}

/** Songs per artist, P(1..9), from the real catalog. */
const SONGS_PER_ARTIST = new WeightedChoice<number>([
  [1, 6204],
  [2, 2079],
  [3, 798],
  [4, 302],
  [5, 116],
  [6, 36],
  [7, 10],
  [8, 6],
  [9, 2],
]);

/** Song durations in seconds, quantiles of the real catalog. */
export const DURATIONS = new QuantileTable([
  [0, 6.37342],
  [0.001, 18.05],
  [0.005, 38.14],
  [0.01, 50.99],
  [0.02, 72.78],
  [0.05, 112.2],
  [0.1, 142.5],
  [0.2, 174.47],
  [0.3, 196.26],
  [0.4, 213.92],
  [0.5, 231.0],
  [0.6, 249.39],
  [0.7, 270.94],
  [0.8, 302.39],
  [0.9, 365.71],
  [0.95, 434.05],
  [0.98, 519.44],
  [0.99, 598.36],
  [0.995, 726.1],
  [0.999, 1151.92],
  [1, 2709.2371],
]);

/** Lengths of played songs (the log's NextSong lengths): popular songs have fewer extremes. */
export const PLAY_LENGTHS = new QuantileTable([
  [0, 15.86],
  [0.001, 26.9],
  [0.005, 52.0],
  [0.01, 67.45],
  [0.02, 106.74],
  [0.05, 138.11],
  [0.1, 162.95],
  [0.2, 188.55],
  [0.3, 205.45],
  [0.4, 220.34],
  [0.5, 233.04],
  [0.6, 246.28],
  [0.7, 264.18],
  [0.8, 288.57],
  [0.9, 338.96],
  [0.95, 397.27],
  [0.98, 497.14],
  [0.99, 587.39],
  [0.995, 655.78],
  [0.999, 1328.69],
  [1, 2594.87],
]);

/** Non-zero release years, quantiles of the real catalog. */
const YEARS = new QuantileTable([
  [0, 1927],
  [0.001, 1957],
  [0.005, 1964],
  [0.01, 1967],
  [0.02, 1970],
  [0.05, 1979],
  [0.1, 1987],
  [0.2, 1994],
  [0.3, 1998],
  [0.4, 2001],
  [0.5, 2003],
  [0.6, 2005],
  [0.7, 2006],
  [0.8, 2007],
  [0.9, 2008],
  [0.95, 2009],
  [0.98, 2010],
  [1, 2010.49],
]);

const GEO = new WeightedChoice<GeoPlace>(GEO_PLACES.map((p) => [p, p.weight] as const));

const NUMERIC_ARTIST_RATE = 0.0015;
const YEAR_ZERO_RATE = 0.32;
const MULTI_TUPLE_RATE = 0.22;

const PLAYABLE_CACHE = 100_000;

export const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

export class Catalog {
  readonly songs: number;
  private readonly seed: number;
  private readonly keys: IdKeys;
  private cachedBlock = -1;
  private readonly blockOwner = new Uint8Array(BLOCK_SIZE);
  private readonly blockOrdinal = new Uint8Array(BLOCK_SIZE);
  private cachedArtist: Artist | undefined;
  private readonly playables = new Map<number, Playable>();

  constructor(seed: number, songs: number, keys: IdKeys) {
    this.seed = seed;
    this.songs = songs;
    this.keys = keys;
  }

  /** Artist slot of song `index` and the song's position among that artist's songs. */
  artistOf(index: number): { slot: number; ordinal: number } {
    const block = Math.floor(index / BLOCK_SIZE);
    if (block !== this.cachedBlock) this.splitBlock(block);
    const pos = index - block * BLOCK_SIZE;
    return { slot: block * BLOCK_SIZE + this.blockOwner[pos]!, ordinal: this.blockOrdinal[pos]! };
  }

  private splitBlock(block: number): void {
    const rng = Rng.entity(this.seed, TAG_BLOCK, block);
    const size = Math.min(BLOCK_SIZE, this.songs - block * BLOCK_SIZE);
    let pos = 0;
    let owner = 0;
    while (pos < size) {
      const count = SONGS_PER_ARTIST.sample(rng);
      for (let k = 0; k < count && pos < size; k++, pos++) {
        this.blockOwner[pos] = owner;
        this.blockOrdinal[pos] = k;
      }
      owner++;
    }
    this.cachedBlock = block;
  }

  artist(slot: number): Artist {
    if (this.cachedArtist?.slot === slot) return this.cachedArtist;
    const rng = Rng.entity(this.seed, TAG_ARTIST, slot);
    const numeric = rng.chance(NUMERIC_ARTIST_RATE);
    const name: string | number = numeric ? numericArtistName(rng) : artistName(rng);
    const base = { name, ...artistPlace(rng) };
    const variants: ArtistTuple[] = [];
    if (!numeric && rng.chance(MULTI_TUPLE_RATE)) {
      const count = rng.chance(0.83) ? 1 : rng.chance(0.8) ? 2 : 3;
      for (let v = 0; v < count; v++) variants.push(variantOf(base as ArtistTuple & { name: string }, rng));
    }
    this.cachedArtist = { slot, base, variants };
    return this.cachedArtist;
  }

  song(index: number): Song {
    const { slot, ordinal } = this.artistOf(index);
    const artist = this.artist(slot);
    const rng = Rng.entity(this.seed, TAG_SONG, index);
    const tuple = pickTuple(artist, ordinal, rng.float());
    const title = songTitle(rng);
    const duration = Math.max(1, round5(DURATIONS.sample(rng)));
    const year = rng.chance(YEAR_ZERO_RATE) ? 0 : Math.round(YEARS.sample(rng));
    return {
      index,
      songId: songId(index, this.keys),
      artistId: artistId(slot, this.keys),
      artist: tuple,
      title,
      duration,
      year,
    };
  }

  /**
   * Title and artist as text, and duration, of `song(index)`; cached, since plays keep asking for
   * the popular songs (the cache is emptied when full, so it stays bounded).
   */
  playable(index: number): Playable {
    let playable = this.playables.get(index);
    if (playable === undefined) {
      const song = this.song(index);
      playable = { title: quirkyText(song.title), artist: quirkyText(song.artist.name), duration: song.duration };
      if (this.playables.size >= PLAYABLE_CACHE) this.playables.clear();
      this.playables.set(index, playable);
    }
    return playable;
  }
}

/** The first song of an artist always carries the main tuple; later ones may use a variant. */
function pickTuple(artist: Artist, ordinal: number, u: number): ArtistTuple {
  if (artist.variants.length === 0 || ordinal === 0 || u >= 0.6) return artist.base;
  return artist.variants[Math.floor((u / 0.6) * artist.variants.length)]!;
}

function numericArtistName(rng: Rng): number {
  const kind = rng.float();
  if (kind < 0.4) return 100 + rng.int(900);
  if (kind < 0.8) return 1000 + rng.int(3000);
  return 10000 + rng.int(90000);
}

function artistPlace(rng: Rng): Omit<ArtistTuple, 'name'> {
  const u = rng.float();
  if (u < 0.45) return { location: '', latitude: null, longitude: null };
  if (u < 0.645) return { location: rng.pick(LOOSE_LOCATIONS), latitude: null, longitude: null };
  if (u < 0.6458) return { location: 10 + rng.int(800), latitude: null, longitude: null };
  if (u < 0.646) return { location: null, latitude: null, longitude: null };
  const place = GEO.sample(rng);
  // Geocoders returned slightly different points for the same text; keep most exact.
  const jitter = rng.chance(0.3);
  const lat = jitter ? round5(place.lat + (rng.float() - 0.5) * 0.2) : place.lat;
  const lon = jitter ? round5(place.lon + (rng.float() - 0.5) * 0.2) : place.lon;
  return { location: place.name, latitude: lat, longitude: lon };
}

function variantOf(base: ArtistTuple & { name: string }, rng: Rng): ArtistTuple {
  const kind = rng.float();
  if (kind < 0.85) return { ...base, name: creditVariant(base.name, rng) };
  if (kind < 0.93) return { ...base, location: base.location === '' ? rng.pick(LOOSE_LOCATIONS) : '' };
  return base.latitude === null ? { ...base, name: creditVariant(base.name, rng) } : { ...base, latitude: null, longitude: null };
}
