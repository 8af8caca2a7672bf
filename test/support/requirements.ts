import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/data/sparkify, beside the project (the public data the acceptance tests load). */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data/sparkify/', import.meta.url));

/**
 * What a test file needs from the machine and may lack: the public data beside the project, Jupyter.
 * Outside CI a missing one skips the tests that need it, saying so. With `CI` set (as .ci/run and CI
 * services set it) it fails the test file instead: a skipped acceptance test must not pass a build.
 */
export function requireOrSkip(what: string, missing: string | undefined): boolean {
  if (missing === undefined) return true;
  if (process.env.CI) throw new Error(`${what}: ${missing}. CI is set, so this fails instead of skipping.`);
  console.warn(`\n${what} skipped: ${missing} (with CI set this would fail)\n`);
  return false;
}

/** Every table's row count after an ETL of the public data (docs/tables.md). */
export const PUBLIC_DATA_COUNTS = {
  staging_events: 8056,
  staging_songs: 14896,
  songplays: 6820,
  users: 97,
  user_level_history: 106,
  songs: 14896,
  artists: 9553,
  time: 6813,
} as const;

/** The public data's root (with a trailing slash) when present; undefined (skip) outside CI when not. */
export function sharedData(what: string): string | undefined {
  const present = existsSync(path.join(SHARED_DATA_DIR, 'log_json_path.json'));
  return requireOrSkip(what, present ? undefined : `${SHARED_DATA_DIR} is not beside the project`) ? SHARED_DATA_DIR : undefined;
}
