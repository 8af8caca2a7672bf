import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { InterruptedError, WarehouseError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { registerCleanup } from '../run/cleanup.ts';
import { loadSql, readSql } from '../sql/sql-files.ts';
import { postgresBinaries } from './embedded/binaries.ts';
import {
  clearHalfMade,
  inspectDataDir,
  isAlive,
  liveInitialiser,
  MARKER_FILE,
  markerText,
  passwordFileOf,
  pendingFileOf,
  pendingText,
  readPending,
} from './embedded/data-dir.ts';
import { runInitdb, SUPERUSER } from './embedded/initdb.ts';
import {
  ownerOfPid,
  readPidFile,
  serverLogTail,
  sleep,
  spawnPostmaster,
  stopPostmaster,
  waitUntilGone,
  type SpawnedPostmaster,
} from './embedded/postmaster.ts';
import { assertServerUserCanReach, serverUser, type ServerUser } from './embedded/server-user.ts';
import { abortSignalName, connectClient, DEFAULT_PG_TIMEOUTS, type PgConnection, type PgTimeouts } from './pg-connect.ts';
import { AdvisorySession } from './run-lock/advisory-session.ts';

export interface EmbeddedServerOptions {
  /** The PostgreSQL data folder: created and initialised when missing or empty; otherwise it must be one we made. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly logger: Logger;
  readonly timeouts?: PgTimeouts;
  /** Aborted by SIGINT / SIGTERM: an initdb in progress is stopped and what it left is removed. */
  readonly signal?: AbortSignal;
}

export interface EmbeddedServer {
  readonly connection: PgConnection;
  /** True when this process started the server; false when it joined one another process of ours runs. */
  readonly ownsServer: boolean;
  /** Leaves the server: the last process using it stops it; others leave it running for those still on it. */
  stop(): Promise<void>;
}

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
  // x124 (1.85M songs): the songs and artists models sort ~300 MB in their windows; with 256 MB they
  // spilled to disk (transform 17.0 s -> 14.8 s with room in memory). A limit per sort or hash, not a reservation.
  work_mem: '512MB',
  maintenance_work_mem: '256MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '30min',
  timezone: 'UTC',
};

const ATTEMPTS = 5;

/**
 * Starts the embedded PostgreSQL for DATA_DIR, or joins the one another process of ours runs for it.
 * Every process using the server holds a shared advisory lock on it; whoever leaves last stops it, so
 * no run loses its server to another run's end (see docs/guarantees.md).
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const { logger } = options;
  const timeouts = options.timeouts ?? DEFAULT_PG_TIMEOUTS;
  const user = await serverUser();
  for (let attempt = 1; ; attempt++) {
    await prepareDataDir(dataDir, user, logger, options.signal);
    if (options.signal?.aborted)
      throw new InterruptedError(
        abortSignalName(options.signal),
        `interrupted by ${abortSignalName(options.signal)} before the embedded server for ${dataDir} started: no server was started, no table touched`,
      );
    const password = (await readFile(passwordFileOf(dataDir), 'utf8')).split('\n')[0]!.trim();
    const running = await readPidFile(dataDir);
    if (running) {
      const owner = ownerOfPid(running.pid, dataDir);
      if (owner === 'this data directory') {
        const joined = await join(dataDir, running.pid, running.port, password, options, timeouts);
        if (joined) return joined;
        logger.info(`the embedded server for ${dataDir} (pid ${running.pid}) is being stopped by another run; starting it again once it has stopped`);
        await waitUntilGone(running.pid);
        continue;
      }
      // postmaster.pid in a data directory of ours naming a process that is not its server (a pid
      // reused after a crash, or another PostgreSQL): stale. PostgreSQL would refuse to start while
      // that process lives; the process itself is left alone.
      logger.warn(
        `${path.join(dataDir, 'postmaster.pid')} names pid ${running.pid}, which is ${owner === 'nobody' ? 'not running' : 'not the server of this data directory'}; removing the stale file (that process is left alone)`,
      );
      await unlink(path.join(dataDir, 'postmaster.pid')).catch(() => undefined);
    }
    const started = await startOwn(dataDir, password, user, options, timeouts);
    if (started) return started;
    if (attempt >= ATTEMPTS)
      throw new WarehouseError(
        `could not start or join the embedded server for ${dataDir} after ${ATTEMPTS} attempts (another run kept starting and stopping it)`,
      );
  }
}

/** Makes DATA_DIR a complete data directory of ours, or refuses (inspectDataDir) when it is not ours to touch. */
async function prepareDataDir(dataDir: string, user: ServerUser, logger: Logger, signal: AbortSignal | undefined): Promise<void> {
  let created = false;
  for (;;) {
    const state = await inspectDataDir(dataDir);
    switch (state.kind) {
      case 'ours':
        return;
      case 'legacy':
        logger.info(`${dataDir} was made by an earlier version of sparkify; marking it as ours (${MARKER_FILE})`);
        await writeOwned(path.join(dataDir, MARKER_FILE), markerText(), user);
        return;
      case 'initialising':
        logger.info(`another sparkify process (or the initdb it left running, pid ${state.pid}) is initialising ${dataDir}; waiting for it`);
        while (liveInitialiser(await readPending(dataDir)) === state.pid) await sleep(200);
        continue;
      case 'missing':
        assertServerUserCanReach(user, dataDir, state.existing);
        created = await createDataDir(dataDir, user);
        break;
      case 'empty':
        await assertUsableEmptyFolder(dataDir, user);
        break;
      case 'half-made':
        logger.warn(`${dataDir} was left half-initialised by an interrupted run; initialising it again`);
        await clearHalfMade(dataDir, state.entries);
        // Now empty, and claimed as ours by the claim file: made afresh (a mount point stays, and must be usable as it is).
        if (
          await rmdir(dataDir).then(
            () => true,
            () => false,
          )
        )
          created = await createDataDir(dataDir, user);
        else if (existsSync(dataDir)) await assertUsableEmptyFolder(dataDir, user);
        else created = await createDataDir(dataDir, user);
        break;
    }
    try {
      await initialise(dataDir, user, logger, signal);
    } catch (error) {
      if (error instanceof InterruptedError) throw await afterInterruptedInit(dataDir, created, error);
      throw error;
    }
    return;
  }
}

/** Creates DATA_DIR (mode 0700) and any missing folders above it (0755, so the server user can pass); true when DATA_DIR itself was created. */
async function createDataDir(dataDir: string, user: ServerUser): Promise<boolean> {
  const created = await mkdir(dataDir, { recursive: true, mode: 0o755 });
  if (!created) return false; // it existed (empty or half-made): not ours to change
  // mkdir reports the first folder it created: those are ours, and only those get a mode.
  for (let folder = dataDir; ; folder = path.dirname(folder)) {
    await chmod(folder, folder === dataDir ? 0o700 : 0o755);
    if (folder === created || path.dirname(folder) === folder) break;
  }
  if (user.ids) await chown(dataDir, user.ids.uid, user.ids.gid);
  return true;
}

/**
 * initdb was stopped by SIGINT / SIGTERM. It removes what it wrote as it exits; then the folder is
 * empty and we put things back as they were: the folder removed if this run created it, the claim
 * file removed. Anything left (initdb killed before it could tidy up) stays claimed as ours, so the
 * next run clears PostgreSQL's own entries and initialises again; the message says so, and what to
 * remove by hand instead. Never a folder that looks complete: the marker is written after initdb.
 */
async function afterInterruptedInit(dataDir: string, created: boolean, error: InterruptedError): Promise<InterruptedError> {
  const claim = pendingFileOf(dataDir);
  const left = await readdir(dataDir).catch(() => [] as string[]);
  const head = `interrupted by ${error.signal} while initialising the embedded warehouse in ${dataDir}`;
  if (left.length === 0) {
    if (created) await rmdir(dataDir).catch(() => undefined);
    await rm(claim, { force: true });
    await rm(`${claim}.new`, { force: true });
    return new InterruptedError(
      error.signal,
      `${head}: nothing was created (${created ? 'the folder is removed' : 'the folder is empty again'}); the next run initialises it afresh`,
      { cause: error },
    );
  }
  return new InterruptedError(
    error.signal,
    `${head}: it is half-made and marked so (${path.basename(claim)}); the next run clears it and initialises it again (or remove ${dataDir} and ${claim} yourself)`,
    { cause: error },
  );
}

/** initdb makes an existing folder private (0700); a folder the user made must already be so (we do not chmod it). */
async function assertUsableEmptyFolder(dataDir: string, user: ServerUser): Promise<void> {
  const info = await stat(dataDir);
  const owner = user.ids?.uid ?? process.getuid?.();
  const problems: string[] = [];
  if (owner !== undefined && info.uid !== owner) problems.push(`it is owned by uid ${info.uid}, not by the server's user ${user.name}`);
  if ((info.mode & 0o777) !== 0o700) problems.push(`its mode is ${(info.mode & 0o777).toString(8).padStart(4, '0')}, and PostgreSQL needs 0700`);
  if (problems.length === 0) return;
  const fix = user.ids ? `chown ${user.name}:${user.name} ${dataDir} && chmod 700 ${dataDir}` : `chmod 700 ${dataDir}`;
  throw new WarehouseError(
    `refusing to initialise [WAREHOUSE] DATA_DIR ${dataDir}: ${problems.join('; ')}. sparkify does not change folders it did not create: ` +
      `remove the empty folder (sparkify then creates it) or run: ${fix}`,
  );
}

/**
 * initdb with the password in a file only its owner reads: the claim file beside DATA_DIR, which
 * also marks the folder as ours while initdb runs (an interrupted initdb may then be redone).
 */
async function initialise(dataDir: string, user: ServerUser, logger: Logger, signal: AbortSignal | undefined): Promise<void> {
  const binaries = await postgresBinaries();
  const pending = await readPending(dataDir);
  const previous = await readFile(passwordFileOf(dataDir), 'utf8').catch(() => undefined);
  const password = pending?.password || previous?.split('\n')[0]?.trim() || randomBytes(18).toString('base64url');
  const claim = pendingFileOf(dataDir);
  await rm(claim, { force: true });
  await writeFile(claim, pendingText(password), { mode: 0o600, flag: 'wx' });
  if (user.ids) await chown(claim, user.ids.uid, user.ids.gid);
  logger.info(`initialising embedded PostgreSQL in ${dataDir}`);
  // The claim also names initdb once it runs: if this process is killed, initdb may go on writing, and
  // the next run must wait for it rather than clear the folder under it. Replaced by rename, so initdb
  // reads the password from either version of the file.
  const nameInitdb = async (initdbPid: number) => {
    await writeFile(`${claim}.new`, pendingText(password, initdbPid), { mode: 0o600 });
    if (user.ids) await chown(`${claim}.new`, user.ids.uid, user.ids.gid);
    await rename(`${claim}.new`, claim);
  };
  await runInitdb(binaries.initdb, dataDir, claim, user, signal, (pid) => nameInitdb(pid).catch(() => undefined));
  await writeOwned(path.join(dataDir, MARKER_FILE), markerText(), user);
  await writeFile(passwordFileOf(dataDir), `${password}\n`, { mode: 0o600 });
  await unlink(claim);
  await rm(`${claim}.new`, { force: true });
}

async function writeOwned(file: string, text: string, user: ServerUser): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
  if (user.ids) await chown(file, user.ids.uid, user.ids.gid);
}

/** Starts our own server; undefined when another process started one for DATA_DIR at the same moment (join it then). */
async function startOwn(
  dataDir: string,
  password: string,
  user: ServerUser,
  options: EmbeddedServerOptions,
  timeouts: PgTimeouts,
): Promise<EmbeddedServer | undefined> {
  const { logger, port } = options;
  const binaries = await postgresBinaries();
  const spawned = spawnPostmaster(binaries.postgres, dataDir, port, SERVER_SETTINGS, user);
  const connection = { host: '127.0.0.1', port, database: options.database, user: SUPERUSER, password };
  const ready = await waitUntilReady(spawned, connection);
  if (!ready) {
    const running = await readPidFile(dataDir);
    if (running && running.pid !== spawned.pid && ownerOfPid(running.pid, dataDir) === 'this data directory') return undefined;
    const tail = await serverLogTail(dataDir);
    throw new WarehouseError(`embedded PostgreSQL did not start (port ${port}, data ${dataDir}):\n${tail}`);
  }
  let session: AdvisorySession;
  try {
    session = await AdvisorySession.open({ ...connection, database: 'postgres' }, timeouts, serverUserName(), logger);
    await session.tryLock('serverUsers', 'shared');
    await ensureDatabase(connection, timeouts, logger);
  } catch (error) {
    await stopPostmaster(spawned.pid, spawned.exited);
    throw error;
  }
  logger.debug(`embedded PostgreSQL ready on 127.0.0.1:${port} (pid ${spawned.pid})`);
  return usingServer(dataDir, spawned.pid, connection, session, true, logger, spawned.exited);
}

/** Joins a running server of this DATA_DIR; undefined when it is being stopped by its last user. */
async function join(
  dataDir: string,
  pid: number,
  port: number,
  password: string,
  options: EmbeddedServerOptions,
  timeouts: PgTimeouts,
): Promise<EmbeddedServer | undefined> {
  const connection = { host: '127.0.0.1', port, database: options.database, user: SUPERUSER, password };
  let session: AdvisorySession;
  try {
    session = await AdvisorySession.open({ ...connection, database: 'postgres' }, timeouts, serverUserName(), options.logger);
  } catch (error) {
    if (!isAlive(pid)) return undefined;
    throw error;
  }
  if (!(await session.tryLock('serverUsers', 'shared').catch(() => false))) {
    await session.close();
    return undefined;
  }
  options.logger.info(`embedded PostgreSQL already running for ${dataDir} (pid ${pid}, port ${port}); using it`);
  await ensureDatabase(connection, timeouts, options.logger);
  return usingServer(dataDir, pid, connection, session, false, options.logger);
}

function usingServer(
  dataDir: string,
  pid: number,
  connection: PgConnection,
  session: AdvisorySession,
  owns: boolean,
  logger: Logger,
  exited?: Promise<void>,
): EmbeddedServer {
  let left: Promise<void> | undefined;
  const leave = async () => {
    // The last user (an exclusive lock is granted only when no one else holds the shared one) stops
    // the server while still holding the lock, so nobody can join a server that is going away.
    const last = await session.tryLock('serverUsers', 'exclusive').catch(() => true);
    if (last) {
      await stopPostmaster(pid, exited);
      await session.close();
      logger.debug(`embedded PostgreSQL (pid ${pid}) stopped`);
      return;
    }
    const others = await session.holders('serverUsers').catch(() => []);
    await session.close();
    logger.info(
      `leaving the embedded server for ${dataDir} running: ${others.map((o) => o.application).join(', ') || 'another process of ours'} still uses it`,
    );
  };
  const unregister = registerCleanup(() => (left ??= leave()));
  return {
    connection,
    ownsServer: owns,
    stop: () => {
      unregister();
      return (left ??= leave());
    },
  };
}

function serverUserName(): string {
  return `sparkify server user pid ${process.pid}`;
}

/** Polls until the server accepts a login; false when the process exited first (its log says why). */
async function waitUntilReady(spawned: SpawnedPostmaster, connection: PgConnection): Promise<boolean> {
  let exited = false;
  void spawned.exited.then(() => (exited = true));
  for (;;) {
    if (exited) return false;
    const client = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(100);
    }
  }
}

/**
 * The run's database, created with the C collation (text sorted by bytes, as on Redshift). An
 * existing database with another collation (made by an older version) is used with a warning.
 */
async function ensureDatabase(connection: PgConnection, timeouts: PgTimeouts, logger: Logger): Promise<void> {
  const client = await connectClient({ ...connection, database: 'postgres' }, timeouts, 'sparkify setup', logger);
  try {
    const exists = await client.query(readSql('common/database_exists'), [connection.database]);
    if (exists.rowCount === 0) await client.query(loadSql('common/create_database_c_locale', { identifiers: { database: connection.database } }));
  } catch (error) {
    throw new WarehouseError(`cannot prepare database ${connection.database} on the embedded server: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
  const target = await connectClient(connection, timeouts, 'sparkify setup', logger);
  try {
    const { rows } = await target.query<{ collation: string }>(readSql('common/database_collation'));
    const collation = rows[0]?.collation;
    if (collation && collation !== 'C' && collation !== 'POSIX') {
      logger.warn(
        `database ${connection.database} sorts text with collation ${collation}, not C (byte order, as Redshift): ordered results may differ from Redshift's. A new DATA_DIR gets C.`,
      );
    }
  } finally {
    await target.end().catch(() => undefined);
  }
}
