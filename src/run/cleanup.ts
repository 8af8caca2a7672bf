/**
 * What must happen even when a run is cut short (a second Ctrl-C, an unexpected crash): today, an
 * embedded server the process started or uses is left or stopped in order. Registered by whoever
 * made the resource, run once by the CLI's fault handling before it exits.
 */
type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();

/** Registers `cleanup`; the returned function unregisters it (call it once the resource is released normally). */
export function registerCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs every registered cleanup at once, for at most `patienceMs`; failures are ignored (we are exiting). */
export async function runCleanups(patienceMs: number): Promise<void> {
  const pending = [...cleanups].map((cleanup) => cleanup().catch(() => undefined));
  cleanups.clear();
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, patienceMs).unref())]);
}
