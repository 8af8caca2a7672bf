import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '#src/generate/index.ts';
import { hashTree, listFiles, tempRoot } from './dataset-files.ts';

const roots: { remove: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => r.remove()));
});

async function generateAndHash(seed: number, extra: { matchRate?: number; startDate?: string } = {}) {
  const root = await tempRoot(`det-${seed}`);
  roots.push(root);
  const result = await generateDataset({ outDir: root.root, events: 3_000, songs: 300, seed, ...extra });
  const { elapsedMs: _elapsed, outDir: _outDir, ...counts } = result;
  return { hash: await hashTree(root.root), counts };
}

describe('determinism', () => {
  it('writes the same bytes for the same options, different bytes for another seed', async () => {
    const [first, again, other] = await Promise.all([generateAndHash(7), generateAndHash(7), generateAndHash(8)]);
    expect(again.hash).toBe(first.hash);
    expect(again.counts).toEqual(first.counts);
    expect(other.hash).not.toBe(first.hash);
  }, 60_000);

  it('starts the logs on startDate', async () => {
    const root = await tempRoot('start');
    roots.push(root);
    await generateDataset({ outDir: root.root, events: 1_500, songs: 20, seed: 1, startDate: '2019-12-30' });
    const logs = (await listFiles(root.root)).filter((p) => p.startsWith('log_data/'));
    // ~20 users: the first session falls on the first day or the next.
    expect(['log_data/2019/12/2019-12-30-events.json', 'log_data/2019/12/2019-12-31-events.json']).toContain(logs[0]);
    expect(logs.some((p) => p.startsWith('log_data/2020/01/2020-01-'))).toBe(true);
  }, 30_000);
});
