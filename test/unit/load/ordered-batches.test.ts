import { describe, expect, it } from 'vitest';
import type { FileBatch, FileBatchResult, FileOutcome } from '#src/load/file-batch.ts';
import { loadInOrder } from '#src/load/ordered-batches.ts';
import type { SourceObject } from '#src/sources/types.ts';

function localObject(name: string): SourceObject {
  return {
    uri: name,
    size: undefined,
    localPath: name,
    open: () => {
      throw new Error('not streamed here');
    },
    read: async () => Buffer.from(name),
    readSmall: async () => Buffer.from(name),
  };
}

async function* listingOf(objects: readonly SourceObject[]): AsyncGenerator<SourceObject> {
  for (const object of objects) {
    await Promise.resolve();
    yield object;
  }
}

/**
 * A fake worker: each batch converts at most `perBatch` files (as a worker ends a batch early at its
 * byte limit), each file's "rows" being its name and a newline, after a random delay so that batches
 * finish out of order.
 */
function fakeWorkers(perBatch: number) {
  const batches: string[][] = [];
  const convert = async (batch: FileBatch): Promise<FileBatchResult> => {
    batches.push(batch.files.map((f) => f.path));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    const done = batch.files.slice(0, perBatch);
    let end = 0;
    const outcomes: FileOutcome[] = done.map((f) => {
      end += f.path.length + 1;
      return { kind: 'rows', end, rows: 1, bytes: f.path.length, rejected: [] };
    });
    return { outcomes, rows: Buffer.from(done.map((f) => `${f.path}\n`).join('')) };
  };
  return { batches, convert };
}

describe('loadInOrder', () => {
  const names = Array.from({ length: 700 }, (_, i) => `f${String(i).padStart(4, '0')}`);

  for (const perBatch of [1000, 7, 1]) {
    it(`writes every file once, in listing order, when workers end batches after ${perBatch} file(s)`, async () => {
      const objects = names.map(localObject);
      const workers = fakeWorkers(perBatch);
      const written: string[] = [];
      const onMainThread: string[] = [];
      await loadInOrder(objects[0]!, listingOf(objects.slice(1)), {
        threads: 2,
        useWorkers: (files) => files > 25,
        convert: workers.convert,
        loadObject: async (object) => {
          onMainThread.push(object.uri);
          written.push(object.uri);
        },
        writeBatch: async (batch, result) => {
          written.push(...Buffer.from(result.rows).toString().split('\n').filter(Boolean));
          return batch.slice(result.outcomes.length);
        },
        stopped: () => false,
      });
      expect(written).toEqual(names);
      // The first 25 on the main thread, the rest sent to the workers (again, for what a batch did not reach).
      expect(onMainThread).toEqual(names.slice(0, 25));
      expect(new Set(workers.batches.flat())).toEqual(new Set(names.slice(25)));
      expect(Math.max(...workers.batches.map((b) => b.length))).toBeLessThanOrEqual(256);
    });
  }

  it('stops taking slots once stopped, and gives back the failure of a batch in its turn', async () => {
    const objects = names.map(localObject);
    let stopped = false;
    const failing = async (batch: FileBatch): Promise<FileBatchResult> => {
      if (batch.files[0]!.path === 'f0000') return { outcomes: batch.files.map(() => ({ kind: 'large' as const })), rows: new Uint8Array(0) };
      throw new Error('a parse worker stopped (exit code 1)');
    };
    const run = loadInOrder(objects[0]!, listingOf(objects.slice(1)), {
      threads: 2,
      useWorkers: () => true,
      convert: failing,
      loadObject: async () => undefined,
      writeBatch: async (batch, result) => {
        stopped = true;
        return batch.slice(result.outcomes.length);
      },
      stopped: () => stopped,
    });
    await expect(run).resolves.toBeUndefined();
    const failingRun = loadInOrder(objects[0]!, listingOf(objects.slice(1)), {
      threads: 2,
      useWorkers: () => true,
      convert: failing,
      loadObject: async () => undefined,
      writeBatch: async (batch, result) => batch.slice(result.outcomes.length),
      stopped: () => false,
    });
    await expect(failingRun).rejects.toThrow('a parse worker stopped (exit code 1)');
  });

  it('fails, instead of sending a batch again forever, when a worker returns nothing for it', async () => {
    const objects = names.slice(0, 10).map(localObject);
    const run = loadInOrder(objects[0]!, listingOf(objects.slice(1)), {
      threads: 1,
      useWorkers: () => true,
      convert: async () => ({ outcomes: [], rows: new Uint8Array(0) }),
      loadObject: async () => undefined,
      writeBatch: async (batch, result) => batch.slice(result.outcomes.length),
      stopped: () => false,
    });
    await expect(run).rejects.toThrow(/returned nothing for a batch of 10 file\(s\), from f0000/);
  });
});
