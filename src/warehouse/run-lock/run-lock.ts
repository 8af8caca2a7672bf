import { InterruptedError, RunLockedError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

export interface RunLockRequest {
  /** The command that runs, as other runs will see it: etl, create-tables, start, check. */
  readonly command: string;
  /** `exclusive` for runs that write; `shared` for reads that must not see a run half way (check). */
  readonly mode: 'exclusive' | 'shared';
  /** Seconds to wait for a holder to finish before failing (0: fail at once). */
  readonly waitSeconds: number;
  readonly signal?: AbortSignal;
}

/** A held run lock; release is idempotent (and also happens when the holding connection ends). */
export interface RunLock {
  readonly mode: 'exclusive' | 'shared';
  release(): Promise<void>;
}

export interface LockAttempt {
  /** True when the lock is now held. */
  readonly acquired: boolean;
  /** Who holds it, for the message when it is not. */
  readonly heldBy?: string;
}

/**
 * Tries `attempt` until it succeeds or `waitSeconds` pass, then fails naming the holder. Polling
 * (every 250 ms) rather than a blocking lock call keeps the wait interruptible by Ctrl-C.
 */
export async function waitForLock(request: RunLockRequest, where: string, attempt: () => Promise<LockAttempt>, logger: Logger): Promise<void> {
  const deadline = Date.now() + request.waitSeconds * 1000;
  let announced = false;
  for (;;) {
    const result = await attempt();
    if (result.acquired) return;
    if (request.signal?.aborted)
      throw new InterruptedError(
        String(request.signal.reason),
        `interrupted by ${String(request.signal.reason)} while waiting for ${result.heldBy ?? 'another run'} to finish with ${where}`,
      );
    if (Date.now() >= deadline) {
      const waited = request.waitSeconds > 0 ? `waited ${request.waitSeconds} s` : 'not waiting';
      throw new RunLockedError(
        `another run is using ${where}: ${result.heldBy ?? 'a run whose details are unknown'}; ${waited}. ` +
          `One run that writes at a time per warehouse: retry when it has finished, or wait for it with --wait-lock SECONDS ([WAREHOUSE] LOCK_TIMEOUT)`,
      );
    }
    if (!announced) {
      logger.info(`waiting up to ${request.waitSeconds} s for ${result.heldBy ?? 'another run'} to finish with ${where}`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
