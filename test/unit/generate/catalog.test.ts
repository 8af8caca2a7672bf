/** The catalog as a function of (seed, index): checked over 20,000 songs without writing files. */
import { describe, expect, it } from 'vitest';
import { Catalog } from '#src/generate/catalog.ts';
import { idKeys } from '#src/generate/ids.ts';

const N = 20_000;
const catalog = new Catalog(99, N, idKeys(99));
const songs = Array.from({ length: N }, (_, i) => catalog.song(i));

describe('catalog', () => {
  it('regenerates the same song at any time', () => {
    const again = new Catalog(99, N, idKeys(99));
    for (const i of [0, 1, 63, 64, 12_345, N - 1]) expect(again.song(i)).toEqual(songs[i]);
    expect(catalog.playable(777)).toEqual({
      title: String(songs[777]!.title),
      artist: String(songs[777]!.artist.name),
      duration: songs[777]!.duration,
    });
  });

  it('has the real data type quirks at about the real rates', () => {
    const count = (test: (s: (typeof songs)[number]) => boolean) => songs.filter(test).length;
    // Real (14,896 songs): 19 numeric titles, 21 numeric artist names, 12 numeric and 1 null locations.
    expect(count((s) => typeof s.title === 'number')).toBeGreaterThan(8);
    expect(count((s) => typeof s.title === 'number')).toBeLessThan(60);
    expect(count((s) => typeof s.artist.name === 'number')).toBeGreaterThan(8);
    expect(count((s) => typeof s.artist.location === 'number')).toBeGreaterThan(3);
    expect(count((s) => s.artist.location === null)).toBeGreaterThan(0);
    expect(count((s) => /[^\x00-\x7f]/.test(`${s.title}${s.artist.name}${s.artist.location}`))).toBeGreaterThan(N * 0.03);
  });

  it('spreads songs over artists like the real catalog', () => {
    const perArtist = new Map<string, number>();
    for (const s of songs) perArtist.set(s.artistId, (perArtist.get(s.artistId) ?? 0) + 1);
    const counts = [...perArtist.values()];
    const share = (k: number) => counts.filter((c) => c === k).length / counts.length;
    expect(share(1)).toBeCloseTo(0.65, 1); // real 6,204 / 9,553
    expect(share(2)).toBeCloseTo(0.22, 1); // real 2,079 / 9,553
    expect(Math.max(...counts)).toBeLessThanOrEqual(9);
  });

  it('has durations and years shaped like the real ones', () => {
    const durations = songs.map((s) => s.duration).sort((a, b) => a - b);
    const median = durations[N / 2]!;
    expect(median).toBeGreaterThan(220); // real 231.0
    expect(median).toBeLessThan(242);
    expect(durations[0]!).toBeGreaterThan(5);
    expect(durations[N - 1]!).toBeLessThan(2710);
    expect(songs.every((s) => Number.isInteger(Math.round(s.duration * 1e5)))).toBe(true);
    const years = songs
      .map((s) => s.year)
      .filter((y) => y > 0)
      .sort((a, b) => a - b);
    expect(years[Math.floor(years.length / 2)]!).toBeGreaterThanOrEqual(2001); // real 2003
    expect(years[Math.floor(years.length / 2)]!).toBeLessThanOrEqual(2005);
  });
});
