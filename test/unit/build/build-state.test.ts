import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_INFO, distIsCurrent, sourceFingerprint } from '../../../scripts/build-state.js';

/** bin/sparkify.js runs dist/ only when it was built from src/ as it is now. */
let root: string;
let src: string;
let dist: string;

async function recordBuild(): Promise<void> {
  await mkdir(dist, { recursive: true });
  await writeFile(path.join(dist, BUILD_INFO), JSON.stringify({ source: sourceFingerprint(src) }));
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sparkify-build-state-'));
  src = path.join(root, 'src');
  dist = path.join(root, 'dist');
  await mkdir(path.join(src, 'cli'), { recursive: true });
  await writeFile(path.join(src, 'cli', 'main.ts'), 'export const a = 1;\n');
  await writeFile(path.join(src, 'errors.ts'), 'export const b = 2;\n');
  const past = new Date('2026-01-01T00:00:00Z');
  for (const file of ['cli/main.ts', 'errors.ts']) await utimes(path.join(src, file), past, past);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('distIsCurrent', () => {
  it('is true right after a build and false with no build', async () => {
    expect(distIsCurrent(src, dist)).toBe(false);
    await recordBuild();
    expect(distIsCurrent(src, dist)).toBe(true);
  });

  it('is false after an edit, even one that keeps the size', async () => {
    await recordBuild();
    await writeFile(path.join(src, 'errors.ts'), 'export const b = 3;\n');
    expect(distIsCurrent(src, dist)).toBe(false);
  });

  it('is false after a file is added or removed', async () => {
    await recordBuild();
    const past = new Date('2025-01-01T00:00:00Z');
    await writeFile(path.join(src, 'cli', 'new.ts'), '');
    await utimes(path.join(src, 'cli', 'new.ts'), past, past);
    expect(distIsCurrent(src, dist)).toBe(false);
    await rm(path.join(src, 'cli', 'new.ts'));
    expect(distIsCurrent(src, dist)).toBe(true);
    await rm(path.join(src, 'errors.ts'));
    expect(distIsCurrent(src, dist)).toBe(false);
  });

  it('is false when the build record is unreadable', async () => {
    await mkdir(dist, { recursive: true });
    await writeFile(path.join(dist, BUILD_INFO), '{"source": ');
    expect(distIsCurrent(src, dist)).toBe(false);
    await writeFile(path.join(dist, BUILD_INFO), '{}');
    expect(distIsCurrent(src, dist)).toBe(false);
  });
});
