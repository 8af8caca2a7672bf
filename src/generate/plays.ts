/**
 * Which song a NextSong event names.
 *
 * - With probability `matchRate` it is a catalog song: title and artist exactly as the catalog has
 *   them (numbers as their JSON text), length equal to the duration (real: 319 of 333 matched plays;
 *   the rest are another cut of the same song, a few seconds off). Catalog popularity is Zipf
 *   (s = 1), which on the real sizes gives ~65% distinct songs among matched plays and a top song
 *   with ~10% of them (real: 217 distinct of 333, top 37).
 * - Otherwise it is one of M "outside" songs, popularity power law s = 0.55 over M = 5 x the
 *   expected number of such plays (real: 78% distinct, top song 0.4% of plays). 62% of outside
 *   songs are by a catalog artist and 3% carry a catalog title, so joins on artist alone or title
 *   alone fan out as they do on the real data; the pair itself is never in the catalog (checked
 *   with the pair filter). Non-ASCII text in these plays gets the real logs' double mojibake.
 */
import type { PairFilter } from './bloom.ts';
import { type Catalog, PLAY_LENGTHS, round5 } from './catalog.ts';
import { doubleMojibake, jsonString, quirkyText } from './json-text.ts';
import { artistName, songTitle } from './names.ts';
import { hashKey, powerLawRank, Rng, Scatter } from './random.ts';

const TAG_OUTSIDE = 21;
const TAG_ALT_CUT = 22;
const CATALOG_ZIPF = 1.0;
const CATALOG_ARTIST_ZIPF = 0.8;
const OUTSIDE_POWER = 0.55;
const OUTSIDE_CATALOG_ARTIST = 0.62;
const OUTSIDE_CATALOG_TITLE = 0.03;
const ALT_CUT_SONGS = 0.06;
const CACHE_LIMIT = 50_000;

export interface Play {
  /** Text exactly as written into the event (already mojibaked where that applies). */
  readonly song: string;
  readonly artist: string;
  /** The same as JSON literals, escaped once per song rather than once per play. */
  readonly songJson: string;
  readonly artistJson: string;
  readonly length: number;
  readonly matched: boolean;
}

function makePlay(song: string, artist: string, length: number, matched: boolean): Play {
  return { song, artist, songJson: jsonString(song), artistJson: jsonString(artist), length, matched };
}

export class PlayPicker {
  private readonly seed: number;
  private readonly catalog: Catalog;
  private readonly filter: PairFilter;
  private readonly matchRate: number;
  private readonly outsideSongs: number;
  private readonly catalogScatter: Scatter;
  private readonly outsideScatter: Scatter;
  private readonly matchedCache = new Map<number, Play>();
  private readonly outsideCache = new Map<number, Play>();

  constructor(seed: number, catalog: Catalog, filter: PairFilter, matchRate: number, outsideSongs: number) {
    this.seed = seed;
    this.catalog = catalog;
    this.filter = filter;
    this.matchRate = catalog.songs > 0 ? matchRate : 0;
    this.outsideSongs = Math.max(1, outsideSongs);
    this.catalogScatter = new Scatter(catalog.songs, hashKey(seed, 23, 0));
    this.outsideScatter = new Scatter(this.outsideSongs, hashKey(seed, 24, 0));
  }

  pick(rng: Rng): Play {
    if (rng.float() < this.matchRate) {
      const index = this.catalogScatter.map(powerLawRank(this.catalog.songs, CATALOG_ZIPF, rng.float()));
      const play = this.matchedPlay(index);
      const altCut = rng.float() < 0.5;
      return altCut ? this.altCut(index, play) : play;
    }
    const k = this.outsideScatter.map(powerLawRank(this.outsideSongs, OUTSIDE_POWER, rng.float()));
    return this.outsidePlay(k);
  }

  private matchedPlay(index: number): Play {
    let play = this.matchedCache.get(index);
    if (play === undefined) {
      const p = this.catalog.playable(index);
      play = makePlay(p.title, p.artist, p.duration, true);
      remember(this.matchedCache, index, play);
    }
    return play;
  }

  /** A few catalog songs are also played in another cut whose length differs by a few percent. */
  private altCut(index: number, play: Play): Play {
    const rng = Rng.entity(this.seed, TAG_ALT_CUT, index);
    if (!rng.chance(ALT_CUT_SONGS)) return play;
    const length = Math.max(1, round5(play.length * (1 + 0.04 * rng.normal())));
    return { ...play, length };
  }

  private outsidePlay(k: number): Play {
    let play = this.outsideCache.get(k);
    if (play === undefined) {
      play = this.makeOutside(k);
      remember(this.outsideCache, k, play);
    }
    return play;
  }

  private makeOutside(k: number): Play {
    const rng = Rng.entity(this.seed, TAG_OUTSIDE, k);
    const songs = this.catalog.songs;
    for (let attempt = 0; attempt < 1000; attempt++) {
      const artist =
        songs > 0 && rng.chance(OUTSIDE_CATALOG_ARTIST)
          ? this.catalog.playable(this.catalogScatter.map(powerLawRank(songs, CATALOG_ARTIST_ZIPF, rng.float()))).artist
          : artistName(rng);
      const title = songs > 0 && rng.chance(OUTSIDE_CATALOG_TITLE) ? this.catalog.playable(rng.int(songs)).title : quirkyText(songTitle(rng));
      const song = doubleMojibake(title);
      const credited = doubleMojibake(artist);
      if (this.filter.mightContain(song, credited)) continue;
      const length = Math.max(1, round5(PLAY_LENGTHS.sample(rng)));
      return makePlay(song, credited, length, false);
    }
    throw new Error(`could not draw a song outside the catalog for outside song ${k}`);
  }
}

function remember(cache: Map<number, Play>, key: number, play: Play): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, play);
}
