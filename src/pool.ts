/**
 * Runs `work` on the items of a (sync or async, maybe endless) sequence, at most `concurrency` at once,
 * taking the next item only when a slot frees up, so a lazy sequence is never read ahead. After the
 * first failure (or once `stopped()` says so) no new item is taken; the ones in flight finish, then
 * the first failure is thrown.
 */
export async function forEachConcurrently<T>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<void> {
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : (items as Iterable<T>)[Symbol.iterator]();
  let failed = false;
  let failure: unknown;
  let exhausted = false;
  const worker = async () => {
    while (!failed && !exhausted && !stopped()) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
        return;
      }
      if (next.done) {
        exhausted = true;
        return;
      }
      try {
        await work(next.value);
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (!exhausted) await iterator.return?.();
  if (failed) throw failure;
}

/**
 * `first` (already taken from `rest`), then the rest of `rest`: an iterable that gives back what a
 * caller read ahead. Its `next` is the iterator's own (no generator in between, which would add a
 * promise hop per item of a listing of millions), and closing it closes `rest`.
 */
export function prepend<T>(first: T, rest: AsyncIterator<T>): AsyncIterableIterator<T> {
  let held = true;
  return {
    next() {
      if (!held) return rest.next();
      held = false;
      return Promise.resolve({ done: false, value: first });
    },
    async return(value?: unknown) {
      held = false;
      await rest.return?.();
      return { done: true, value };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
