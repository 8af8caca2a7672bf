import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '#src/generate/index.ts';
import { parseSongs, readDataset, tempRoot } from './dataset-files.ts';

const roots: { remove: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => r.remove()));
});

describe('songsPerFile', () => {
  it('writes several song objects back to back, one per line, no newline at the end', async () => {
    const root = await tempRoot('spf');
    roots.push(root);
    const result = await generateDataset({ outDir: root.root, events: 100, songs: 10, seed: 3, songsPerFile: 4 });
    const data = await readDataset(root.root);
    expect(result.songFiles).toBe(3);
    expect(data.songFiles.map((f) => parseSongs(f).length).sort()).toEqual([2, 4, 4]);
    for (const f of data.songFiles) {
      expect(f.raw).toMatch(/^\{"artist_id":[^\n]*\}(\n\{"artist_id":[^\n]*\})*$/);
    }
    expect(new Set(data.songFiles.flatMap(parseSongs).map((s) => s.song_id)).size).toBe(10);
  }, 30_000);
});
