import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { WarehouseError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { loadEmbeddedPostgres } from './load-embedded-postgres.ts';
import type { PgConnection } from './pg-warehouse.ts';

export interface EmbeddedServerOptions {
  /** The PostgreSQL data folder (created and initialised on first use). */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly logger: Logger;
}

export interface EmbeddedServer {
  readonly connection: PgConnection;
  /** False when another live process of ours already had the server running and we only joined it. */
  readonly ownsServer: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * Settings for a single-user analytics server: COPY into a table truncated in the same transaction
 * writes no WAL (wal_level=minimal), commits do not wait for the disk (a crash loses at most the last
 * moments, never consistency), and sorts and index builds get room.
 */
const SERVER_SETTINGS = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  wal_level: 'minimal',
  max_wal_senders: '0',
  synchronous_commit: 'off',
  shared_buffers: '256MB',
  work_mem: '256MB',
  maintenance_work_mem: '256MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '30min',
  'timezone': 'UTC',
};

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const { dataDir, logger } = options;
  const password = await readOrCreatePassword(dataDir);
  const running = await inspectPidFile(dataDir, logger);
  if (running?.kind === 'joined') {
    logger.info(`embedded PostgreSQL already running for ${dataDir} (pid ${running.pid}, port ${running.port}); joining it`);
    const connection = { host: '127.0.0.1', port: running.port, database: options.database, user: USER, password };
    await ensureDatabase(connection);
    return { connection, ownsServer: false, stop: async () => {} };
  }

  const messages: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: Object.entries(SERVER_SETTINGS).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    onLog: (message) => remember(messages, message),
    onError: (error) => remember(messages, String(error)),
  });

  try {
    if (!(await isInitialised(dataDir))) {
      await prepareDataDir(dataDir);
      logger.info(`initialising embedded PostgreSQL in ${dataDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw new WarehouseError(`embedded PostgreSQL did not start (port ${options.port}, data ${dataDir}):\n${messages.slice(-8).join('\n')}`, { cause: error ?? undefined });
  }
  const connection = { host: '127.0.0.1', port: options.port, database: options.database, user: USER, password };
  try {
    await ensureDatabase(connection);
  } catch (error) {
    await server.stop();
    throw error;
  }
  logger.debug(`embedded PostgreSQL ready on 127.0.0.1:${options.port}`);
  return {
    connection,
    ownsServer: true,
    stop: () => server.stop(),
  };
}

function remember(messages: string[], message: string): void {
  messages.push(message.trim());
  if (messages.length > 50) messages.shift();
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * A run killed during initdb leaves a half-made folder that initdb refuses; start it over. As root,
 * the server runs as the `postgres` user, which must be able to reach the folder.
 */
async function prepareDataDir(dataDir: string): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) await rm(dataDir, { recursive: true, force: true });
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  if (process.getuid?.() === 0) await chmod(parent, 0o755);
}

/** The password lives beside the data folder, readable only by its owner. */
async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = `${dataDir}.password`;
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new WarehouseError(`cannot read ${file}`, { cause: error });
  }
  if (await isInitialised(dataDir)) {
    throw new WarehouseError(`${dataDir} holds a PostgreSQL cluster but its password file ${file} is missing; delete ${dataDir} to start afresh`);
  }
  const password = randomBytes(18).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

type PidFileState = { kind: 'joined'; pid: number; port: number } | undefined;

/**
 * A server left behind by a run that was killed (its parent gone) is shut down so we can start our
 * own; a server whose parent is alive belongs to another run of ours (say a notebook), so we join it.
 */
async function inspectPidFile(dataDir: string, logger: Logger): Promise<PidFileState> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined; // no pid file: nothing running
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!isPostgresProcess(pid)) return undefined; // stale file: PostgreSQL itself replaces it
  const parent = parentOf(pid);
  if (parent !== undefined && parent !== 1 && isAlive(parent)) return { kind: 'joined', pid, port };
  logger.warn(`stopping embedded PostgreSQL (pid ${pid}) left running by an earlier run that was killed`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 60_000) throw new WarehouseError(`PostgreSQL pid ${pid} on ${dataDir} did not stop within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  try {
    return readProc(pid, 'comm').trim().startsWith('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readProc(pid, 'stat');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function readProc(pid: number, file: string): string {
  return readFileSync(`/proc/${pid}/${file}`, 'utf8');
}

async function ensureDatabase(connection: PgConnection): Promise<void> {
  const client = new pg.Client({ ...connection, database: 'postgres' });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [connection.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(connection.database)}`);
  } catch (error) {
    throw new WarehouseError(`cannot prepare database ${connection.database} on the embedded server: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
