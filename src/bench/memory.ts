import { readFileSync, writeFileSync } from 'node:fs';

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

/**
 * The kernel's own peak resident memory of this process (VmHWM, Linux), which no sampling interval
 * can miss; undefined elsewhere. `resetPeakRss` starts it over from the current RSS (writing 5 to
 * /proc/self/clear_refs), so a peak can be taken for one part of a run.
 */
export function kernelPeakRss(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
