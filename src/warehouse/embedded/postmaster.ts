import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from './data-dir.ts';
import type { ServerUser } from './server-user.ts';

/** The first lines of DATA_DIR/postmaster.pid: the server's pid and port. */
export interface PidFile {
  readonly pid: number;
  readonly port: number;
}

export async function readPidFile(dataDir: string): Promise<PidFile | undefined> {
  try {
    const lines = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

export type PidOwner =
  /** A live postgres serving exactly this data directory. */
  | 'this data directory'
  /** Nothing alive under that pid. */
  | 'nobody'
  /** A live process that is not a postgres for this data directory (another server, or a reused pid). */
  | 'someone else';

/**
 * Whose is the pid in a pid file: the process must be a postgres whose data directory (its `-D`
 * argument, else its working folder, which the postmaster sets to its data directory) is `dataDir`.
 * Without /proc (not Linux) nothing can be verified, and nothing is stopped.
 */
export function ownerOfPid(pid: number, dataDir: string): PidOwner {
  if (!isAlive(pid)) return 'nobody';
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!path.basename(command[0] ?? '').startsWith('postgres')) return 'someone else';
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    const flag = command.indexOf('-D');
    const served = flag >= 0 && command[flag + 1] ? path.resolve(cwd, command[flag + 1]!) : cwd;
    return sameFolder(served, dataDir) ? 'this data directory' : 'someone else';
  } catch {
    return 'someone else';
  }
}

function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

export interface SpawnedPostmaster {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

/**
 * Starts `postgres -D dataDir` in a process group of its own: Ctrl-C in a terminal reaches our
 * process only, which then rolls back, closes its connections and stops the server in order. Its
 * output goes to a log file in DATA_DIR, so that the server does not depend on our pipes.
 */
export function spawnPostmaster(binary: string, dataDir: string, port: number, settings: Record<string, string>, user: ServerUser): SpawnedPostmaster {
  const log = openSync(path.join(dataDir, 'sparkify-server.log'), 'w', 0o600);
  try {
    const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
    const child = spawn(binary, args, {
      ...(user.ids ?? {}),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
    });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    if (child.pid === undefined) throw new Error(`could not run ${binary}`);
    return { pid: child.pid, child, exited };
  } finally {
    closeSync(log);
  }
}

/** The last lines the server wrote, for error messages. */
export async function serverLogTail(dataDir: string, lines = 8): Promise<string> {
  try {
    const text = await readFile(path.join(dataDir, 'sparkify-server.log'), 'utf8');
    return text.trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Fast shutdown (SIGINT: open transactions are rolled back, then a checkpoint), waiting for the
 * process to exit; after `patienceMs`, immediate shutdown (SIGQUIT, recovered at next start).
 */
export async function stopPostmaster(pid: number, exited?: Promise<void>, patienceMs = 120_000): Promise<void> {
  const gone = exited ?? waitUntilGone(pid);
  signal(pid, 'SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), patienceMs)));
  const stopped = await Promise.race([gone.then(() => true), patience]);
  clearTimeout(timer);
  if (stopped) return;
  signal(pid, 'SIGQUIT');
  await gone;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export async function waitUntilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await sleep(100);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
