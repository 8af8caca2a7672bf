import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { WarehouseError } from '../../errors.ts';

/** Written into DATA_DIR once initdb has finished: the folder is a complete data directory that we made. */
export const MARKER_FILE = 'sparkify-data-dir.json';
/** The server's own output, inside DATA_DIR (rewritten at each start). */
export const SERVER_LOG_FILE = 'sparkify-server.log';

/**
 * What initdb (PostgreSQL 17) and the server put in a data directory. A folder of ours that initdb
 * left half-made (killed) holds only these, and only these are removed before initdb runs again.
 */
const POSTGRES_ENTRIES = new Set([
  'PG_VERSION',
  'base',
  'global',
  'pg_commit_ts',
  'pg_dynshmem',
  'pg_hba.conf',
  'pg_ident.conf',
  'pg_logical',
  'pg_multixact',
  'pg_notify',
  'pg_replslot',
  'pg_serial',
  'pg_snapshots',
  'pg_stat',
  'pg_stat_tmp',
  'pg_subtrans',
  'pg_tblspc',
  'pg_twophase',
  'pg_wal',
  'pg_xact',
  'postgresql.auto.conf',
  'postgresql.conf',
  'postmaster.opts',
  'postmaster.pid',
  'current_logfiles',
  'log',
  MARKER_FILE,
  SERVER_LOG_FILE,
]);

/** Beside DATA_DIR, readable by its owner only: the superuser password, once initdb has finished. */
export const passwordFileOf = (dataDir: string) => `${dataDir}.password`;
/** Beside DATA_DIR while initdb runs (password on the first line, then who runs it): our claim on a folder being made. */
export const pendingFileOf = (dataDir: string) => `${dataDir}.initialising`;

export type DataDirState =
  /** Nothing there yet; `existing` is the deepest folder above it that exists. */
  | { readonly kind: 'missing'; readonly existing: string }
  | { readonly kind: 'empty' }
  /** A complete data directory we made (marker present). */
  | { readonly kind: 'ours' }
  /** Made by an earlier version of sparkify, before the marker existed: a cluster beside our password file. */
  | { readonly kind: 'legacy' }
  /** initdb of ours was interrupted: only PostgreSQL's own entries, which may be removed and redone. */
  | { readonly kind: 'half-made'; readonly entries: readonly string[] }
  /** Another live process of ours is running initdb on it right now. */
  | { readonly kind: 'initialising'; readonly pid: number };

export interface PendingInit {
  readonly password: string;
  readonly pid: number;
  readonly host: string;
  /** The initdb process, once started: it may outlive a killed sparkify process and still be writing. */
  readonly initdbPid: number;
}

/** The live process of ours (the sparkify process, or its initdb left running) working on DATA_DIR right now, if any. */
export function liveInitialiser(pending: PendingInit | undefined): number | undefined {
  if (!pending || pending.host !== hostname()) return undefined;
  if (isAlive(pending.pid) && pending.pid !== process.pid) return pending.pid;
  if (isAlive(pending.initdbPid) && isInitdb(pending.initdbPid)) return pending.initdbPid;
  return undefined;
}

/** True unless /proc says that pid runs something other than initdb (a reused pid). */
function isInitdb(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.endsWith('initdb');
  } catch {
    return !existsSync('/proc/self');
  }
}

/**
 * Decides what DATA_DIR is before anything is written. Anything that is neither missing, empty, nor
 * a data directory we made is refused: we never delete, empty or take over a folder we did not make.
 */
export async function inspectDataDir(dataDir: string): Promise<DataDirState> {
  const pending = await readPending(dataDir);
  let entries: string[];
  try {
    const info = await stat(dataDir);
    if (!info.isDirectory()) throw refusal(dataDir, 'it is not a folder');
    entries = await readdir(dataDir);
  } catch (error) {
    if (error instanceof WarehouseError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new WarehouseError(`cannot read DATA_DIR ${dataDir}: ${(error as Error).message}`, { cause: error });
    const live = liveInitialiser(pending);
    if (live !== undefined) return { kind: 'initialising', pid: live };
    return pending ? { kind: 'half-made', entries: [] } : { kind: 'missing', existing: deepestExisting(dataDir) };
  }
  if (pending) {
    const live = liveInitialiser(pending);
    if (live !== undefined) return { kind: 'initialising', pid: live };
    const foreign = entries.filter((entry) => !POSTGRES_ENTRIES.has(entry));
    if (foreign.length > 0)
      throw refusal(dataDir, `an initialisation of ours was interrupted there, but it also holds ${describe(foreign)}, which PostgreSQL did not write`);
    return { kind: 'half-made', entries };
  }
  if (entries.length === 0) return { kind: 'empty' };
  if (entries.includes(MARKER_FILE) && entries.includes('PG_VERSION')) return { kind: 'ours' };
  const isCluster = entries.includes('PG_VERSION') && existsSync(path.join(dataDir, 'global', 'pg_control'));
  if (isCluster && existsSync(passwordFileOf(dataDir))) return { kind: 'legacy' };
  if (isCluster)
    throw refusal(dataDir, 'it holds a PostgreSQL data directory that sparkify did not create (no sparkify-data-dir.json, no password file beside it)');
  throw refusal(dataDir, `it is not empty (${describe(entries)}) and is not a data directory sparkify made`);
}

/** Removes what an interrupted initdb of ours left (PostgreSQL's own entries only; the folder stays). */
export async function clearHalfMade(dataDir: string, entries: readonly string[]): Promise<void> {
  for (const entry of entries) {
    if (!POSTGRES_ENTRIES.has(entry)) throw new WarehouseError(`refusing to remove ${path.join(dataDir, entry)}: not written by PostgreSQL`);
    await rm(path.join(dataDir, entry), { recursive: true, force: true });
  }
}

export async function readPending(dataDir: string): Promise<PendingInit | undefined> {
  let text: string;
  try {
    text = await readFile(pendingFileOf(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WarehouseError(`cannot read ${pendingFileOf(dataDir)}: ${(error as Error).message}`, { cause: error });
  }
  const [password = '', info = '{}'] = text.split('\n');
  let parsed: { pid?: unknown; host?: unknown; initdbPid?: unknown } = {};
  try {
    parsed = JSON.parse(info) as typeof parsed;
  } catch {
    // an unreadable claim is a dead claim
  }
  const pid = typeof parsed.pid === 'number' ? parsed.pid : 0;
  return { password, pid, host: typeof parsed.host === 'string' ? parsed.host : '', initdbPid: typeof parsed.initdbPid === 'number' ? parsed.initdbPid : 0 };
}

export function pendingText(password: string, initdbPid?: number): string {
  return `${password}\n${JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), ...(initdbPid ? { initdbPid } : {}) })}\n`;
}

export function markerText(): string {
  return `${JSON.stringify({ createdBy: 'sparkify', createdAt: new Date().toISOString(), note: 'sparkify initialised this PostgreSQL data directory; it may stop, start and re-initialise it' }, null, 2)}\n`;
}

function deepestExisting(target: string): string {
  let folder = path.dirname(target);
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

function refusal(dataDir: string, why: string): WarehouseError {
  return new WarehouseError(
    `refusing to use [WAREHOUSE] DATA_DIR ${dataDir}: ${why}. sparkify initialises only a missing or empty folder, or one it made itself, ` +
      `and never deletes or changes files it did not create; set DATA_DIR to a new folder (e.g. .sparkify/pg)`,
  );
}

function describe(entries: readonly string[]): string {
  const shown = entries.slice(0, 5).join(', ');
  return entries.length > 5 ? `${shown} and ${entries.length - 5} more` : shown;
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
