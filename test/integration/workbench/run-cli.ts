import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.ts';

const BIN = fileURLToPath(new URL('../../../bin/sparkify.js', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `sparkify ...` as a user runs it: a real process, its own stdout and stderr (for error output). */
export function runBin(args: readonly string[], options: { cwd: string; env: Record<string, string>; stdin?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** `sparkify ...` in this process (faster), with a stdin the test drives. */
export async function runMain(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; stdin?: NodeJS.ReadableStream & { isTTY?: boolean } },
): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await main(args, { stdout, env: { ...process.env, ...options.env }, cwd: options.cwd, stdin: options.stdin });
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}
