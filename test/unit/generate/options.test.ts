import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GenerateError, generateDataset } from '#src/generate/index.ts';
import { planGeneration } from '#src/generate/options.ts';
import { listFiles, tempRoot } from './dataset-files.ts';

const roots: { remove: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => r.remove()));
});

describe('options', () => {
  it('lists every invalid option in one typed error', async () => {
    const error = await generateDataset({
      outDir: '',
      events: -1,
      songs: 1.5,
      seed: Number.NaN,
      songsPerFile: 0,
      startDate: '2018-13-45',
      matchRate: 2,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).code).toBe('GENERATE');
    for (const name of ['outDir', 'events', 'songs', 'seed', 'songsPerFile', 'startDate', 'matchRate']) {
      expect((error as Error).message).toContain(name);
    }
  });

  it('scales users with events and keeps about 30 days', () => {
    expect(planGeneration({ outDir: 'x', events: 8056, songs: 14896, seed: 1 }).users).toBeGreaterThan(90);
    expect(planGeneration({ outDir: 'x', events: 8056, songs: 14896, seed: 1 }).users).toBeLessThan(110);
    expect(planGeneration({ outDir: 'x', events: 10_000_000, songs: 1, seed: 1 }).users).toBeGreaterThan(100_000);
    expect(planGeneration({ outDir: 'x', events: 10, songs: 1, seed: 1 }).users).toBe(1);
    // A small catalog sits under song_data/A like the real one; a big one spreads over A..Z.
    expect(planGeneration({ outDir: 'x', events: 1, songs: 14896, seed: 1 }).folderLetters).toBe(1);
    expect(planGeneration({ outDir: 'x', events: 1, songs: 385_252, seed: 1 }).folderLetters).toBe(26);
  });

  it('refuses to write over an existing dataset unless told to', async () => {
    const root = await tempRoot('overwrite');
    roots.push(root);
    await writeFile(join(root.root, 'log_json_path.json'), 'old');
    await writeFile(join(root.root, 'keep.txt'), 'not ours');
    await expect(generateDataset({ outDir: root.root, events: 10, songs: 5, seed: 1 })).rejects.toThrow(/already holds log_json_path\.json/);
    const result = await generateDataset({ outDir: root.root, events: 10, songs: 5, seed: 1, overwrite: true });
    expect(result.events).toBe(10);
    const files = await listFiles(root.root);
    expect(files).toContain('keep.txt');
    expect(files.filter((f) => f.startsWith('song_data/'))).toHaveLength(5);
  });

  it('writes an empty log when asked for no events, and no matches without songs', async () => {
    const root = await tempRoot('empty');
    roots.push(root);
    const result = await generateDataset({ outDir: root.root, events: 0, songs: 0, seed: 1 });
    expect(result).toMatchObject({ events: 0, songs: 0, songFiles: 0, logFiles: 0, matchedPlays: 0 });
    const noSongs = await generateDataset({ outDir: root.root, events: 300, songs: 0, seed: 1, overwrite: true });
    expect(noSongs).toMatchObject({ events: 300, matchedPlays: 0 });
  });
});
