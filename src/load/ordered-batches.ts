import type { SourceObject } from '../sources/types.ts';
import type { FileBatch, FileBatchResult } from './file-batch.ts';

/** Files per batch sent to a parse worker, at most. */
const FILES_PER_BATCH = 256;
/** Bytes of input a batch is sized for (from the files seen so far); a worker also ends a batch past it. */
export const BATCH_INPUT_BYTES = 2 * 1024 * 1024;
/** Batches queued per parse worker: enough to keep it busy while the main thread writes. */
const BATCHES_QUEUED_PER_THREAD = 2;

type Slot = { readonly object: SourceObject } | { readonly batch: readonly SourceObject[]; readonly result: Promise<FileBatchResult> };

/**
 * The local load with parse workers. The listing is read ahead into a queue of slots: files one by
 * one for the main thread until `useWorkers` says otherwise (and any object with no local path),
 * then batches of files for the workers, sized to about BATCH_INPUT_BYTES of input by the average file so
 * far. Slots are written strictly in queue order, so rows keep the listing's order; a batch a worker
 * ended early is sent again for the rest, at the head of the queue.
 */
export async function loadInOrder(
  first: SourceObject,
  listing: AsyncIterator<SourceObject>,
  steps: {
    readonly threads: number;
    /** Whether the next file goes to the workers, given how many the listing has given so far. */
    readonly useWorkers: (files: number) => boolean;
    readonly convert: (batch: FileBatch) => Promise<FileBatchResult>;
    readonly loadObject: (object: SourceObject) => Promise<void>;
    readonly writeBatch: (objects: readonly SourceObject[], result: FileBatchResult) => Promise<readonly SourceObject[]>;
    readonly stopped: () => boolean;
  },
): Promise<void> {
  const queue: Slot[] = [];
  const maxSlots = steps.threads * BATCHES_QUEUED_PER_THREAD;
  let held: SourceObject | undefined = first;
  let listed = false;
  let seen = 0;
  let pending: SourceObject[] = [];
  let filesPerBatch = FILES_PER_BATCH;
  let converted = { files: 0, bytes: 0 };

  const convert = (batch: readonly SourceObject[]): Slot => {
    const result = steps.convert({ files: batch.map((object) => ({ path: object.localPath!, size: object.size })) });
    // Awaited in its turn; until then a failure must not count as unhandled.
    result.catch(() => undefined);
    return { batch, result };
  };
  const closeBatch = () => {
    if (pending.length === 0) return;
    queue.push(convert(pending));
    pending = [];
  };
  const fill = async () => {
    while (!listed && queue.length < maxSlots) {
      let object = held;
      held = undefined;
      if (object === undefined) {
        const next = await listing.next();
        if (next.done) {
          listed = true;
          break;
        }
        object = next.value;
      }
      seen++;
      if (object.localPath === undefined || !steps.useWorkers(seen)) {
        closeBatch();
        queue.push({ object });
        continue;
      }
      pending.push(object);
      if (pending.length >= filesPerBatch) closeBatch();
    }
    if (listed) closeBatch();
  };

  for (;;) {
    if (steps.stopped()) return;
    await fill();
    const slot = queue.shift();
    if (slot === undefined) return;
    if ('object' in slot) {
      await steps.loadObject(slot.object);
      continue;
    }
    const result = await slot.result;
    // A worker converts at least a batch's first file (or says why it could not): else the rest would be sent forever.
    if (result.outcomes.length === 0)
      throw new Error(`a parse worker returned nothing for a batch of ${slot.batch.length} file(s), from ${slot.batch[0]?.uri}`);
    const rest = await steps.writeBatch(slot.batch, result);
    for (const outcome of result.outcomes) {
      if (outcome.kind !== 'rows') continue;
      converted = { files: converted.files + 1, bytes: converted.bytes + outcome.bytes };
    }
    if (converted.files > 0)
      filesPerBatch = Math.max(1, Math.min(FILES_PER_BATCH, Math.round((BATCH_INPUT_BYTES * converted.files) / Math.max(1, converted.bytes))));
    if (rest.length > 0) queue.unshift(convert(rest));
  }
}
