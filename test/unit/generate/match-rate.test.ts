/**
 * Property: over several seeds and rates, the share of NextSong plays whose (song, artist) is a
 * catalog (title, artist_name) pair, compared as text, is close to matchRate, and equals the
 * reported matchedPlays exactly (non-matching plays never hit the catalog by accident).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '#src/generate/index.ts';
import { parseEvents, parseSongs, readDataset, tempRoot } from './dataset-files.ts';

const cases = [
  { seed: 11, matchRate: 0.05 },
  { seed: 12, matchRate: 0.2 },
  { seed: 13, matchRate: 0.5 },
  { seed: 14, matchRate: 0 },
];

const roots: { remove: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => r.remove()));
});

describe('match rate', () => {
  it.each(cases)(
    'seed $seed, matchRate $matchRate',
    async ({ seed, matchRate }) => {
      const root = await tempRoot(`match-${seed}`);
      roots.push(root);
      const result = await generateDataset({ outDir: root.root, events: 6_000, songs: 250, seed, matchRate, songsPerFile: 5 });
      const data = await readDataset(root.root);
      const catalog = new Set(data.songFiles.flatMap(parseSongs).map((s) => `${String(s.title)}\u0001${String(s.artist_name)}`));
      const plays = data.logFiles.flatMap(parseEvents).filter((e) => e.page === 'NextSong');
      const matched = plays.filter((e) => catalog.has(`${e.song as string}\u0001${e.artist as string}`)).length;

      expect(matched).toBe(result.matchedPlays);
      expect(plays.length).toBe(result.nextSongEvents);
      const sigma = Math.sqrt(plays.length * matchRate * (1 - matchRate));
      expect(Math.abs(matched - plays.length * matchRate)).toBeLessThanOrEqual(4 * sigma);
    },
    30_000,
  );
});
