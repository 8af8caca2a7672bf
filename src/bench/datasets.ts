import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDataset } from '../generate/index.ts';
import type { Logger } from '../logger.ts';

export interface BenchDataset {
  readonly label: string;
  readonly root: string;
  readonly events: number | undefined;
  readonly songs: number | undefined;
}

/** Catalog size for a benchmark of `events` events: real-data-like for small sets, capped so song files stay manageable. */
export function songsFor(events: number): number {
  return Math.min(100_000, Math.max(10_000, Math.round(events / 10)));
}

export const BENCH_SEED = 7;

/** Generates a benchmark dataset once and reuses it while its options are the same. */
export async function ensureGenerated(baseDir: string, events: number, logger: Logger): Promise<BenchDataset> {
  const songs = songsFor(events);
  const root = path.join(baseDir, `events-${events}`);
  const marker = path.join(root, 'generated.json');
  const options = { events, songs, seed: BENCH_SEED };
  const existing = existsSync(marker) ? await readFile(marker, 'utf8') : undefined;
  if (existing !== JSON.stringify(options)) {
    logger.info(`generating ${events.toLocaleString('en-US')} events, ${songs.toLocaleString('en-US')} songs into ${root}`);
    await generateDataset({ outDir: root, ...options, overwrite: true });
    await writeFile(marker, JSON.stringify(options));
  }
  return { label: `generated ${formatSize(events)} events`, root, events, songs };
}

export function formatSize(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}
