import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { WarehouseError } from '../../errors.ts';

const run = promisify(execFile);

/** The OS user the server runs as: ourselves, or, when we are root, `postgres` (PostgreSQL refuses to run as root). */
export interface ServerUser {
  readonly name: string;
  /** Set only when we are root and the server runs as another user. */
  readonly ids?: { readonly uid: number; readonly gid: number };
}

export const SERVER_OS_USER = 'postgres';

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** As root, finds (or creates, as a system user) the `postgres` OS user; otherwise the server runs as us. */
export async function serverUser(): Promise<ServerUser> {
  if (!isRoot()) return { name: 'the current user' };
  let ids = await lookUp(SERVER_OS_USER);
  if (!ids) {
    try {
      await run('groupadd', ['--system', SERVER_OS_USER]).catch(() => undefined);
      await run('useradd', ['--system', '--no-create-home', '--gid', SERVER_OS_USER, SERVER_OS_USER]);
    } catch (error) {
      throw new WarehouseError(
        `running as root, the embedded server needs an OS user '${SERVER_OS_USER}' and creating it failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    ids = await lookUp(SERVER_OS_USER);
    if (!ids) throw new WarehouseError(`created the OS user '${SERVER_OS_USER}' but cannot find its uid`);
  }
  return { name: SERVER_OS_USER, ids };
}

async function lookUp(name: string): Promise<{ uid: number; gid: number } | undefined> {
  // A local user is in /etc/passwd: read there, every run pays no `id` processes; other sources (NSS) through `id`.
  const local = await readFile('/etc/passwd', 'utf8').then(
    (text) => passwdEntry(text, name),
    () => undefined,
  );
  if (local) return local;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** The uid and gid of `name` in /etc/passwd text (name:password:uid:gid:...), if it is there. */
export function passwdEntry(text: string, name: string): { uid: number; gid: number } | undefined {
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields[0] !== name || fields.length < 4) continue;
    const [uid, gid] = [Number(fields[2]), Number(fields[3])];
    if (fields[2] !== '' && fields[3] !== '' && Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
  }
  return undefined;
}

/**
 * As root, the server user must be able to reach `dataDir` through every folder above it. We never
 * change the mode of a folder we did not create, so when one of them is closed to it we say which and
 * how to fix it. `existing` is the deepest folder on the way that exists now.
 */
export function assertServerUserCanReach(user: ServerUser, dataDir: string, existing: string): void {
  if (!user.ids) return;
  if (canSearch(user, existing)) return;
  let blocking = existing;
  for (let folder = path.parse(existing).root, rest = path.relative(folder, existing).split(path.sep).filter(Boolean); ;) {
    if (!canSearch(user, folder)) {
      blocking = folder;
      break;
    }
    const next = rest.shift();
    if (next === undefined) break;
    folder = path.join(folder, next);
  }
  throw new WarehouseError(
    `the embedded server runs as the OS user '${user.name}' (PostgreSQL refuses to run as root), which cannot reach ${dataDir}: ` +
      `it may not enter ${blocking}. sparkify does not change the mode of folders it did not create. ` +
      `Fix: set [WAREHOUSE] DATA_DIR to a folder '${user.name}' can reach (e.g. under /var/lib or /srv), ` +
      `or let it through: setfacl -m u:${user.name}:x ${blocking} (or chmod o+x ${blocking})`,
  );
}

/** `test -x` run as the server user: true when it may enter `folder` (and every folder above it). */
function canSearch(user: ServerUser, folder: string): boolean {
  const result = spawnSync('test', ['-x', folder], { uid: user.ids!.uid, gid: user.ids!.gid, stdio: 'ignore' });
  return result.status === 0;
}
