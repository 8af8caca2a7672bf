import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateDataset } from '#src/generate/index.ts';
import { silentLogger } from '#src/logger.ts';
import { STAGING_TABLES, STAR_TABLES } from '#src/schema/tables.ts';
import { startEmbeddedServer } from '#src/warehouse/embedded-server.ts';

export const BIN = path.resolve('bin/sparkify.js');

export interface CliRun {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` has appeared on stderr (rejects if the process exits first). */
  waitFor(pattern: RegExp): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node bin/sparkify.js ...` as a user runs it, with its output collected. */
export function startCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(err)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`sparkify exited (${code}) before ${waiter.pattern}; stderr:\n${err}`));
      resolve({ code, signal });
    });
  });
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      }),
  };
}

/** A folder of our own under the system temp folder, open to the embedded server's OS user. */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `sparkify-${prefix}-`));
  await chmod(dir, 0o755);
  return dir;
}

/** A generated dataset (deterministic from the seed). */
export async function dataset(root: string, events: number, seed: number, songs = 2_000): Promise<string> {
  await generateDataset({ outDir: root, events, songs, seed });
  return root;
}

export function sourcesIni(root: string): string {
  return `[S3]\nLOG_DATA = ${root}/log_data\nLOG_JSONPATH = ${root}/log_json_path.json\nSONG_DATA = ${root}/song_data\n`;
}

export const ALL_DATA_TABLES = [...STAGING_TABLES, ...STAR_TABLES].map((t) => t.name);

/** Row count and an md5 of every row (in a fixed order) per table: equal checksums, equal tables. */
export async function checksums(connection: pg.ClientConfig, tables: readonly string[] = ALL_DATA_TABLES): Promise<Record<string, string>> {
  const client = new pg.Client(connection);
  client.on('error', () => undefined);
  await client.connect();
  try {
    const result: Record<string, string> = {};
    for (const table of tables) {
      const { rows } = await client.query(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${client.escapeIdentifier(table)} t`,
      );
      result[table] = `${rows[0].n} rows ${rows[0].sum}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** The checksums of every data table of the embedded warehouse in `dataDir`, starting its server for the look and stopping it after. */
export async function embeddedChecksums(dataDir: string, port: number): Promise<Record<string, string>> {
  const server = await startEmbeddedServer({ dataDir, port, database: 'sparkify', logger: silentLogger });
  try {
    return await checksums(server.connection);
  } finally {
    await server.stop();
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lines of stderr that say the run failed, with the progress and info lines left out. */
export function failureLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^(error:|sparkify )/.test(line));
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers (a hung endpoint). */
export interface SilentServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
