import { describe, expect, it } from 'vitest';
import { forEachConcurrently, prepend } from '#src/pool.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('forEachConcurrently', () => {
  it('runs at most `concurrency` at once and every item once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      done.push(n);
      running--;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('takes the next item of a lazy sequence only when a slot frees up', async () => {
    let produced = 0;
    let maxAhead = 0;
    let finished = 0;
    async function* items() {
      for (let i = 0; i < 20; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - finished);
        yield i;
      }
    }
    await forEachConcurrently(items(), 2, async () => {
      await tick();
      finished++;
    });
    expect(produced).toBe(20);
    expect(maxAhead).toBeLessThanOrEqual(2);
  });

  it('stops taking items after the first failure, lets the ones in flight finish, and throws it', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const error = await forEachConcurrently([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 2) throw new Error('two failed');
      finished.push(n);
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('two failed');
    expect(started).toEqual([1, 2, 3]);
    expect(finished).toEqual([1, 3]);
  });

  it('throws a failure of the sequence itself, and stops when told to', async () => {
    async function* broken() {
      yield 1;
      throw new Error('listing failed');
    }
    await expect(forEachConcurrently(broken(), 4, async () => undefined)).rejects.toThrow('listing failed');
    const seen: number[] = [];
    await forEachConcurrently(
      [1, 2, 3, 4],
      1,
      async (n) => void seen.push(n),
      () => seen.length >= 2,
    );
    expect(seen).toEqual([1, 2]);
  });
});

describe('prepend', () => {
  async function* numbers(closed: { value: boolean }) {
    try {
      for (let i = 1; i <= 3; i++) yield i;
    } finally {
      closed.value = true;
    }
  }

  it('gives back the item read ahead, then the rest', async () => {
    const closed = { value: false };
    const iterator = numbers(closed);
    const first = await iterator.next();
    const all: number[] = [];
    for await (const n of prepend(first.value as number, iterator)) all.push(n);
    expect(all).toEqual([1, 2, 3]);
    expect(closed.value).toBe(true);
  });

  it('closes the rest when the caller stops early', async () => {
    const closed = { value: false };
    const iterator = numbers(closed);
    const first = await iterator.next();
    for await (const n of prepend(first.value as number, iterator)) if (n === 2) break;
    expect(closed.value).toBe(true);
  });
});
