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
