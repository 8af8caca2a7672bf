import { runCleanups } from '../run/cleanup.ts';

/**
 * Ctrl-C (SIGINT) and SIGTERM end a run in order: the first signal aborts the run's AbortSignal,
 * which cancels the statement the warehouse is running (it fails and its transaction rolls back),
 * the command unwinds, the embedded server it started is stopped, and the CLI exits 130 (SIGINT) or
 * 143 (SIGTERM) after one line saying what was and was not committed. A second signal, or a run that
 * has not unwound after `graceMs`, exits at once after stopping what the run started; the server
 * rolls back whatever was not committed. A crash that escapes every handler (an uncaught exception)
 * gets one line too, its stack only with --verbose.
 */
export interface SignalHandling {
  readonly signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM; undefined when no signal came. */
  exitCode(): number | undefined;
  dispose(): void;
}

export interface SignalOptions {
  readonly command: string;
  readonly verbose: boolean;
  readonly graceMs?: number;
  readonly write?: (line: string) => void;
}

const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

let active: SignalHandling | undefined;

/** The AbortSignal of the run in progress (aborted by SIGINT / SIGTERM), for the warehouse it opens. */
export function runSignal(): AbortSignal | undefined {
  return active?.signal;
}

export function handleSignals(options: SignalOptions): SignalHandling {
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let forcing = false;
  let grace: NodeJS.Timeout | undefined;

  const exitNow = (code: number, line: string) => {
    if (forcing) return;
    forcing = true;
    write(line);
    void runCleanups(10_000).finally(() => process.exit(code));
  };
  const onSignal = (name: NodeJS.Signals) => {
    if (received) {
      exitNow(EXIT_CODES[received]!, `sparkify ${options.command}: ${name} again: stopped at once; the warehouse rolls back what was not committed`);
      return;
    }
    received = name;
    if (process.stderr.isTTY) write(`sparkify ${options.command}: ${name}: cancelling and rolling back (again to stop at once)`);
    controller.abort(name);
    grace = setTimeout(
      () =>
        exitNow(
          EXIT_CODES[name]!,
          `sparkify ${options.command}: interrupted by ${name} and did not unwind within ${Math.round((options.graceMs ?? 30_000) / 1000)} s: stopped; the warehouse rolls back what was not committed`,
        ),
      options.graceMs ?? 30_000,
    );
    grace.unref();
  };
  const onCrash = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const detail = options.verbose && error instanceof Error ? `\n${error.stack}` : '';
    exitNow(
      1,
      `sparkify ${options.command} failed unexpectedly: ${message}; nothing further was committed${detail}${options.verbose ? '' : ' (--verbose shows the stack)'}`,
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const handling: SignalHandling = {
    signal: controller.signal,
    exitCode: () => (received ? EXIT_CODES[received] : undefined),
    dispose() {
      clearTimeout(grace);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('uncaughtException', onCrash);
      process.removeListener('unhandledRejection', onCrash);
      if (active === handling) active = undefined;
    },
  };
  active = handling;
  return handling;
}
