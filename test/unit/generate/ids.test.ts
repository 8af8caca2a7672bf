import { describe, expect, it } from 'vitest';
import { artistId, idKeys, permute40, songFilePath, songId, trackId } from '#src/generate/ids.ts';

describe('ids', () => {
  const keys = idKeys(42);

  it('have the shapes of the real ids', () => {
    for (let i = 0; i < 2000; i += 7) {
      expect(trackId(i, keys, 26)).toMatch(/^TR[A-Z]{5}(128[EF][0-9A-F]|12903)[0-9A-F]{6}$/);
      expect(songId(i, keys)).toMatch(/^SO[A-Z]{5}12A[0-9A-F]{8}$/);
      expect(artistId(i, keys)).toMatch(/^AR[A-Z0-9]{5}1[12]87(B9|FB)[0-9A-F]{5}$/);
    }
  });

  it('are unique by construction (a bijection of the index)', () => {
    const n = 100_000;
    const tracks = new Set<string>();
    const songs = new Set<string>();
    const artists = new Set<string>();
    for (let i = 0; i < n; i++) {
      tracks.add(trackId(i, keys, 26));
      songs.add(songId(i, keys));
      artists.add(artistId(i, keys));
    }
    expect([tracks.size, songs.size, artists.size]).toEqual([n, n, n]);
    const far = [2 ** 32, 2 ** 32 + 1, 2 ** 39 + 5, 2 ** 40 - 1].map((i) => permute40(i, 9));
    expect(new Set(far).size).toBe(4);
    expect(() => permute40(2 ** 40, 9)).toThrow(RangeError);
  });

  it('put a small catalog under song_data/A and name folders after characters 3 to 5', () => {
    const track = trackId(12, keys, 1);
    expect(track[2]).toBe('A');
    expect(songFilePath(track)).toBe(`song_data/A/${track[3]}/${track[4]}/${track}.json`);
    const letters = new Set(Array.from({ length: 500 }, (_, i) => trackId(i, keys, 26)[2]));
    expect(letters.size).toBe(26);
  });
});
