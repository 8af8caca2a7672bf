/** Samples this process's resident memory while work runs, to report the peak of each stage. */
export async function measurePeakRss<T>(work: () => Promise<T>, intervalMs = 20): Promise<{ result: T; peakRssBytes: number; elapsedMs: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssBytes: peak, elapsedMs: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}
